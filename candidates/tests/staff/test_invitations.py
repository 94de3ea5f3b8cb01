"""Inviting a candidate: one email with a one-time link that sets the password; used, expired or forged links say so."""
import datetime
from unittest import mock

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.urls import reverse

from candidates.roles import CANDIDATE_GROUP
from candidates.tests import factories
from candidates.views.staff.candidates import NO_EMAIL

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-Passw0rd!"


@pytest.fixture
def invited(client, staff1, school1, django_capture_on_commit_callbacks):
    """Invite a new candidate of school1 and return (candidate, path of the link)."""
    candidate = factories.CandidateFactory(email="new@example.org", user=None)
    factories.EnrolmentFactory(candidate=candidate, cohort=factories.CohortFactory(school=school1))
    client.force_login(staff1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("candidates:staff_invite", args=[candidate.pk]))
    assert response["Location"] == reverse("candidates:staff_candidate_detail", args=[candidate.pk])
    client.logout()
    link = next(line for line in mail.outbox[0].body.splitlines() if "/invite/" in line)
    candidate.refresh_from_db()
    return candidate, link[link.index("/invite/"):]


def test_the_invitation_creates_a_candidate_login_without_a_password_and_emails_the_link(invited):
    candidate, _path = invited
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["new@example.org"]
    assert candidate.user.username in mail.outbox[0].body
    assert not candidate.user.has_usable_password()
    assert candidate.user.groups.filter(name=CANDIDATE_GROUP).exists()
    assert candidate.history.first().history_user.username == "staff1"


def test_the_link_sets_the_password_once_and_then_says_it_is_used(client, invited):
    candidate, path = invited
    response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    client.logout()
    again = client.get(path)
    assert again.status_code == 400
    assert "candidates/invitation_invalid.html" in [t.name for t in again.templates]
    other = "Other-pass-123!"
    assert client.post(path, {"new_password1": other, "new_password2": other}).status_code == 400
    candidate.user.refresh_from_db()
    assert candidate.user.check_password(PASSWORD)


def test_an_expired_link_says_so_and_sets_nothing(client, invited, settings):
    candidate, path = invited
    later = datetime.datetime.now() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    with mock.patch.object(PasswordResetTokenGenerator, "_now", return_value=later):
        response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 400
    candidate.user.refresh_from_db()
    assert not candidate.user.has_usable_password()


@pytest.mark.parametrize("mangle", [lambda p: p.replace("/invite/", "/invite/x"), lambda p: p[:-3] + "abc/"])
def test_a_forged_link_says_so(client, invited, mangle):
    _candidate, path = invited
    assert client.get(mangle(path)).status_code in (400, 404)


def test_a_weak_password_is_refused_at_the_field(client, invited):
    _candidate, path = invited
    response = client.post(path, {"new_password1": "123", "new_password2": "123"})
    assert response.status_code == 200 and response.context["form"].errors["new_password2"]


def test_a_candidate_without_email_cannot_be_invited(client, staff1, school1):
    candidate = factories.CandidateFactory(email="", user=None)
    factories.EnrolmentFactory(candidate=candidate, cohort=factories.CohortFactory(school=school1))
    client.force_login(staff1)
    response = client.post(reverse("candidates:staff_invite", args=[candidate.pk]), follow=True)
    assert str(NO_EMAIL) in [str(m) for m in response.context["messages"]]
    assert not mail.outbox
    candidate.refresh_from_db()
    assert candidate.user is None
