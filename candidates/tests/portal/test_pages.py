"""Every portal page for a candidate in each situation: its content, its query count, and who may open it."""
import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.models import ExamYear
from candidates.roles import CANDIDATE_GROUP
from candidates.tests import factories

pytestmark = pytest.mark.django_db

SITUATIONS = ["qualified", "lastchance", "expired", "neversat", "exempttwo", "addspecialty", "excused"]
QUERIES = {"progress": 8, "results": 7, "result_add": 7, "planner": 8, "planner_outcome": 8}


def url(page: str) -> str:
    if page == "result_add":
        return reverse("candidates:result_add", args=[2025])
    if page == "planner_outcome":
        return reverse("candidates:planner") + "?now=practice&later=law"
    return reverse(f"candidates:{page}")


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.mark.parametrize("page", QUERIES)
@pytest.mark.parametrize("username", SITUATIONS)
def test_each_page_costs_a_fixed_number_of_queries_in_every_situation(
        demo, logged_in, django_assert_num_queries, username, page):
    client = logged_in(username)
    with django_assert_num_queries(QUERIES[page]):
        assert client.get(url(page)).status_code == 200


def _candidate_with_results(count: int):
    user = factories.UserFactory()
    user.groups.add(Group.objects.get(name=CANDIDATE_GROUP))
    candidate = factories.CandidateFactory(user=user)
    cells = [(year, subject) for year in range(2019, 2026) for subject in ("law", "management", "technology",
                                                                             "practice")]
    for year, subject in cells[:count]:
        factories.SubjectResultFactory(candidate=candidate, exam_year=ExamYear.objects.get(year=year),
                                       subject=subject, score=55 if year < 2024 else 65)
    return user


@pytest.mark.parametrize("page", QUERIES)
def test_query_count_does_not_grow_with_the_number_of_results(db, client, page):
    ExamYear.objects.filter(year=2026).update(results_published_on=None)
    counts = []
    for rows in (1, 20):
        client.force_login(_candidate_with_results(rows))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(page)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("page", QUERIES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, page):
    response = client.get(url(page))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("page", QUERIES)
@pytest.mark.parametrize("username", ["staff", "admin"])
def test_users_without_a_candidate_record_get_a_404(demo, logged_in, username, page):
    assert logged_in(username).get(url(page)).status_code == 404


def test_results_page_lists_each_published_year_with_an_edit_link_and_who_verified(demo, logged_in):
    body = logged_in("lastchance").get(reverse("candidates:results")).content.decode()
    for year in (2023, 2024, 2025):
        assert reverse("candidates:result_add", args=[year]) in body
    assert reverse("candidates:result_add", args=[2026]) not in body
    assert "verified by" in body and "Absent (-1)" in body


def test_results_page_marks_self_reported_rows(demo, logged_in):
    client = logged_in("neversat")
    client.post(reverse("candidates:result_add", args=[2025]), {"law_score": "80", "practice_specialty": "other"})
    body = client.get(reverse("candidates:results")).content.decode()
    assert "self-reported" in body and "80.0" in body


@pytest.mark.parametrize(("username", "expected"), [
    ("lastchance", ["Last chance", "Valid", "Needed", "2023", "2026"]),
    ("exempttwo", ["Exempt", "Last chance"]),
    ("addspecialty", ["Exempt", "Needed"]),
    ("neversat", ["Needed"]),
    ("excused", ["2021", "2025"]),
])
def test_subject_table_shows_states_years_and_exempt_subjects(demo, logged_in, username, expected):
    body = logged_in(username).get(reverse("candidates:progress")).content.decode()
    for text in expected:
        assert text in body


def test_subject_table_counts_attempts_in_the_candidates_specialty(demo, logged_in):
    response = logged_in("lastchance").get(reverse("candidates:progress"))
    rows = {row.subject: row for row in response.context["standing"].rows}
    assert (rows["practice"].state, rows["practice"].attempts) == ("needed", 3)
    assert (rows["law"].pass_year, rows["law"].score, rows["law"].valid_through) == (2023, 64, 2026)


def test_timeline_is_an_accessible_svg_with_the_pending_sitting_marked(demo, logged_in):
    body = logged_in("lastchance").get(reverse("candidates:progress")).content.decode()
    assert 'role="img"' in body and '<title id="timeline-title">' in body and '<desc id="timeline-desc">' in body
    assert "The 2026 sitting is pending." in body and ">pending</text>" in body
    assert "style=" not in body and "<script>" not in body


def test_all_lapsed_candidate_is_told_to_start_again(client):
    ExamYear.objects.filter(year=2026).update(results_published_on=None)
    user = _candidate_with_results(0)
    candidate = user.candidate
    factories.SubjectResultFactory(candidate=candidate, exam_year=ExamYear.objects.get(year=2020), subject="law")
    client.force_login(user)
    body = client.get(reverse("candidates:progress")).content.decode()
    assert "Your passes all lapsed: start again." in body


def test_the_progress_page_is_in_chinese_by_default(demo, logged_in, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    body = logged_in("lastchance").get(reverse("candidates:progress")).content.decode()
    assert "2026 年考试你必须通过" in body and "我的进度" in body
