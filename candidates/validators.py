"""Validators and masks for Chinese resident ID numbers (GB 11643) and mobile numbers."""
import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ID_NUMBER_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_NUMBER_CHECK_CHARACTERS = "10X98765432"
ID_NUMBER_SHAPE = re.compile(r"^\d{17}[\dX]$")
MOBILE_SHAPE = re.compile(r"^1[3-9]\d{9}$")

ID_NUMBER_WRONG_SHAPE = _("An ID number has 18 characters: 17 digits, then a digit or X.")
ID_NUMBER_WRONG_DATE = _("The birth date inside this ID number (characters 7 to 14) is not a real date.")
ID_NUMBER_WRONG_CHECK = _(
    "The last character of this ID number does not match the others (check digit): please re-type it."
)
MOBILE_WRONG = _("A mobile number has 11 digits and starts with 13 to 19.")


def normalize_id_number(value: str) -> str:
    """Return the ID number without spaces and with an upper-case X."""
    return re.sub(r"\s+", "", value or "").upper()


def id_number_check_character(first_17: str) -> str:
    """Return the GB 11643 check character for the first 17 digits of an ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(first_17, ID_NUMBER_WEIGHTS, strict=True))
    return ID_NUMBER_CHECK_CHARACTERS[total % 11]


def validate_id_number(value: str) -> None:
    """Refuse anything that is not an 18-character resident ID number with a valid date and check digit."""
    value = normalize_id_number(value)
    if not ID_NUMBER_SHAPE.match(value):
        raise ValidationError(ID_NUMBER_WRONG_SHAPE, code="id_number_shape")
    try:
        datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError(ID_NUMBER_WRONG_DATE, code="id_number_date") from None
    if id_number_check_character(value[:17]) != value[17]:
        raise ValidationError(ID_NUMBER_WRONG_CHECK, code="id_number_check")


def validate_mobile(value: str) -> None:
    """Refuse anything that is not a mainland mobile number."""
    if not MOBILE_SHAPE.match(value or ""):
        raise ValidationError(MOBILE_WRONG, code="mobile")


def mask_id_number(value: str) -> str:
    """Return the ID number with its middle eight characters hidden: 110105********123X."""
    if len(value) != 18:
        return "*" * len(value)
    return f"{value[:6]}{'*' * 8}{value[14:]}"


def mask_mobile(value: str) -> str:
    """Return the mobile number with its middle four digits hidden: 138****5678."""
    if len(value) != 11:
        return "*" * len(value)
    return f"{value[:3]}****{value[7:]}"
