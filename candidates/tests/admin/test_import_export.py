"""Admin import of candidates and results: all rows or none, each bad row reported with its number and message."""
import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidates.models import Candidate, SubjectResult
from candidates.models.choices import ResultSource
from candidates.signals import results_changed
from candidates.tests import factories
from candidates.validators import ID_NUMBER_WRONG_CHECK, MOBILE_WRONG, mask_id_number

CANDIDATE_HEADER = ["id_number", "full_name", "mobile", "email", "province", "level", "specialty", "held_specialty"]
RESULT_HEADER = ["id_number", "exam_year", "subject", "specialty", "score", "code", "voided", "void_reason"]


def csv_upload(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile("upload.csv", buffer.getvalue().encode("utf-8"), content_type="text/csv")


def csv_format_index(response):
    choices = response.context["form"].fields["format"].choices
    return next(value for value, label in choices if str(label).lower() == "csv")


def import_file(client, model_name, upload):
    url = reverse(f"admin:candidates_{model_name}_import")
    fmt = csv_format_index(client.get(url))
    return client.post(url, {"format": fmt, "import_file": upload, "resource": 0})


def confirm(client, model_name, response):
    form = response.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(reverse(f"admin:candidates_{model_name}_process_import"), data)


def candidate_row(n, **overrides):
    row = {
        "id_number": factories.make_id_number(500 + n), "full_name": f"导入考生{n}", "mobile": f"1390000{n:04d}",
        "email": "", "province": "31", "level": "full", "specialty": "chemical", "held_specialty": "",
    }
    row.update(overrides)
    return [row[column] for column in CANDIDATE_HEADER]


@pytest.fixture
def admin_client_(client, superuser):
    client.force_login(superuser)
    return client


def test_candidate_import_with_one_bad_row_reports_its_number_and_message_and_saves_nothing(admin_client_):
    bad_id = factories.make_id_number(502)[:17] + ("0" if factories.make_id_number(502)[17] != "0" else "1")
    rows = [candidate_row(1), candidate_row(2, id_number=bad_id), candidate_row(3, mobile="12345")]
    response = import_file(admin_client_, "candidate", csv_upload(CANDIDATE_HEADER, rows))
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    assert "confirm_form" not in response.context
    invalid = {row.number: row.field_specific_errors for row in result.invalid_rows}
    assert set(invalid) == {2, 3}
    assert str(ID_NUMBER_WRONG_CHECK) in invalid[2]["id_number"]
    assert str(MOBILE_WRONG) in invalid[3]["mobile"]
    content = response.content.decode()
    assert str(MOBILE_WRONG) in content
    assert Candidate.objects.count() == 0


def test_good_candidate_file_saves_every_row_with_history(admin_client_, superuser):
    rows = [candidate_row(n) for n in range(1, 4)]
    response = import_file(admin_client_, "candidate", csv_upload(CANDIDATE_HEADER, rows))
    assert not response.context["result"].has_validation_errors()
    assert Candidate.objects.count() == 0  # the first step is a dry run
    done = confirm(admin_client_, "candidate", response)
    assert done.status_code == 302
    assert Candidate.objects.count() == 3
    for candidate in Candidate.objects.all():
        record = candidate.history.get()
        assert record.history_type == "+"
        assert record.history_user == superuser


def test_candidate_import_updates_by_id_number_and_skips_unchanged_rows(admin_client_):
    existing = factories.CandidateFactory(
        id_number=factories.make_id_number(501), full_name="旧名字", mobile="13900000001"
    )
    rows = [candidate_row(1, province=existing.province.code), candidate_row(2)]
    confirm(admin_client_, "candidate", import_file(admin_client_, "candidate", csv_upload(CANDIDATE_HEADER, rows)))
    existing.refresh_from_db()
    assert existing.full_name == "导入考生1"
    assert Candidate.objects.count() == 2
    again = import_file(admin_client_, "candidate", csv_upload(CANDIDATE_HEADER, rows))
    assert again.context["result"].totals["skip"] == 2


def result_row(candidate, subject="law", score="75", **overrides):
    row = {
        "id_number": candidate.id_number, "exam_year": "2024", "subject": subject, "specialty": "", "score": score,
        "code": "", "voided": "0", "void_reason": "",
    }
    row.update(overrides)
    return [row[column] for column in RESULT_HEADER]


def test_result_import_with_one_bad_row_reports_it_and_saves_no_result(admin_client_):
    candidate = factories.CandidateFactory()
    rows = [
        result_row(candidate, "law"),
        result_row(candidate, "practice", "80"),  # the practice subject needs its specialty
        result_row(candidate, "management", "120"),
    ]
    response = import_file(admin_client_, "subjectresult", csv_upload(RESULT_HEADER, rows))
    result = response.context["result"]
    numbers = {row.number for row in result.invalid_rows}
    assert numbers == {2, 3}
    assert "confirm_form" not in response.context
    assert SubjectResult.objects.count() == 0


def test_result_import_with_unknown_candidate_reports_the_row(admin_client_):
    candidate = factories.CandidateFactory()
    ghost = factories.make_id_number(999)
    rows = [result_row(candidate), [ghost, "2024", "law", "", "70", "", "0", ""]]
    response = import_file(admin_client_, "subjectresult", csv_upload(RESULT_HEADER, rows))
    result = response.context["result"]
    assert result.has_errors() or result.has_validation_errors()
    assert "confirm_form" not in response.context
    assert SubjectResult.objects.count() == 0


def test_good_result_file_saves_all_rows_with_history_and_announces_the_change(
    admin_client_, superuser, django_capture_on_commit_callbacks
):
    candidate = factories.CandidateFactory()
    rows = [
        result_row(candidate, "law"),
        result_row(candidate, "practice", "59", specialty="chemical"),
        result_row(candidate, "technology", "", code="absent"),
    ]
    announced = []

    def listener(sender, candidate_ids, **kwargs):
        announced.append(set(candidate_ids))

    results_changed.connect(listener)
    try:
        response = import_file(admin_client_, "subjectresult", csv_upload(RESULT_HEADER, rows))
        assert not response.context["result"].has_validation_errors()
        with django_capture_on_commit_callbacks(execute=True):
            confirm(admin_client_, "subjectresult", response)
    finally:
        results_changed.disconnect(listener)
    results = SubjectResult.objects.filter(candidate=candidate)
    assert results.count() == 3
    assert {r.subject: r.passed for r in results} == {"law": True, "practice": False, "technology": False}
    assert all(r.source == ResultSource.IMPORT and r.entered_by == superuser for r in results)
    assert all(r.history.count() == 1 for r in results)
    assert announced == [{candidate.pk}]


def test_result_import_updates_the_row_with_the_same_natural_key(admin_client_):
    result = factories.SubjectResultFactory(score=50)
    rows = [result_row(result.candidate, "law", "65")]
    response = import_file(admin_client_, "subjectresult", csv_upload(RESULT_HEADER, rows))
    confirm(admin_client_, "subjectresult", response)
    result.refresh_from_db()
    assert (result.score, result.passed) == (65, True)
    assert SubjectResult.objects.count() == 1


def test_candidate_export_gives_an_administrator_full_id_numbers(admin_client_):
    candidate = factories.CandidateFactory()
    url = reverse("admin:candidates_candidate_export")
    response = admin_client_.get(url)
    fmt = next(v for v, label in response.context["form"].fields["format"].choices if str(label).lower() == "csv")
    export = admin_client_.post(url, {"format": fmt, "resource": 0, **{
        f"candidateresource_{name}": "on" for name in CANDIDATE_HEADER
    }})
    assert export.status_code == 200
    body = export.content.decode("utf-8-sig")
    assert candidate.id_number in body and mask_id_number(candidate.id_number) not in body
