"""Reading staff spreadsheets of results: parsing (CSV in any Chinese encoding, real XLSX), columns and rows."""
