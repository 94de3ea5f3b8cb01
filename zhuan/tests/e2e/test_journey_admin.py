"""Administrator: edit the exam calendar and a province's review policy in the admin."""
import pytest

from candidates.models import ExamYear
from reviews.models import ReviewPolicy

from .conftest import every_language_and_size

pytestmark = [pytest.mark.browser]


@every_language_and_size
def test_administrator_edits_the_exam_calendar(journey, demo, language, size):
    trip = journey("journey-admin", language, size)
    trip.login("admin", demo)
    trip.goto("/admin/")
    trip.shot("admin-index")
    trip.goto("/admin/candidates/examyear/2026/change/")
    trip.shot("exam-year-2026")
    trip.page.fill("input[name=registration_opens_on]", "2026-08-12")
    trip.page.locator("input[name=_save]").click()
    trip.page.wait_for_load_state()
    assert trip.page.locator(".messagelist .success, ul.messagelist li").count() >= 1
    trip.shot("exam-year-saved")
    assert str(ExamYear.objects.get(year=2026).registration_opens_on) == "2026-08-12"

    policy = ReviewPolicy.objects.get(exam_year_id=2025, province__code="32")
    trip.goto(f"/admin/reviews/reviewpolicy/{policy.pk}/change/")
    trip.page.select_option("select[name=mode]", "onsite")
    trip.page.locator("input[name=_save]").click()
    trip.page.wait_for_load_state()
    trip.shot("review-policy-saved")
    assert ReviewPolicy.objects.get(pk=policy.pk).mode == "onsite"
