"""Turn uploaded bytes into rows of text cells, refusing what is not a bounded CSV or a real XLSX file."""
import csv
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .messages import message

MAX_ROWS = 20_000
MAX_COLUMNS = 30
MAX_CELL = 200

TOO_BIG = _("The file is larger than %(mb)s MB: split it into smaller files.")
EMPTY = _("The file is empty.")
NOT_XLSX = _("This file is not a real Excel (.xlsx) workbook: save it again from Excel as .xlsx, or as CSV.")
UNREADABLE_XLSX = _("The Excel workbook could not be read: save it again from Excel as .xlsx, or as CSV.")
UNKNOWN_ENCODING = _("The CSV file is neither UTF-8 nor GBK/GB18030 text: save it again as CSV (UTF-8).")
NOT_CSV = _("The CSV file could not be read: %(error)s.")
TOO_MANY_ROWS = _("The file has more than %(max)s rows: split it into smaller files.")
TOO_MANY_COLUMNS = _("The file has more than %(max)s columns: keep only the columns of the template.")
CELL_TOO_LONG = _("Row %(row)s, column %(column)s: the cell has more than %(max)s characters.")
UNSUPPORTED = _("Upload a .csv or .xlsx file.")


class UnreadableFile(ValueError):
    """The file as a whole cannot be read; the message says why, for the person who uploaded it."""


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells)


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", 5 * 1024 * 1024)


def read_table(content: bytes, name: str) -> Table:
    """Return the header and the non-blank rows of a CSV or XLSX file, or raise UnreadableFile."""
    if len(content) > max_bytes():
        raise UnreadableFile(message(TOO_BIG, {"mb": max_bytes() // (1024 * 1024)}))
    if not content.strip():
        raise UnreadableFile(EMPTY)
    lower = name.lower()
    if content.startswith(b"PK\x03\x04"):
        cells = _xlsx_rows(content)
    elif lower.endswith((".xlsx", ".xlsm", ".xls")):
        raise UnreadableFile(NOT_XLSX)
    elif lower.endswith((".csv", ".txt")) or not lower.rpartition(".")[1]:
        cells = _csv_rows(content)
    else:
        raise UnreadableFile(UNSUPPORTED)
    return _bounded(cells)


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    for encoding in ("utf-8", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise UnreadableFile(UNKNOWN_ENCODING)
        return text
    raise UnreadableFile(UNKNOWN_ENCODING)


def _csv_rows(content: bytes):
    text = _decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        yield from csv.reader(io.StringIO(text, newline=""), dialect)
    except csv.Error as error:
        raise UnreadableFile(message(NOT_CSV, {"error": error})) from error


def _xlsx_rows(content: bytes):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise UnreadableFile(NOT_XLSX)
            if sum(info.file_size for info in archive.infolist()) > 20 * max_bytes():
                raise UnreadableFile(UNREADABLE_XLSX)
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except UnreadableFile:
        raise
    except Exception as error:  # a damaged or hostile workbook: any parser error is the same answer
        raise UnreadableFile(UNREADABLE_XLSX) from error
    try:
        sheet = workbook.worksheets[0]
        for count, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if count > MAX_ROWS + 1:
                raise UnreadableFile(message(TOO_MANY_ROWS, {"max": MAX_ROWS}))
            yield [_cell_text(value) for value in row[: MAX_COLUMNS + 1]]
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(UNREADABLE_XLSX) from error
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _bounded(cells) -> Table:
    header, rows = None, []
    for number, row in enumerate(cells, start=1):
        if len(row) > MAX_COLUMNS and any(cell.strip() for cell in row[MAX_COLUMNS:]):
            raise UnreadableFile(message(TOO_MANY_COLUMNS, {"max": MAX_COLUMNS}))
        row = [cell.strip() for cell in row[:MAX_COLUMNS]]
        for column, cell in enumerate(row, start=1):
            if len(cell) > MAX_CELL:
                raise UnreadableFile(message(CELL_TOO_LONG, {"row": number, "column": column, "max": MAX_CELL}))
        if not any(row):
            continue
        if header is None:
            header = row
            continue
        if len(rows) >= MAX_ROWS:
            raise UnreadableFile(message(TOO_MANY_ROWS, {"max": MAX_ROWS}))
        rows.append((number, row))
    if header is None:
        raise UnreadableFile(EMPTY)
    return Table(header, rows)
