"""Entering a year's results: validation at the field, nothing half-saved, history, verified rows locked."""
import pytest
from django.urls import reverse

from candidates.forms.portal import BOTH_SCORE_AND_CODE, SCORE_RANGE, SPECIALTY_NEEDED
from candidates.models import Candidate, ExpiryFlag, SubjectResult

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


def year_url(year):
    return reverse("candidates:result_add", args=[year])


def test_entering_a_year_saves_self_reported_results_with_history_and_refreshes_flags(
        demo, logged_in, django_capture_on_commit_callbacks):
    client = logged_in("neversat")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(year_url(2023), {"law_score": "75", "management_code": "absent",
                                                "practice_specialty": "other"})
    assert response.status_code == 302
    candidate = Candidate.objects.get(user__username="neversat")
    law = candidate.results.get(subject="law")
    assert (law.exam_year_id, law.score, law.passed, law.source, law.verified_by) == (2023, 75, True, "candidate", None)
    assert candidate.results.get(subject="management").code == "absent"
    assert law.history.first().history_user.username == "neversat"
    assert ExpiryFlag.objects.filter(candidate=candidate, subject="law", kind="last_chance").exists()


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"law_score": "101"}, "law_score", SCORE_RANGE),
    ({"law_score": "-3"}, "law_score", SCORE_RANGE),
    ({"law_score": "70", "law_code": "absent"}, "law_score", BOTH_SCORE_AND_CODE),
    ({"practice_score": "70", "practice_specialty": ""}, "practice_specialty", SPECIALTY_NEEDED),
])
def test_bad_input_says_what_is_wrong_at_the_field_and_saves_nothing(demo, logged_in, data, field, message):
    client = logged_in("neversat")
    response = client.post(year_url(2024), {"management_score": "66", **data})
    assert response.status_code == 200
    assert str(message) in response.context["form"].errors[field]
    assert not SubjectResult.objects.filter(candidate__user__username="neversat").exists()


def test_a_year_not_yet_published_cannot_be_entered(demo, logged_in):
    response = logged_in("neversat").get(year_url(2026), follow=True)
    assert "not published yet" in response.content.decode()
    response = logged_in("neversat").get(year_url(2030), follow=True)
    assert "has not taken place yet" in response.content.decode()
    assert logged_in("neversat").get(year_url(2018)).status_code == 404


def test_a_verified_result_is_read_only_and_says_who_verified_it(demo, logged_in):
    client = logged_in("lastchance")
    body = client.get(year_url(2023)).content.decode()
    assert "Verified by" in body or "核验" in body
    client.post(year_url(2023), {"law_score": "10", "practice_score": "99", "practice_specialty": "construction"})
    law = SubjectResult.objects.get(candidate__user__username="lastchance", exam_year_id=2023, subject="law")
    assert law.score == 64


def test_a_candidate_can_only_ever_touch_their_own_rows(demo, logged_in):
    other = Candidate.objects.get(user__username="qualified")
    before = list(other.results.values_list("pk", "score"))
    logged_in("neversat").post(year_url(2023), {"law_score": "1", "candidate": other.pk})
    assert list(other.results.values_list("pk", "score")) == before


def test_results_list_and_year_pages_have_fixed_query_counts(demo, logged_in, django_assert_max_num_queries):
    client = logged_in("lastchance")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("candidates:results")).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(year_url(2025)).status_code == 200
