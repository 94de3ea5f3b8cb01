"""CSV and XLSX exports that are safe to open in a spreadsheet: no formula ever runs, ID numbers masked.

A text cell starting with `=`, `+`, `-`, `@`, a tab, CR or NUL is prefixed with an apostrophe (OWASP CSV
injection), and XLSX cells are written as inline strings, never as formulas. Control characters that XLSX
cannot hold are dropped from XLSX cells rather than failing the whole download.
"""
import csv
import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, TYPE_STRING

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\0")


def safe_cell(value) -> str | int | float:
    """Return `value` as a cell that a spreadsheet shows as text, never evaluates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(DANGEROUS_FIRST) else text


def csv_bytes(headers: list[str], rows: list[list]) -> bytes:
    """Return UTF-8 CSV with a BOM (so that Excel on Chinese Windows reads it right)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(h) for h in headers])
    writer.writerows([[safe_cell(value) for value in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(title: str, headers: list[str], rows: list[list]) -> bytes:
    """Return an XLSX workbook of one sheet whose text cells are strings, never formulas."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for r, row in enumerate([headers, *rows], start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            safe = safe_cell(value)
            if isinstance(safe, str):
                safe = ILLEGAL_CHARACTERS_RE.sub("", safe)
            cell.value = safe
            if isinstance(safe, str):
                cell.data_type = TYPE_STRING
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
