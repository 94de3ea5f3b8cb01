"""Check every row of a roster spreadsheet for a cohort: new candidates, candidates joining, ones already there."""
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from candidates.models import Candidate, Enrolment, Province
from candidates.models.choices import Level, Specialty
from candidates.validators import normalize_id_number, validate_id_number, validate_mobile

from .columns import HEADERS, ID_NUMBER, NAME, SPECIALTY, normalise, specialty_of
from .messages import message
from .parsing import Table
from .results import BAD_ID_NUMBER, CHANGED, DUPLICATE_COLUMN, DUPLICATE_ROW, ERROR, NEW, UNCHANGED, Preview, RowError

MOBILE, EMAIL, PROVINCE, LEVEL = "mobile", "email", "province", "level"
ROSTER_HEADERS = {
    NAME: ["姓名", "考生姓名", "name", "full name"],
    ID_NUMBER: HEADERS[ID_NUMBER],
    MOBILE: ["手机号码", "手机号", "手机", "联系电话", "mobile", "mobile number", "phone"],
    EMAIL: ["电子邮箱", "邮箱", "email", "e-mail"],
    PROVINCE: ["报考省份", "报名省份", "省份", "province"],
    LEVEL: ["报考级别", "级别", "level"],
    SPECIALTY: ["专业类别", "专业", "报考专业", "specialty"],
}
ROSTER_TEMPLATE_HEADERS = ["姓名", "身份证号", "手机号码", "电子邮箱", "报考省份", "报考级别", "专业类别"]
REQUIRED = (NAME, ID_NUMBER, MOBILE, PROVINCE, SPECIALTY)
LEVEL_NAMES = {
    "考全科": Level.FULL, "全科": Level.FULL, "免一科": Level.EXEMPT_ONE, "免二科": Level.EXEMPT_TWO,
    "增报专业": Level.ADD_SPECIALTY,
}
PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")

UNKNOWN_ROSTER_COLUMN = _(
    "Unknown column “%(header)s”: a roster has 姓名, 身份证号, 手机号码, 电子邮箱, 报考省份, 报考级别, 专业类别."
)
MISSING_COLUMN = _("The column “%(header)s” is missing.")
NAME_MISSING = _("The name is empty.")
NAME_TOO_LONG = _("A name has at most 50 characters.")
MOBILE_MISSING = _("The mobile number is empty.")
BAD_MOBILE = _("A mobile number has 11 digits and starts with 13 to 19.")
BAD_EMAIL = _("“%(value)s” is not an email address.")
UNKNOWN_PROVINCE = _("Unknown province “%(value)s”: write its Chinese name, for example 北京 or 广东.")
UNKNOWN_LEVEL = _("Unknown level “%(value)s”: write 考全科, 免一科 or 免二科.")
ADD_SPECIALTY_ONE_AT_A_TIME = _(
    "A candidate adding a specialty (增报专业) needs the specialty already held: add them one at a time."
)
SPECIALTY_MISSING = _("The specialty is empty.")
UNKNOWN_SPECIALTY = _("Unknown specialty “%(value)s”.")
REGISTERED_ELSEWHERE = _(
    "This ID number is already registered with another school: ask an administrator to add the candidate."
)


HEADER_LOOKUP = {normalise(alias): key for key, aliases in ROSTER_HEADERS.items() for alias in aliases}


@dataclass
class RosterRow:
    number: int
    id_number: str
    name: str
    errors: list[RowError] = field(default_factory=list)
    new: Candidate | None = None
    existing_pk: int | None = None
    already_in_cohort: bool = False

    @cached_property
    def status(self) -> str:
        if self.errors:
            return ERROR
        if self.new is not None:
            return NEW
        return UNCHANGED if self.already_in_cohort else CHANGED

    def as_outcome(self) -> dict:
        return {"number": self.number, "id_number": self.id_number, "name": self.name, "status": self.status,
                "entries": [], "errors": [error.as_outcome() for error in self.errors]}


@dataclass
class RosterPreview(Preview):
    rows: list[RosterRow]

    def new_candidates(self) -> list[Candidate]:
        return [row.new for row in self.rows if row.new is not None]

    def joining_ids(self) -> list[int]:
        return [row.existing_pk for row in self.rows if row.status == CHANGED]


def _columns(header: list[str]) -> tuple[dict[str, int], list[RowError]]:
    columns, errors = {}, []
    for index, text in enumerate(header):
        if not text:
            continue
        key = HEADER_LOOKUP.get(normalise(text))
        if key is None:
            errors.append(RowError(1, text, message(UNKNOWN_ROSTER_COLUMN, {"header": text})))
        elif key in columns:
            errors.append(RowError(1, text, message(DUPLICATE_COLUMN, {"header": text})))
        else:
            columns[key] = index
    for key in REQUIRED:
        if key not in columns:
            errors.append(RowError(1, "", message(MISSING_COLUMN, {"header": ROSTER_HEADERS[key][0]})))
    return columns, errors


def _provinces() -> dict[str, Province]:
    lookup = {}
    for province in Province.objects.all():
        for name in (province.name_zh, province.name_en, province.code):
            lookup[normalise(name)] = province
    return lookup


def province_of(text: str, provinces: dict[str, Province]) -> Province | None:
    """Return the province a cell names (北京, 北京市, Beijing, 11), or None."""
    key = normalise(text)
    for suffix in PROVINCE_SUFFIXES:
        if key.endswith(suffix) and key[: -len(suffix)] in provinces:
            return provinces[key[: -len(suffix)]]
    return provinces.get(key)


def level_of(text: str) -> str | None:
    key = normalise(text)
    if key in LEVEL_NAMES:
        return LEVEL_NAMES[key]
    for level in Level:
        if key in (level.value, normalise(str(level.label))):
            return level.value
    return None


def roster_preview(table: Table, *, cohort) -> RosterPreview:
    """Validate every roster row for `cohort`; three queries whatever the number of rows."""
    columns, file_errors = _columns(table.header)
    if file_errors:
        return RosterPreview([], file_errors)
    header = dict(enumerate(table.header))

    def cell(row, key):
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else ""

    wanted = [normalize_id_number(cell(row, ID_NUMBER)) for _number, row in table.rows]
    known = {
        candidate.id_number: candidate
        for candidate in Candidate.objects.filter(id_number__in=wanted).annotate(
            in_school=Exists(Enrolment.objects.filter(candidate=OuterRef("pk"), cohort__school_id=cohort.school_id)),
            in_cohort=Exists(Enrolment.objects.current().filter(candidate=OuterRef("pk"), cohort=cohort)),
        ).only("pk", "id_number")
    }
    provinces = _provinces()
    rows, seen = [], {}
    for number, row in table.rows:
        entry = RosterRow(number, cell(row, ID_NUMBER), " ".join(cell(row, NAME).split()))
        rows.append(entry)

        def wrong(key, text, entry=entry, number=number):
            entry.errors.append(RowError(number, header.get(columns.get(key), ""), text))

        try:
            validate_id_number(entry.id_number)
        except ValidationError:
            wrong(ID_NUMBER, BAD_ID_NUMBER)
            continue
        id_number = normalize_id_number(entry.id_number)
        if id_number in seen:
            wrong(ID_NUMBER, message(DUPLICATE_ROW, {"row": seen[id_number]}))
            continue
        seen[id_number] = number
        found = known.get(id_number)
        if found is not None:
            if not found.in_school:
                wrong(ID_NUMBER, REGISTERED_ELSEWHERE)
            entry.existing_pk, entry.already_in_cohort = found.pk, found.in_cohort
            continue
        entry.new = _new_candidate(entry, id_number, cell, row, provinces, wrong)
        if entry.errors:
            entry.new = None
    return RosterPreview(rows, [])


def _new_candidate(entry, id_number, cell, row, provinces, wrong) -> Candidate:
    if not entry.name:
        wrong(NAME, NAME_MISSING)
    elif len(entry.name) > 50:
        wrong(NAME, NAME_TOO_LONG)
    mobile = "".join(cell(row, MOBILE).split())
    try:
        validate_mobile(mobile)
    except ValidationError:
        wrong(MOBILE, BAD_MOBILE if mobile else MOBILE_MISSING)
    email = cell(row, EMAIL)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            wrong(EMAIL, message(BAD_EMAIL, {"value": email}))
    province = province_of(cell(row, PROVINCE), provinces)
    if province is None:
        wrong(PROVINCE, message(UNKNOWN_PROVINCE, {"value": cell(row, PROVINCE)}))
    level = Level.FULL.value
    if cell(row, LEVEL):
        level = level_of(cell(row, LEVEL))
        if level is None:
            wrong(LEVEL, message(UNKNOWN_LEVEL, {"value": cell(row, LEVEL)}))
        elif level == Level.ADD_SPECIALTY:
            wrong(LEVEL, ADD_SPECIALTY_ONE_AT_A_TIME)
    specialty = specialty_of(cell(row, SPECIALTY)) if cell(row, SPECIALTY) else None
    if not cell(row, SPECIALTY):
        wrong(SPECIALTY, SPECIALTY_MISSING)
    elif specialty is None:
        wrong(SPECIALTY, message(UNKNOWN_SPECIALTY, {"value": cell(row, SPECIALTY)}))
    return Candidate(full_name=entry.name, id_number=id_number, mobile=mobile, email=email, province=province,
                     level=level or Level.FULL, specialty=specialty or Specialty.OTHER)
