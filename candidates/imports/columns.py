"""Which column is which: Chinese and English headers, result codes and specialty names as staff write them."""
from decimal import Decimal, InvalidOperation

from django.utils import translation

from candidates.models.choices import ResultCode, Specialty, Subject

ID_NUMBER, NAME, SPECIALTY = "id_number", "name", "specialty"

HEADERS = {
    ID_NUMBER: ["身份证号", "身份证号码", "证件号码", "身份证", "id number", "id_number", "id"],
    NAME: ["姓名", "name", "full name"],
    SPECIALTY: ["专业", "专业类别", "实务专业", "specialty"],
    Subject.LAW: ["安全生产法律法规", "法律法规", "法规", "law"],
    Subject.MANAGEMENT: ["安全生产管理", "管理", "management"],
    Subject.TECHNOLOGY: ["安全生产技术基础", "技术基础", "技术", "technology"],
    Subject.PRACTICE: ["安全生产专业实务", "专业实务", "实务", "practice"],
}
TEMPLATE_HEADERS = [
    "身份证号", "姓名", "安全生产法律法规", "安全生产管理", "安全生产技术基础", "安全生产专业实务", "专业",
]

CODES = {
    "缺考": ResultCode.ABSENT, "-1": ResultCode.ABSENT, "absent": ResultCode.ABSENT,
    "违纪": ResultCode.MISCONDUCT, "-2": ResultCode.MISCONDUCT, "misconduct": ResultCode.MISCONDUCT,
    "成绩无效": ResultCode.INVALID, "-4": ResultCode.INVALID, "invalid": ResultCode.INVALID,
}


def normalise(text: str) -> str:
    """Fold a cell for lookups: no whitespace, lower case, full-width brackets as ASCII."""
    return "".join(text.split()).lower().replace("（", "(").replace("）", ")")


HEADER_LOOKUP = {normalise(alias): key for key, aliases in HEADERS.items() for alias in aliases}


def column_key(header: str) -> str | None:
    """Return what a header names (a subject, the ID number, the name, the specialty), or None if unknown."""
    return HEADER_LOOKUP.get(normalise(header))


def _specialty_lookup() -> dict[str, str]:
    lookup = {}
    for specialty in Specialty:
        lookup[normalise(specialty.value)] = specialty.value
        lookup[normalise(str(specialty.label))] = specialty.value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                label = str(specialty.label)
            lookup[normalise(label)] = specialty.value
            lookup[normalise(label.replace("安全", ""))] = specialty.value
    return lookup


def specialty_of(text: str) -> str | None:
    """Return the specialty code a cell names (code, Chinese or English name), or None."""
    return _specialty_lookup().get(normalise(text))


def score_or_code(text: str) -> tuple[Decimal | None, str] | None:
    """Return (score, "") or (None, code) for a cell, or None when it is neither."""
    code = CODES.get(normalise(text))
    if code is not None:
        return None, code
    try:
        score = Decimal(text)
    except InvalidOperation:
        return None
    if not score.is_finite():
        return None
    return score, ""
