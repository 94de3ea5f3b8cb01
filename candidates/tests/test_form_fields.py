"""ListedModelChoiceField: one query answers both the validation and the rendering of the options."""
import pytest
from django import forms

from candidates.forms.fields import ListedModelChoiceField
from candidates.models import Province

pytestmark = pytest.mark.django_db


class ProvinceForm(forms.Form):
    province = ListedModelChoiceField(queryset=Province.objects.order_by("code"), required=False, empty_label="All")


def test_validates_and_renders_from_one_query(django_assert_num_queries):
    beijing = Province.objects.get(code="11")
    form = ProvinceForm({"province": str(beijing.pk)})
    with django_assert_num_queries(1):
        assert form.is_valid()
        html = form.as_p()
    assert form.cleaned_data["province"] == beijing
    assert f'<option value="{beijing.pk}" selected>' in html
    assert html.count("<option") == Province.objects.count() + 1


def test_a_model_instance_is_taken_as_its_key():
    beijing = Province.objects.get(code="11")
    assert ProvinceForm().fields["province"].clean(beijing) == beijing


def test_an_unknown_choice_is_refused_and_a_blank_one_is_none():
    form = ProvinceForm({"province": "999999"})
    assert not form.is_valid()
    assert "province" in form.errors
    blank = ProvinceForm({"province": ""})
    assert blank.is_valid() and blank.cleaned_data["province"] is None


def test_a_new_queryset_is_read_afresh():
    form = ProvinceForm()
    field = form.fields["province"]
    assert len(field.listed()) == Province.objects.count()
    field.queryset = Province.objects.filter(code="11")
    assert [p.code for p in field.listed()] == ["11"]
