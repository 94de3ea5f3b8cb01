"""Candidate: sign in, read the progress page, enter a year's results with a mistake and correct it, use the
planner, download the calendar feed, read a message."""
import pytest
from django.contrib.auth import get_user_model

from candidates.models import Candidate, Notification

from .conftest import every_language_and_size

pytestmark = [pytest.mark.browser]
HEADLINE = {"zh-hans": "2026 年考试你必须通过", "en": "At the 2026 sitting you must pass"}
QUALIFY = {"zh-hans": "你将在 2026 年取得资格", "en": "You would qualify in 2026."}


@every_language_and_size
def test_candidate_journey(journey, demo, language, size):
    user = get_user_model().objects.get(username="lastchance")
    Notification.objects.create(recipient=user, kind="general", event_key="e2e-hello",
                                title="欢迎" if language == "zh-hans" else "Welcome", body="…")
    trip = journey(f"journey-candidate-{language}-{size}", language, size)
    trip.login("lastchance", demo)
    assert HEADLINE[language] in trip.page.locator("main").inner_text()
    trip.check_accessibility_basics()
    trip.check_translated()
    trip.shot("progress")

    trip.goto("/me/results/2022/")
    trip.page.fill("input[name=practice_score]", "130")
    trip.shot("results-with-a-mistake")
    trip.page.locator("main form button[type=submit]").click()
    trip.page.wait_for_load_state()
    assert trip.page.locator(".invalid-feedback, .is-invalid").count() >= 1
    trip.shot("results-error-at-the-field")
    trip.page.fill("input[name=practice_score]", "48")
    trip.page.locator("main form button[type=submit]").click()
    trip.page.wait_for_load_state()
    assert "/me/" in trip.page.url
    trip.shot("results-saved")

    trip.goto("/me/planner/")
    trip.page.locator("input[name=now][value=practice]").check()
    trip.page.locator("main form button[type=submit]").click()
    trip.page.wait_for_selector("#outcome-heading")
    assert QUALIFY[language] in trip.page.locator("main").inner_text()
    trip.check_translated()
    trip.shot("planner")

    trip.goto("/me/dates/")
    trip.shot("key-dates")
    token = Candidate.objects.get(user=user).calendar_token
    feed = trip.page.request.get(f"{trip.base_url}/calendar/{token}.ics")
    assert feed.ok and b"BEGIN:VCALENDAR" in feed.body()

    trip.goto("/me/messages/")
    trip.shot("inbox")
    trip.page.locator("main .list-group a").first.click()
    trip.page.wait_for_load_state()
    trip.shot("message")
    assert Notification.objects.get(event_key="e2e-hello").read_at is not None
