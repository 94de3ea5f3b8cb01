"""The import preview: validated once at upload, read from the stored outcome a page and a status at a time."""
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from candidates.imports import parsing
from candidates.imports import results as checks
from candidates.imports import roster as roster_checks
from candidates.imports.messages import in_every_language, message
from candidates.models import Candidate, Enrolment, ImportRow, ImportUpload, SubjectResult
from candidates.services.imports import (
    PreviewOutdated,
    outcome_digest,
    results_import_confirm,
    roster_upload_store,
    upload_store,
)
from candidates.tests import factories
from candidates.views.staff.imports import PREVIEW_OUTDATED, ROWS_PER_PAGE

pytestmark = pytest.mark.django_db
HEADER = "身份证号,姓名,安全生产法律法规,安全生产管理,安全生产技术基础,安全生产专业实务"
ROSTER_HEADER = "姓名,身份证号,手机号码,电子邮箱,报考省份,报考级别,专业类别"
# Session, user, staff membership, upload, one page of rows, and the layout's candidate and unread-message lookups.
PREVIEW_QUERIES = 7


@pytest.fixture
def cohort(school1):
    return factories.CohortFactory(school=school1)


def enrolled(cohort, count: int, start: int = 0) -> list[Candidate]:
    """Enrol `count` new full-level candidates in `cohort`, quickly."""
    province = factories.province()
    people = Candidate.objects.bulk_create([
        Candidate(full_name=f"考生{start + n}", id_number=factories.make_id_number(200_000 + start + n),
                  mobile=f"139{start + n:08d}", email=f"p{start + n}@example.org", province=province, level="full",
                  specialty="chemical")
        for n in range(count)])
    people = list(Candidate.objects.filter(id_number__in=[p.id_number for p in people]).order_by("pk"))
    Enrolment.objects.bulk_create([Enrolment(candidate=person, cohort=cohort) for person in people])
    return people


def results_bytes(lines) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def good_lines(people, law="72"):
    return [HEADER, *(f"{p.id_number},{p.full_name},{law},58,缺考,65.5" for p in people)]


def preview_url(upload, **query) -> str:
    url = reverse("candidates:staff_import_preview", args=[upload.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def row_numbers(response) -> list[int]:
    return [row.number for row in response.context["rows"]]


def store(school, staff, lines, name="results.csv") -> ImportUpload:
    return upload_store(content=results_bytes(lines), name=name, school=school, exam_year=2025, by=staff)


# --- validated once, at upload ---------------------------------------------------------------------------------

def test_a_results_upload_keeps_counts_and_every_row_with_its_entries_and_errors(school1, staff1, cohort):
    people = enrolled(cohort, 3)
    factories.SubjectResultFactory(candidate=people[1], exam_year_id=2025, subject="law", score=50)
    upload = store(school1, staff1, [*good_lines(people[:2]), f"{people[2].id_number},x,七十,,,"])
    digest = upload.outcome.pop("digest")
    assert upload.outcome == {
        "file_error": "", "file_errors": [],
        "counts": {"new": 1, "changed": 1, "unchanged": 0, "error": 1}, "error_count": 1,
    }
    rows = {row.number: row for row in ImportRow.objects.filter(upload=upload)}
    whole = {**upload.outcome, "rows": [rows[number].outcome for number in sorted(rows)]}
    assert digest == outcome_digest(whole)
    assert {number: row.status for number, row in rows.items()} == {2: "new", 3: "changed", 4: "error"}
    assert rows[3].outcome == {
        "number": 3, "id_number": people[1].id_number, "name": people[1].full_name, "status": "changed",
        "entries": [
            {"subject": "law", "specialty": "", "value": "72", "replaces": "50.0"},
            {"subject": "management", "specialty": "", "value": "58", "replaces": None},
            {"subject": "technology", "specialty": "", "value": "absent", "replaces": None},
            {"subject": "practice", "specialty": "chemical", "value": "65.5", "replaces": None},
        ],
        "errors": [],
    }
    assert rows[4].outcome["errors"] == [
        {"row": 4, "column": "安全生产法律法规",
         "message": in_every_language(message(checks.NOT_A_SCORE, {"value": "七十"}))}]


def test_a_roster_upload_keeps_counts_and_every_row(cohort, staff1):
    content = "\n".join([ROSTER_HEADER, f"新考生,{factories.make_id_number(9001)},13900000001,,广东,免一科,建筑施工",
                         f"坏考生,{factories.make_id_number(9002)},123,,广东,,建筑施工"]).encode()
    upload = roster_upload_store(content=content, name="roster.csv", cohort=cohort, by=staff1)
    assert upload.outcome["counts"] == {"new": 1, "changed": 0, "unchanged": 0, "error": 1}
    rows = list(upload.rows.order_by("number").values_list("outcome", flat=True))
    assert rows[0] == {"number": 2, "id_number": factories.make_id_number(9001), "name": "新考生", "status": "new",
                       "entries": [], "errors": []}
    assert rows[1]["errors"] == [
        {"row": 3, "column": "手机号码", "message": in_every_language(roster_checks.BAD_MOBILE)}]


def test_an_unreadable_file_keeps_its_message_and_no_rows(school1, staff1):
    upload = store(school1, staff1, ["not, really"], name="results.xlsx")
    assert upload.outcome["file_error"] == in_every_language(parsing.NOT_XLSX)
    assert not upload.rows.exists()


def test_the_preview_reads_in_the_viewers_language_whoever_uploaded(school1, staff1, cohort, client):
    people = enrolled(cohort, 1)
    upload = store(school1, staff1, [HEADER, f"{people[0].id_number},x,七十,,,"])  # uploaded in Chinese
    client.force_login(staff1)
    for language in ("en", "zh-hans"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get(preview_url(upload)).content.decode()
        with translation.override(language):
            assert str(message(checks.NOT_A_SCORE, {"value": "七十"})) in page


# --- the page reads the stored outcome ---------------------------------------------------------------------------

def test_the_page_shows_counts_and_rows_a_page_at_a_time(school1, staff1, cohort, client):
    upload = store(school1, staff1, good_lines(enrolled(cohort, 250)))
    client.force_login(staff1)
    first = client.get(preview_url(upload))
    assert first.context["outcome"].counts == {"new": 250, "changed": 0, "unchanged": 0, "error": 0}
    assert row_numbers(first) == list(range(2, 2 + ROWS_PER_PAGE))
    assert "?page=2#rows" in first.content.decode()
    last = client.get(preview_url(upload, page=3))
    assert row_numbers(last) == list(range(202, 252))
    assert "安全生产法律法规: 72" in last.content.decode()
    assert client.get(preview_url(upload, page="junk")).context["rows"].number == 1


def test_the_status_filter_shows_only_the_rows_of_that_status_and_keeps_it_across_pages(school1, staff1, cohort,
                                                                                       client):
    people = enrolled(cohort, 130)
    for person in people[:110]:
        factories.SubjectResultFactory(candidate=person, exam_year_id=2025, subject="law", score=72)
    lines = good_lines(people)
    lines[5] = f"{people[4].id_number},x,七十,,,"
    upload = store(school1, staff1, lines)
    client.force_login(staff1)
    changed = client.get(preview_url(upload, status="changed"))
    assert len(row_numbers(changed)) == ROWS_PER_PAGE
    assert {row.status for row in changed.context["rows"]} == {"changed"}
    assert "?status=changed&amp;page=2#rows" in changed.content.decode()
    assert len(row_numbers(client.get(preview_url(upload, status="changed", page=2)))) == 109 - ROWS_PER_PAGE
    assert row_numbers(client.get(preview_url(upload, status="error"))) == [6]
    assert row_numbers(client.get(preview_url(upload, status="new"))) == list(range(112, 132))
    assert row_numbers(client.get(preview_url(upload, status="unchanged"))) == []
    assert len(row_numbers(client.get(preview_url(upload, status="bogus")))) == ROWS_PER_PAGE


def test_the_error_list_is_paged_too(school1, staff1, cohort, client):
    people = enrolled(cohort, 150)
    upload = store(school1, staff1, [HEADER, *(f"{p.id_number},x,101,,," for p in people)])
    client.force_login(staff1)
    first = client.get(preview_url(upload))
    assert [row.number for row in first.context["error_rows"]] == list(range(2, 2 + ROWS_PER_PAGE))
    assert first.context["outcome"].error_count == 150
    assert "?errors_page=2#errors-heading" in first.content.decode()
    second = client.get(preview_url(upload, errors_page=2))
    assert [row.number for row in second.context["error_rows"]] == list(range(102, 152))
    assert str(checks.OUT_OF_RANGE % {"value": "101"}) in second.content.decode()
    assert b"/confirm/" not in second.content


def test_the_page_reads_no_file_and_validates_nothing(school1, staff1, cohort, client, monkeypatch):
    upload = store(school1, staff1, good_lines(enrolled(cohort, 3)))

    def fail(*args, **kwargs):
        raise AssertionError("the preview must read the stored outcome")

    monkeypatch.setattr(ImportUpload, "content", fail)
    monkeypatch.setattr("candidates.services.imports.import_validate", fail)
    client.force_login(staff1)
    for query in ({}, {"status": "new"}, {"page": 2}, {"errors_page": 2}):
        assert client.get(preview_url(upload, **query)).status_code == 200


@pytest.mark.parametrize("size", [10, 300])
def test_the_page_costs_the_same_queries_for_10_and_300_rows(school1, staff1, cohort, client, size,
                                                              django_assert_num_queries):
    upload = store(school1, staff1, good_lines(enrolled(cohort, size)))
    client.force_login(staff1)
    client.get(preview_url(upload))  # the session is written once, on the first request
    with django_assert_num_queries(PREVIEW_QUERIES):
        client.get(preview_url(upload))
    with django_assert_num_queries(PREVIEW_QUERIES):
        client.get(preview_url(upload, status="new", page=2))


@pytest.mark.parametrize("size", [10, 300])
def test_a_file_with_errors_adds_one_query_for_the_error_list(school1, staff1, cohort, client, size,
                                                              django_assert_num_queries):
    upload = store(school1, staff1, [HEADER, *(f"{p.id_number},x,101,,," for p in enrolled(cohort, size))])
    client.force_login(staff1)
    client.get(preview_url(upload))
    with django_assert_num_queries(PREVIEW_QUERIES + 1):
        client.get(preview_url(upload))


def test_a_file_level_error_is_shown_without_rows_or_confirm(school1, staff1, client):
    client.force_login(staff1)
    response = client.post(reverse("candidates:staff_import"), {
        "exam_year": 2025, "file": SimpleUploadedFile("results.xlsx", b"a,b\n1,2\n", content_type="text/csv")})
    page = client.get(response["Location"])
    html = page.content.decode()
    assert str(parsing.NOT_XLSX) in html and "/confirm/" not in html
    assert page.context["outcome"].file_error == str(parsing.NOT_XLSX)


def test_header_errors_are_listed(school1, staff1, client):
    upload = store(school1, staff1, ["姓名,安全生产管理", "张三,70"])
    client.force_login(staff1)
    page = client.get(preview_url(upload))
    assert str(checks.NO_ID_COLUMN) in page.content.decode()
    assert page.context["outcome"].errors() == [{"row": 1, "column": "", "message": str(checks.NO_ID_COLUMN)}]


def test_an_upload_kept_before_outcomes_is_validated_and_stored_on_first_view(school1, staff1, cohort, client):
    upload = store(school1, staff1, good_lines(enrolled(cohort, 3)))
    ImportRow.objects.all().delete()
    ImportUpload.objects.update(outcome={})
    client.force_login(staff1)
    page = client.get(preview_url(upload))
    assert page.context["outcome"].counts["new"] == 3 and len(row_numbers(page)) == 3
    upload.refresh_from_db()
    assert upload.outcome["counts"]["new"] == 3 and upload.rows.count() == 3


@pytest.mark.parametrize("query", [{}, {"status": "error"}, {"page": 2}, {"errors_page": 2}])
def test_another_schools_staff_and_candidates_get_404_on_every_page_and_filter(school1, staff1, staff2, candidate_a,
                                                                               cohort, client, query):
    upload = store(school1, staff1, good_lines(enrolled(cohort, 3)))
    for user in (staff2, candidate_a.user):
        client.force_login(user)
        assert client.get(preview_url(upload, **query)).status_code == 404


# --- confirm validates again -------------------------------------------------------------------------------------

def test_a_confirm_after_the_data_changed_saves_nothing_and_shows_the_fresh_outcome(
        school1, staff1, cohort, client, django_capture_on_commit_callbacks):
    people = enrolled(cohort, 3)
    upload = store(school1, staff1, good_lines(people))
    entered = factories.SubjectResultFactory(candidate=people[0], exam_year_id=2025, subject="law", score=40)
    client.force_login(staff1)
    response = client.post(reverse("candidates:staff_import_confirm", args=[upload.pk]), follow=True)
    assert response.redirect_chain[-1][0] == preview_url(upload)
    assert str(PREVIEW_OUTDATED) in response.content.decode()
    assert list(SubjectResult.objects.all()) == [entered]
    upload.refresh_from_db()
    assert upload.outcome["counts"] == {"new": 2, "changed": 1, "unchanged": 0, "error": 0}
    assert response.context["outcome"].counts["changed"] == 1
    assert "40.0 → 72" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidates:staff_import_confirm", args=[upload.pk]))
    assert SubjectResult.objects.count() == 12 and not ImportUpload.objects.exists()


def test_a_confirm_refuses_rows_that_became_wrong(school1, staff1, cohort):
    people = enrolled(cohort, 3)
    upload = store(school1, staff1, good_lines(people))
    Enrolment.objects.filter(candidate=people[2]).delete()
    with pytest.raises(PreviewOutdated):
        results_import_confirm(upload=upload, by=staff1)
    assert not SubjectResult.objects.exists()
    upload.refresh_from_db()
    assert upload.outcome["counts"]["error"] == 1 and upload.outcome["error_count"] == 1
    assert upload.rows.get(number=4).outcome["errors"][0]["message"] == in_every_language(checks.NOT_OUR_CANDIDATE)


def test_a_roster_confirm_after_the_data_changed_saves_nothing(cohort, staff1, school1, client):
    id_number = factories.make_id_number(9100)
    content = f"{ROSTER_HEADER}\n新考生,{id_number},13900000001,,广东,,建筑施工\n".encode()
    upload = roster_upload_store(content=content, name="roster.csv", cohort=cohort, by=staff1)
    elsewhere = factories.CandidateFactory(id_number=id_number)
    factories.EnrolmentFactory(candidate=elsewhere, cohort=factories.CohortFactory(school=school1))
    client.force_login(staff1)
    response = client.post(reverse("candidates:staff_import_confirm", args=[upload.pk]))
    assert response["Location"] == preview_url(upload)
    assert not Enrolment.objects.filter(cohort=cohort).exists()
    upload.refresh_from_db()
    assert upload.outcome["counts"] == {"new": 0, "changed": 1, "unchanged": 0, "error": 0}


def test_a_confirm_in_another_language_than_the_upload_is_not_taken_for_a_change(school1, staff1, cohort):
    people = enrolled(cohort, 2)
    with translation.override("en"):
        upload = store(school1, staff1, good_lines(people))
    with translation.override("zh-hans"):
        results_import_confirm(upload=upload, by=staff1)
    assert SubjectResult.objects.count() == 8
