"""Read the stored outcome of an upload's validation for its preview page: counts, errors, rows by status.

`Preview.as_outcome()` (results.py) writes the outcome when the file is uploaded, as plain JSON:

    {"file_error": "",                          # why the file as a whole cannot be read ({language: text}), or ""
     "file_errors": [{"row": 1, "column": "消防", "message": {"zh-hans": "…", "en": "…"}}],   # header errors
     "counts": {"new": 0, "changed": 0, "unchanged": 0, "error": 0},  # rows per status
     "error_count": 0,                          # header errors and row errors together
     "rows": [{"number": 2, "id_number": "…", "name": "…", "status": "new",
               "entries": [{"subject": "law", "specialty": "", "value": "72", "replaces": "58.0"}],
               "errors": [{"row": 2, "column": "安全生产管理", "message": {"zh-hans": "…", "en": "…"}}]}]}

Messages are kept in every language of the site (`candidates.imports.messages`): the preview reads in the
language of whoever opens it, whoever uploaded the file.

The upload keeps everything but the rows, plus "digest", the SHA-256 of the whole outcome as canonical JSON: the
confirm step validates again and compares its fresh outcome with the stored one by it.

An entry's `value` and `replaces` (the stored result it changes, else null) are a score or a result code.
candidates.services.imports keeps each row as an ImportRow and the rest as ImportUpload.outcome, so that a page
of rows of one status is read in SQL, never the whole file.
"""
from candidates.models import ImportUpload
from candidates.models.choices import ResultCode, Subject

from .messages import localised
from .results import CHANGED, ERROR, NEW, UNCHANGED

STATUSES = (ERROR, NEW, CHANGED, UNCHANGED)
CODES = {code.value for code in ResultCode}


def value_label(value: str) -> str:
    """Return a score as written, or a result code's label."""
    return str(ResultCode(value).label) if value in CODES else value


def localised_errors(errors: list[dict]) -> list[dict]:
    """Return stored errors with their message in the active language."""
    return [{**error, "message": localised(error["message"])} for error in errors]


class OutcomeEntry:
    """One subject of a row: its label, the value it imports and the one it replaces."""

    def __init__(self, data: dict):
        self.subject = data["subject"]
        self.value = value_label(data["value"])
        self.replaces = value_label(data["replaces"]) if data["replaces"] is not None else None

    @property
    def subject_label(self) -> str:
        return str(Subject(self.subject).label)


class OutcomeRow:
    """One row of the file as the preview shows it."""

    def __init__(self, data: dict):
        self.number = data["number"]
        self.id_number = data["id_number"]
        self.name = data["name"]
        self.status = data["status"]
        self.errors = localised_errors(data["errors"])
        self.entries = [OutcomeEntry(entry) for entry in data["entries"]]


class OutcomeRows:
    """Rows for a Paginator: their number known from the counts, a page read from the database when sliced."""

    def __init__(self, rows, count: int):
        self.rows = rows.order_by("number").values_list("outcome", flat=True)
        self.count_known = count

    def __len__(self) -> int:
        return self.count_known

    def __getitem__(self, index: slice) -> list[OutcomeRow]:
        return [OutcomeRow(row) for row in self.rows[index]]


class ImportOutcome:
    """An upload's stored outcome, read for its preview page: whole-file figures here, rows a page at a time."""

    def __init__(self, upload: ImportUpload):
        self.upload = upload
        self.data = upload.outcome

    @property
    def file_error(self) -> str:
        return localised(self.data["file_error"])

    @property
    def file_errors(self) -> list[dict]:
        return localised_errors(self.data["file_errors"])

    @property
    def counts(self) -> dict[str, int]:
        return self.data["counts"]

    @property
    def error_count(self) -> int:
        return self.data["error_count"]

    @property
    def row_count(self) -> int:
        return sum(self.counts.values())

    @property
    def can_confirm(self) -> bool:
        return not self.file_error and not self.error_count and bool(self.counts[NEW] + self.counts[CHANGED])

    def rows(self, status: str = "") -> OutcomeRows:
        """Return the rows with `status` (one of STATUSES), or all of them, in file order."""
        if status not in STATUSES:
            return OutcomeRows(self.upload.rows.all(), self.row_count)
        return OutcomeRows(self.upload.rows.filter(status=status), self.counts[status])

    def errors(self) -> list[dict]:
        """Return every error, the header's first, then each row's in row order (one query for all the rows)."""
        return self.file_errors + [error for row in self.rows(ERROR)[:] for error in row.errors]
