"""Check every row of a results file against the school's candidates and say what confirming would change."""
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from candidates import rules
from candidates.models import Candidate, Enrolment, SubjectResult
from candidates.models.choices import Level, ResultCode, Subject
from candidates.validators import normalize_id_number, validate_id_number

from .columns import ID_NUMBER, NAME, SPECIALTY, column_key, score_or_code, specialty_of
from .messages import in_every_language, message
from .parsing import Table, UnreadableFile

UNKNOWN_COLUMN = _("Unknown column “%(header)s”: use the template's headers.")
DUPLICATE_COLUMN = _("The column “%(header)s” appears twice.")
NO_ID_COLUMN = _("The ID number column (身份证号) is missing.")
NO_SUBJECT_COLUMN = _(
    "No subject column: add at least one of 安全生产法律法规, 安全生产管理, 安全生产技术基础, 安全生产专业实务."
)
BAD_ID_NUMBER = _("This is not a valid ID number.")
NOT_OUR_CANDIDATE = _("No candidate of your school has this ID number: enrol the candidate first.")
DUPLICATE_ROW = _("This ID number already appears in row %(row)s.")
NOT_A_SCORE = _("“%(value)s” is not a score (0–100) or a code (缺考, 违纪, 成绩无效, -1, -2, -4).")
OUT_OF_RANGE = _("A score is between 0 and 100, not %(value)s.")
TOO_PRECISE = _("A score has at most one decimal place, not %(value)s.")
NOT_IN_LEVEL = _("This candidate's level (%(level)s) does not include this subject.")
UNKNOWN_SPECIALTY = _("Unknown specialty “%(value)s”.")
EMPTY_ROW = _("No score or code in this row.")

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_outcome(self) -> dict:
        return {"row": self.row, "column": self.column, "message": in_every_language(self.message)}


@dataclass(frozen=True)
class ExistingResult:
    """The stored result an entry would replace, read as plain values (no model instance per row)."""

    pk: int
    score: Decimal | None
    code: str
    voided: bool


@dataclass
class Entry:
    subject: str
    specialty: str
    score: Decimal | None
    code: str
    existing: ExistingResult | None

    @property
    def subject_label(self) -> str:
        return str(Subject(self.subject).label)

    @property
    def outcome(self) -> str:
        return str(self.score) if self.score is not None else str(ResultCode(self.code).label)

    @cached_property
    def status(self) -> str:
        if self.existing is None:
            return NEW
        same = self.existing.code == self.code and (
            self.existing.score == self.score if self.score is not None else self.existing.score is None
        )
        return UNCHANGED if same and not self.existing.voided else CHANGED

    def as_outcome(self) -> dict:
        """The entry as the preview shows it: the value it replaces only when it changes a counted result."""
        replaced = self.existing if self.status == CHANGED and not self.existing.voided else None
        return {"subject": self.subject, "specialty": self.specialty, "value": _value(self.score, self.code),
                "replaces": None if replaced is None else _value(replaced.score, replaced.code)}


def _value(score: Decimal | None, code: str) -> str:
    """Return a score as text, or a result code (the page shows its label)."""
    return str(score) if score is not None else code


@dataclass
class PreviewRow:
    number: int
    id_number: str
    name: str
    candidate: Candidate | None = None
    entries: list[Entry] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @cached_property
    def status(self) -> str:
        """Read once the row is complete (the preview is built first, then shown)."""
        if self.errors:
            return ERROR
        statuses = {entry.status for entry in self.entries}
        if statuses == {UNCHANGED}:
            return UNCHANGED
        return NEW if statuses == {NEW} else CHANGED

    def as_outcome(self) -> dict:
        return {"number": self.number, "id_number": self.id_number,
                "name": self.candidate.full_name if self.candidate is not None else self.name,
                "status": self.status, "entries": [entry.as_outcome() for entry in self.entries],
                "errors": [error.as_outcome() for error in self.errors]}


@dataclass
class Preview:
    """Every row of a file with its status and errors; shared by the results and the roster previews."""

    rows: list
    file_errors: list[RowError]

    @cached_property
    def errors(self) -> list[RowError]:
        return self.file_errors + [error for row in self.rows for error in row.errors]

    @cached_property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys((NEW, CHANGED, UNCHANGED, ERROR), 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def can_confirm(self) -> bool:
        return not self.errors and any(row.status in (NEW, CHANGED) for row in self.rows)

    def as_outcome(self) -> dict:
        """Return what the preview page shows, as plain JSON (candidates.imports.outcome reads it back)."""
        return {
            "file_error": "",
            "file_errors": [error.as_outcome() for error in self.file_errors],
            "counts": self.counts,
            "error_count": len(self.errors),
            "rows": [row.as_outcome() for row in self.rows],
        }


def unreadable_outcome(error: UnreadableFile) -> dict:
    """Return the outcome of a file that cannot be read at all: no rows, and the message that says why."""
    return {**Preview([], []).as_outcome(), "file_error": in_every_language(error.args[0])}


def _columns(header: list[str]) -> tuple[dict[str, int], list[RowError]]:
    columns, errors = {}, []
    for index, text in enumerate(header):
        if not text:
            continue
        key = column_key(text)
        if key is None:
            errors.append(RowError(1, text, message(UNKNOWN_COLUMN, {"header": text})))
        elif key in columns:
            errors.append(RowError(1, text, message(DUPLICATE_COLUMN, {"header": text})))
        else:
            columns[key] = index
    if ID_NUMBER not in columns:
        errors.append(RowError(1, "", NO_ID_COLUMN))
    if not any(subject in columns for subject in rules.Subject):
        errors.append(RowError(1, "", NO_SUBJECT_COLUMN))
    return columns, errors


def results_preview(table: Table, *, school, exam_year: int) -> Preview:
    """Validate every row of `table` for `school` and `exam_year`; a fixed number of queries for any row count."""
    columns, file_errors = _columns(table.header)
    if file_errors:
        return Preview([], file_errors)
    header = dict(enumerate(table.header))

    def cell(row, key):
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else ""

    ids = {}
    for _number, row in table.rows:
        try:
            ids[normalize_id_number(cell(row, ID_NUMBER))] = None
        except Exception:  # noqa: S112 - an unreadable ID number is reported per row below
            continue
    ours = Enrolment.objects.filter(cohort__school=school).values("candidate_id")
    candidates = {c.id_number: c for c in Candidate.objects.filter(id_number__in=list(ids), pk__in=ours).only(
        "pk", "id_number", "full_name", "level", "specialty")}
    existing = {}
    stored = SubjectResult.objects.filter(
        candidate_id__in=[candidate.pk for candidate in candidates.values()], exam_year_id=exam_year,
    ).values_list(
        "candidate_id", "subject", "specialty", "pk", "score", "code", "voided")
    for candidate_id, subject, specialty, *values in stored:
        existing[(candidate_id, subject, specialty)] = ExistingResult(*values)

    rows, seen = [], {}
    for number, row in table.rows:
        id_text = cell(row, ID_NUMBER)
        preview = PreviewRow(number, id_text, cell(row, NAME))
        rows.append(preview)
        id_header = header[columns[ID_NUMBER]]
        try:
            validate_id_number(id_text)
            id_number = normalize_id_number(id_text)
        except Exception:
            preview.errors.append(RowError(number, id_header, BAD_ID_NUMBER))
            continue
        if id_number in seen:
            preview.errors.append(RowError(number, id_header, message(DUPLICATE_ROW, {"row": seen[id_number]})))
            continue
        seen[id_number] = number
        candidate = candidates.get(id_number)
        if candidate is None:
            preview.errors.append(RowError(number, id_header, NOT_OUR_CANDIDATE))
            continue
        preview.candidate = candidate
        level_subjects = rules.LEVEL_SUBJECTS[rules.Level(candidate.level)]
        specialty = candidate.specialty
        if SPECIALTY in columns and cell(row, SPECIALTY):
            specialty = specialty_of(cell(row, SPECIALTY))
            if specialty is None:
                preview.errors.append(RowError(number, header[columns[SPECIALTY]], message(
                    UNKNOWN_SPECIALTY, {"value": cell(row, SPECIALTY)})))
                continue
        for subject in rules.Subject:
            text = cell(row, subject)
            if subject not in columns or not text:
                continue
            column = header[columns[subject]]
            parsed = score_or_code(text)
            if parsed is None:
                preview.errors.append(RowError(number, column, message(NOT_A_SCORE, {"value": text})))
                continue
            score, code = parsed
            if score is not None and not Decimal(0) <= score <= Decimal(100):
                preview.errors.append(RowError(number, column, message(OUT_OF_RANGE, {"value": text})))
                continue
            if score is not None and score != score.quantize(Decimal("0.1")):
                # Stored with one decimal, 59.95 would round to 60.0 yet have been judged a fail.
                preview.errors.append(RowError(number, column, message(TOO_PRECISE, {"value": text})))
                continue
            if subject not in level_subjects:
                preview.errors.append(RowError(number, column, message(
                    NOT_IN_LEVEL, {"level": Level(candidate.level).label})))
                continue
            row_specialty = specialty if subject is rules.Subject.PRACTICE else ""
            preview.entries.append(Entry(subject.value, row_specialty, score, code,
                                         existing.get((candidate.pk, subject.value, row_specialty))))
        if not preview.entries and not preview.errors:
            preview.errors.append(RowError(number, "", EMPTY_ROW))
    return Preview(rows, [])


def subject_label(subject: str) -> str:
    return str(Subject(subject).label)
