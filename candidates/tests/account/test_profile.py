"""Profile: a level or specialty change is kept in history and marked for staff; contact details; preferences."""
import pytest
from django.urls import reverse

from candidates.forms.account import EMAIL_TAKEN, HELD_SPECIALTY_REQUIRED
from candidates.models import NotificationPreference
from candidates.models.notifications import NotificationKind
from candidates.tests import factories
from candidates.validators import MOBILE_WRONG

pytestmark = pytest.mark.django_db


def profile_data(candidate, **overrides):
    return {"save_profile": "1", "level": candidate.level, "specialty": candidate.specialty, "held_specialty": "",
            "province": candidate.province_id, "mobile": candidate.mobile, "email": candidate.email, **overrides}


def test_profile_page_shows_the_current_details_and_every_notification_kind(english, candidate_a,
                                                                             django_assert_num_queries):
    english.force_login(candidate_a.user)
    with django_assert_num_queries(7):  # session, user, candidate, preferences, school (nav), unread, provinces
        body = english.get(reverse("candidates:profile")).content.decode()
    assert body.count("<h1") == 1
    assert candidate_a.mobile in body and candidate_a.email in body
    assert "Last-chance pass reminders: by email" in body and "Results day: in the app" in body
    assert "Weekly at-risk digest" not in body
    assert reverse("password_change") in body


def test_changing_level_marks_the_candidate_for_staff_attention_with_history(client, candidate_a):
    client.force_login(candidate_a.user)
    response = client.post(reverse("candidates:profile"), profile_data(candidate_a, level="exempt_one"))
    assert response.status_code == 302
    candidate_a.refresh_from_db()
    assert candidate_a.level == "exempt_one" and candidate_a.needs_attention
    assert "考全科 → 免一科" in candidate_a.attention_reason
    latest, before = candidate_a.history.all()[:2]
    assert (before.level, latest.level) == ("full", "exempt_one")
    assert latest.history_user == candidate_a.user and latest.history_change_reason


def test_changing_specialty_is_marked_too_and_reasons_accumulate(client, candidate_a):
    client.force_login(candidate_a.user)
    client.post(reverse("candidates:profile"), profile_data(candidate_a, specialty="coal"))
    candidate_a.refresh_from_db()
    client.post(reverse("candidates:profile"), profile_data(candidate_a, level="add_specialty",
                                                            held_specialty="construction"))
    candidate_a.refresh_from_db()
    assert candidate_a.needs_attention
    assert "化工安全 → 煤矿安全" in candidate_a.attention_reason
    assert "考全科 → 增报专业" in candidate_a.attention_reason
    assert candidate_a.held_specialty == "construction"


def test_contact_change_does_not_mark_attention_and_updates_the_login_email(client, candidate_a):
    client.force_login(candidate_a.user)
    shanghai = factories.province("31").pk
    client.post(reverse("candidates:profile"), profile_data(candidate_a, mobile="13700000000",
                                                            email="new@example.org", province=shanghai))
    candidate_a.refresh_from_db()
    candidate_a.user.refresh_from_db()
    assert candidate_a.mobile == "13700000000" and candidate_a.province.code == "31"
    assert candidate_a.user.email == "new@example.org"
    assert not candidate_a.needs_attention


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"mobile": "123"}, "mobile", MOBILE_WRONG),
    ({"level": "add_specialty"}, "held_specialty", HELD_SPECIALTY_REQUIRED),
])
def test_bad_profile_input_is_reported_at_the_field_and_nothing_is_saved(client, candidate_a, overrides, field,
                                                                          message):
    client.force_login(candidate_a.user)
    response = client.post(reverse("candidates:profile"), profile_data(candidate_a, **overrides))
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [str(message)]}
    candidate_a.refresh_from_db()
    assert candidate_a.level == "full" and not candidate_a.needs_attention


def test_an_email_another_account_uses_is_refused(client, candidate_a, candidate_b):
    client.force_login(candidate_a.user)
    response = client.post(reverse("candidates:profile"), profile_data(candidate_a, email=candidate_b.user.email))
    assert response.context["form"].errors == {"email": [str(EMAIL_TAKEN)]}


def test_notification_preferences_are_saved_per_kind(client, candidate_a):
    client.force_login(candidate_a.user)
    client.post(reverse("candidates:profile"), {"save_preferences": "1", "last_chance__in_app": "on",
                                                "results_day__by_email": "on"})
    saved = {p.kind: (p.in_app, p.by_email) for p in NotificationPreference.objects.filter(user=candidate_a.user)}
    assert saved["last_chance"] == (True, False)
    assert saved["results_day"] == (False, True)
    assert saved["general"] == (False, False)
    assert NotificationKind.STAFF_DIGEST not in saved
    body = client.get(reverse("candidates:profile")).content.decode()
    assert 'name="last_chance__in_app" class="checkboxinput form-check-input" id="id_last_chance__in_app" checked' \
        in body or 'id="id_last_chance__in_app" checked' in body


def test_saving_preferences_leaves_the_profile_alone(client, candidate_a):
    client.force_login(candidate_a.user)
    client.post(reverse("candidates:profile"), {"save_preferences": "1", "level": "exempt_two"})
    candidate_a.refresh_from_db()
    assert candidate_a.level == "full"
