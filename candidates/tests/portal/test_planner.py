"""The what-if planner computes outcomes from hypothetical passes and saves nothing."""
import pytest
from django.urls import reverse

from candidates.models import SubjectResult

pytestmark = pytest.mark.django_db


def test_passing_practice_in_2026_qualifies_lastchance(demo, logged_in):
    client = logged_in("lastchance")
    client.cookies["django_language"] = "en"
    count = SubjectResult.objects.count()
    body = client.get(reverse("candidates:planner"), {"now": ["practice"]}).content.decode()
    assert "You would qualify in 2026." in body
    assert SubjectResult.objects.count() == count


def test_failing_again_shows_the_lapse_and_the_following_year(demo, logged_in):
    client = logged_in("lastchance")
    client.cookies["django_language"] = "en"
    body = client.get(reverse("candidates:planner"), {"later": ["practice"]}).content.decode()
    assert "would lapse after 2026" in body
    assert "After the 2027 sitting you would still need" in body


def test_the_planner_answers_htmx_with_the_outcome_only(demo, logged_in, django_assert_max_num_queries):
    client = logged_in("lastchance")
    with django_assert_max_num_queries(9):
        response = client.get(reverse("candidates:planner"), {"now": ["practice"]}, HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode() and "outcome-heading" in response.content.decode()
