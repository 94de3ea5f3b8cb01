"""The results import: every malformed case gives its message and saves nothing; a good file saves all rows."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from candidates.imports import parsing
from candidates.imports import results as checks
from candidates.models import ImportUpload, SubjectResult
from candidates.tests import factories

pytestmark = pytest.mark.django_db
HEADER = "身份证号,姓名,安全生产法律法规,安全生产管理,安全生产技术基础,安全生产专业实务"


@pytest.fixture
def cohort(school1):
    return factories.CohortFactory(school=school1)


@pytest.fixture
def people(cohort):
    found = []
    for _ in range(3):
        candidate = factories.CandidateFactory(level="full", specialty="chemical")
        factories.EnrolmentFactory(candidate=candidate, cohort=cohort)
        found.append(candidate)
    return found


def csv_file(lines, encoding="utf-8", bom=False, name="results.csv"):
    text = "\n".join(lines) + "\n"
    data = text.encode(encoding)
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" if bom else b"") + data, content_type="text/csv")


def upload(client, file, year=2025):
    return client.post(reverse("candidates:staff_import"), {"exam_year": year, "file": file})


def preview_of(client, response):
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(response["Location"])


def good_lines(people):
    return [HEADER, *(f"{p.id_number},{p.full_name},72,58,缺考,65.5" for p in people)]


def test_a_good_file_previews_confirms_saves_all_rows_verified_with_history(staff1, client, people,
                                                                           django_capture_on_commit_callbacks):
    client.force_login(staff1)
    page = preview_of(client, upload(client, csv_file(good_lines(people))))
    assert page.context["outcome"].counts == {"new": 3, "changed": 0, "unchanged": 0, "error": 0}
    upload_row = ImportUpload.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidates:staff_import_confirm", args=[upload_row.pk]))
    results = SubjectResult.objects.filter(candidate__in=people)
    assert results.count() == 12
    law = results.get(candidate=people[0], subject="law")
    assert (law.score, law.passed, law.source, law.verified_by) == (72, True, "import", staff1)
    assert law.history.get().history_user == staff1
    assert results.get(candidate=people[0], subject="technology").code == "absent"
    assert results.get(candidate=people[0], subject="practice").specialty == "chemical"
    assert not ImportUpload.objects.exists()


def test_importing_the_same_file_again_changes_nothing(staff1, client, people, django_capture_on_commit_callbacks):
    client.force_login(staff1)
    for _ in range(2):
        preview_of(client, upload(client, csv_file(good_lines(people))))
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("candidates:staff_import_confirm", args=[ImportUpload.objects.get().pk]))
    page = preview_of(client, upload(client, csv_file(good_lines(people))))
    assert page.context["outcome"].counts["unchanged"] == 3
    assert not page.context["outcome"].can_confirm
    assert SubjectResult.history.count() == 12


def expect_error(client, lines, message, *, row=None, encoding="utf-8"):
    page = preview_of(client, upload(client, csv_file(lines, encoding=encoding)))
    errors = page.context["outcome"].errors()
    assert any(str(message).split("%")[0] in e["message"] and (row is None or e["row"] == row) for e in errors), errors
    response = client.post(reverse("candidates:staff_import_confirm", args=[page.context["upload"].pk]))
    assert response.status_code == 302
    assert not SubjectResult.objects.exists()
    return errors


def test_missing_id_column(staff1, client, people):
    client.force_login(staff1)
    expect_error(client, ["姓名,安全生产管理", "张三,70"], checks.NO_ID_COLUMN)


def test_unknown_subject_column(staff1, client, people):
    client.force_login(staff1)
    expect_error(client, [HEADER + ",消防", f"{people[0].id_number},x,70,,,,80"],
                 checks.UNKNOWN_COLUMN % {"header": "消防"})


def test_no_subject_column(staff1, client, people):
    client.force_login(staff1)
    expect_error(client, ["身份证号,姓名", f"{people[0].id_number},x"], checks.NO_SUBJECT_COLUMN)


def test_non_numeric_score(staff1, client, people):
    client.force_login(staff1)
    errors = expect_error(client, [HEADER, f"{people[0].id_number},x,七十,,,"],
                          checks.NOT_A_SCORE % {"value": "七十"}, row=2)
    assert errors[0]["column"] == "安全生产法律法规"


def test_out_of_range_score(staff1, client, people):
    client.force_login(staff1)
    expect_error(client, [*good_lines(people)[:2], f"{people[1].id_number},x,101,,,"],
                 checks.OUT_OF_RANGE % {"value": "101"}, row=3)


def test_duplicate_row(staff1, client, people):
    client.force_login(staff1)
    expect_error(client, [*good_lines(people), f"{people[0].id_number},x,70,,,"], checks.DUPLICATE_ROW % {"row": 2},
                 row=5)


def test_unknown_id_number(staff1, client, people):
    client.force_login(staff1)
    expect_error(client, [*good_lines(people), f"{factories.make_id_number(777)},x,70,,,"], checks.NOT_OUR_CANDIDATE)


def test_id_number_of_another_school(staff1, client, people, school2):
    stranger = factories.CandidateFactory()
    factories.EnrolmentFactory(candidate=stranger, cohort=factories.CohortFactory(school=school2))
    client.force_login(staff1)
    expect_error(client, [*good_lines(people), f"{stranger.id_number},x,70,,,"], checks.NOT_OUR_CANDIDATE)


def test_wrong_check_digit(staff1, client, people):
    client.force_login(staff1)
    bad = people[0].id_number[:-1] + ("1" if people[0].id_number[-1] != "1" else "2")
    expect_error(client, [HEADER, f"{bad},x,70,,,"], checks.BAD_ID_NUMBER)


def test_gbk_and_bom_files_are_read(staff1, client, people):
    client.force_login(staff1)
    for file in (csv_file(good_lines(people), encoding="gbk"), csv_file(good_lines(people), bom=True),
                 csv_file(good_lines(people), encoding="gb18030")):
        page = preview_of(client, upload(client, file))
        assert page.context["outcome"].counts["new"] == 3
        assert people[0].full_name in page.content.decode()


def test_an_xlsx_that_is_not_a_zip_is_refused(staff1, client, people):
    client.force_login(staff1)
    page = preview_of(client, upload(client, csv_file(good_lines(people), name="results.xlsx")))
    assert page.context["outcome"].file_error == str(parsing.NOT_XLSX)
    assert not page.context["outcome"].can_confirm


def test_a_real_xlsx_is_read(staff1, client, people):
    from openpyxl import Workbook

    workbook = Workbook()
    for line in good_lines(people):
        workbook.active.append(line.split(","))
    out = io.BytesIO()
    workbook.save(out)
    client.force_login(staff1)
    page = preview_of(client, upload(client, SimpleUploadedFile("r.xlsx", out.getvalue())))
    assert page.context["outcome"].counts["new"] == 3


def test_an_oversized_file_is_refused_at_the_form(staff1, client, people, settings):
    settings.IMPORT_MAX_BYTES = 1024
    client.force_login(staff1)
    response = upload(client, csv_file([*good_lines(people), "x" * 2000]))
    assert response.status_code == 200 and str(parsing.TOO_BIG % {"mb": 0}) in response.context["form"].errors["file"]
    assert not ImportUpload.objects.exists()


def test_another_schools_staff_cannot_see_confirm_or_cancel_an_upload(staff1, staff2, client, people):
    client.force_login(staff1)
    upload(client, csv_file(good_lines(people)))
    pk = ImportUpload.objects.get().pk
    client.force_login(staff2)
    assert client.get(reverse("candidates:staff_import_preview", args=[pk])).status_code == 404
    assert client.post(reverse("candidates:staff_import_confirm", args=[pk])).status_code == 404
    assert client.post(reverse("candidates:staff_import_cancel", args=[pk])).status_code == 404
    assert not SubjectResult.objects.exists() and ImportUpload.objects.exists()


def test_cancel_deletes_the_upload_and_its_file(staff1, client, people):
    client.force_login(staff1)
    upload(client, csv_file(good_lines(people)))
    row = ImportUpload.objects.get()
    name = row.file.name
    client.post(reverse("candidates:staff_import_cancel", args=[row.pk]))
    assert not ImportUpload.objects.exists()
    assert not row.file.storage.exists(name)


def test_preview_query_count_does_not_grow_with_rows(staff1, client, cohort):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff1)
    counts = []
    for size in (5, 60):
        people = []
        for _ in range(size):
            candidate = factories.CandidateFactory()
            factories.EnrolmentFactory(candidate=candidate, cohort=cohort)
            people.append(candidate)
        response = upload(client, csv_file(good_lines(people)))
        with CaptureQueriesContext(connection) as queries:
            client.get(response["Location"])
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_templates_download_with_chinese_headers(staff1, client):
    client.force_login(staff1)
    body = client.get(reverse("candidates:staff_import_template", args=["csv"])).content.decode("utf-8-sig")
    assert body.startswith("身份证号,姓名,安全生产法律法规")
    assert client.get(reverse("candidates:staff_import_template", args=["xlsx"])).status_code == 200


def test_the_command_imports_all_or_nothing(staff1, school1, people, tmp_path, capsys):
    path = tmp_path / "r.csv"
    path.write_text("\n".join(good_lines(people)), encoding="utf-8")
    call_command("import_results", str(path), "--exam-year", "2025", "--school", school1.slug, "--dry-run")
    assert not SubjectResult.objects.exists()
    call_command("import_results", str(path), "--exam-year", "2025", "--school", school1.slug)
    assert SubjectResult.objects.count() == 12
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + f"\n{people[0].id_number},x,101,,,\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_results", str(bad), "--exam-year", "2025", "--school", school1.slug)
    assert SubjectResult.objects.get(candidate=people[0], subject="law").score == 72


def test_a_score_with_two_decimals_is_refused_rather_than_rounded_into_a_pass(staff1, client, people):
    client.force_login(staff1)
    expect_error(client, [HEADER, f"{people[0].id_number},x,59.95,,,"], checks.TOO_PRECISE % {"value": "59.95"}, row=2)


def test_the_preview_names_subjects_and_codes_in_words(staff1, client, people):
    client.force_login(staff1)
    page = preview_of(client, upload(client, csv_file(good_lines(people))))
    html = page.content.decode()
    assert "安全生产法律法规: 72" in html or "Safety production law and regulations: 72" in html
    assert ">absent<" not in html and ": absent" not in html


def test_changed_scores_are_saved_with_history(staff1, client, people, django_capture_on_commit_callbacks):
    client.force_login(staff1)
    preview_of(client, upload(client, csv_file(good_lines(people))))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidates:staff_import_confirm", args=[ImportUpload.objects.get().pk]))
    changed = [HEADER, *(f"{p.id_number},{p.full_name},40,58,61,65.5" for p in people)]
    page = preview_of(client, upload(client, csv_file(changed)))
    assert page.context["outcome"].counts["changed"] == 3
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidates:staff_import_confirm", args=[ImportUpload.objects.get().pk]))
    law = SubjectResult.objects.get(candidate=people[0], subject="law")
    technology = SubjectResult.objects.get(candidate=people[0], subject="technology")
    assert (law.score, law.passed, technology.score, technology.code) == (40, False, 61, "")
    assert law.history.count() == 2 and law.history.first().history_user == staff1
