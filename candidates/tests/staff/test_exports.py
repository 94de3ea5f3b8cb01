"""Roster and at-risk exports: formula-safe cells, masked ID numbers, and only the rows the user may see."""
import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from candidates.exports import csv_bytes, safe_cell, xlsx_bytes
from candidates.tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("dangerous", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\0x"])
def test_a_text_cell_that_a_spreadsheet_would_evaluate_is_prefixed_with_an_apostrophe(dangerous):
    assert safe_cell(dangerous) == "'" + dangerous


@pytest.mark.parametrize(("value", "expected"), [("张三", "张三"), (2026, 2026), (-1, -1), (None, ""), (True, "True"),
                                                 ("a=b", "a=b")])
def test_other_cells_are_kept_as_they_are(value, expected):
    assert safe_cell(value) == expected


def test_xlsx_has_only_string_or_number_cells_and_survives_control_characters():
    content = xlsx_bytes("t", ["=A"], [["=cmd|' /C calc'!A0", "name\x01\x02", 3, "-2+3"]])
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [cell.data_type for cell in cells] == ["s", "s", "s", "n", "s"]
    assert [cell.value for cell in cells] == ["'=A", "'=cmd|' /C calc'!A0", "name", 3, "'-2+3"]


def test_csv_starts_with_a_bom_so_that_excel_reads_utf8():
    assert csv_bytes(["姓名"], [["张三"]]).startswith("\ufeff".encode())


@pytest.fixture
def two_schools(school1, school2):
    """Return an at-risk candidate at school1 and one at school2, both with a formula for a name."""
    mine = factories.CandidateFactory(full_name="@mine")
    factories.EnrolmentFactory(candidate=mine, cohort=factories.CohortFactory(school=school1))
    factories.SubjectResultFactory(candidate=mine, exam_year_id=2024, subject="law", score=80)
    theirs = factories.CandidateFactory(full_name="+theirs")
    factories.EnrolmentFactory(candidate=theirs, cohort=factories.CohortFactory(school=school2))
    factories.SubjectResultFactory(candidate=theirs, exam_year_id=2024, subject="law", score=80)
    return mine, theirs


def rows_of(response, fmt):
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_at_risk_export_has_only_the_schools_rows_masked_and_neutralised(client, staff1, two_schools, fmt):
    mine, theirs = two_schools
    client.force_login(staff1)
    response = client.get(reverse("candidates:staff_at_risk_export", args=[fmt]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    rows = rows_of(response, fmt)
    names = [row[0] for row in rows[1:]]
    assert names == ["'@mine"]
    assert rows[1][1] != mine.id_number and rows[1][1].startswith(mine.id_number[:6]) and "*" in rows[1][1]
    assert theirs.id_number[-4:] not in "".join(str(cell) for row in rows for cell in row if cell)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_users_allowed_full_id_numbers_see_them_in_exports(client, staff1, two_schools, fmt):
    mine, _theirs = two_schools
    staff1.user_permissions.add(Permission.objects.get(codename="view_full_id_number"))
    client.force_login(staff1)
    cohort = mine.enrolments.get().cohort
    rows = rows_of(client.get(reverse("candidates:staff_roster_export", args=[cohort.pk, fmt])), fmt)
    assert rows[1][1] == mine.id_number


def test_at_risk_export_follows_the_filters_of_the_list(client, staff1, school1, two_schools):
    _mine, _theirs = two_schools
    other = factories.CandidateFactory(full_name="建筑", specialty="construction")
    factories.EnrolmentFactory(candidate=other, cohort=factories.CohortFactory(school=school1))
    client.force_login(staff1)
    response = client.get(reverse("candidates:staff_at_risk_export", args=["csv"]), {"specialty": "construction"})
    assert [row[0] for row in rows_of(response, "csv")[1:]] == ["建筑"]


def test_roster_export_leaves_out_candidates_who_left_the_cohort(client, staff1, school1):
    cohort = factories.CohortFactory(school=school1)
    stays = factories.CandidateFactory(full_name="留下")
    factories.EnrolmentFactory(candidate=stays, cohort=cohort)
    left = factories.CandidateFactory(full_name="离开")
    factories.EnrolmentFactory(candidate=left, cohort=cohort, left_on="2026-01-02", enrolled_on="2026-01-01")
    client.force_login(staff1)
    rows = rows_of(client.get(reverse("candidates:staff_roster_export", args=[cohort.pk, "csv"])), "csv")
    assert [row[0] for row in rows[1:]] == ["留下"]
