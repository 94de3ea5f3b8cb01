import pytest
from django.core.exceptions import ValidationError

from candidates.validators import (
    id_number_check_character,
    mask_id_number,
    mask_mobile,
    normalize_id_number,
    validate_id_number,
    validate_mobile,
)

from .factories import make_id_number

VALID_ID_NUMBER = "11010519491231002X"  # the GB 11643 worked example


def test_gb11643_worked_example_has_check_character_x():
    assert id_number_check_character("11010519491231002") == "X"
    validate_id_number(VALID_ID_NUMBER)


def test_lower_case_x_and_spaces_are_normalized():
    assert normalize_id_number(" 110105 19491231002x ") == VALID_ID_NUMBER
    validate_id_number("11010519491231002x")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("11010519491231002", "id_number_shape"),
        ("1101051949123100211", "id_number_shape"),
        ("11010519491231002Y", "id_number_shape"),
        ("110105194913310027", "id_number_date"),
        ("110105194912310021", "id_number_check"),
    ],
)
def test_bad_id_numbers_are_refused_with_their_reason(value, code):
    with pytest.raises(ValidationError) as caught:
        validate_id_number(value)
    assert caught.value.code == code


@pytest.mark.parametrize("n", [0, 1, 999, 12345, 987654])
def test_generated_id_numbers_are_valid(n):
    validate_id_number(make_id_number(n))


@pytest.mark.parametrize("value", ["13812345678", "19912345678"])
def test_mobile_numbers_accepted(value):
    validate_mobile(value)


@pytest.mark.parametrize("value", ["12812345678", "1381234567", "138123456789", "+8613812345678", ""])
def test_bad_mobile_numbers_refused(value):
    with pytest.raises(ValidationError):
        validate_mobile(value)


def test_masks_hide_the_middle():
    assert mask_id_number(VALID_ID_NUMBER) == "110105********002X"
    assert mask_mobile("13812345678") == "138****5678"
