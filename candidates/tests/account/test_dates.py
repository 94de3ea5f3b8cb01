"""Key dates of the pending exam year, and the private iCalendar feed."""
import icalendar
import pytest
from django.urls import reverse

from candidates.models import ExamYear
from candidates.tests import factories

pytestmark = pytest.mark.django_db


def feed_events(client, token) -> dict[str, icalendar.Event]:
    response = client.get(reverse("candidates:calendar_feed", args=[token]))
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_key_dates_show_the_announced_dates_and_say_what_is_not_announced(english, candidate_a, calendar_2026,
                                                                          django_assert_num_queries):
    english.force_login(candidate_a.user)
    with django_assert_num_queries(8):  # session, user, candidate, pending year, its row, sittings, nav x2
        body = english.get(reverse("candidates:key_dates")).content.decode()
    assert "Key dates of 2026" in body and body.count("<h1") == 1
    assert "2026-07-01 – 2026-08-10" in body
    assert "2026-10-24 – 2026-10-25" in body
    assert "2026-12-28" in body
    assert body.count("not announced yet") == 3  # review notices, electronic and paper certificates
    assert candidate_a.calendar_token in body


def test_key_dates_before_anything_is_announced(english, candidate_a):
    english.force_login(candidate_a.user)
    body = english.get(reverse("candidates:key_dates")).content.decode()
    assert "Key dates of 2026" in body and body.count("not announced yet") == 6


def test_feed_has_sittings_results_and_dates_with_stable_uids_and_no_store(client, candidate_a, calendar_2026):
    first = feed_events(client, candidate_a.calendar_token)
    assert "sitting-2026-2026-10-24@zhuan.local" in first
    assert "results-2026@zhuan.local" in first
    assert "registration-2026@zhuan.local" in first
    assert "sitting-2025-2025-10-25@zhuan.local" in first
    assert str(first["sitting-2026-2026-10-24@zhuan.local"]["dtstart"].dt) == "2026-10-24"
    assert str(first["sitting-2026-2026-10-24@zhuan.local"]["dtend"].dt) == "2026-10-26"
    assert feed_events(client, candidate_a.calendar_token).keys() == first.keys()
    response = client.get(reverse("candidates:calendar_feed", args=[candidate_a.calendar_token]))
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"].startswith("text/calendar")


def test_feed_warns_a_last_chance_candidate(client, last_chance_a, calendar_2026):
    events = feed_events(client, last_chance_a.calendar_token)
    warning = events[f"last-chance-{last_chance_a.pk}-2026@zhuan.local"]
    assert str(warning["dtstart"].dt) == "2026-09-24"
    assert "2023" in str(warning["description"])


def test_feed_has_no_warning_without_a_last_chance_pass(client, candidate_a, calendar_2026):
    assert not [uid for uid in feed_events(client, candidate_a.calendar_token) if uid.startswith("last-chance")]


def test_feed_query_count_does_not_grow_with_results(client, last_chance_a, calendar_2026,
                                                    django_assert_num_queries):
    with django_assert_num_queries(6):
        client.get(reverse("candidates:calendar_feed", args=[last_chance_a.calendar_token]))
    for year in (2019, 2020, 2021, 2022, 2024, 2025):
        factories.SubjectResultFactory(candidate=last_chance_a, exam_year=ExamYear.objects.get(year=year),
                                       subject="management", score=40)
    with django_assert_num_queries(6):
        client.get(reverse("candidates:calendar_feed", args=[last_chance_a.calendar_token]))


def test_unknown_token_is_404(client, candidate_a):
    assert client.get(reverse("candidates:calendar_feed", args=["not-a-token"])).status_code == 404


def test_resetting_the_feed_address_retires_the_old_one_and_keeps_uids(client, candidate_a, candidate_b,
                                                                       calendar_2026):
    old = candidate_a.calendar_token
    before = feed_events(client, old).keys()
    client.force_login(candidate_a.user)
    response = client.post(reverse("candidates:calendar_reset"))
    assert response["Location"] == reverse("candidates:key_dates")
    candidate_a.refresh_from_db()
    assert candidate_a.calendar_token != old
    assert client.get(reverse("candidates:calendar_feed", args=[old])).status_code == 404
    assert feed_events(client, candidate_a.calendar_token).keys() == before
    candidate_b.refresh_from_db()
    assert client.get(reverse("candidates:calendar_feed", args=[candidate_b.calendar_token])).status_code == 200
