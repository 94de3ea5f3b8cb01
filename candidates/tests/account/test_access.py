"""Every account URL: anonymous users go to the login page, users without a candidate record get a 404."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

CANDIDATE_PAGES = ["candidates:profile", "candidates:key_dates"]
SIGNED_IN_PAGES = [*CANDIDATE_PAGES, "candidates:inbox"]


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_anonymous_visitor_is_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["candidates:calendar_reset", "candidates:inbox_mark_read"])
def test_anonymous_post_is_sent_to_login(client, name):
    response = client.post(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_anonymous_message_is_sent_to_login(client):
    response = client.get(reverse("candidates:message", args=[1]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", CANDIDATE_PAGES)
def test_staff_without_a_candidate_record_gets_404(client, staff1, name):
    client.force_login(staff1)
    assert client.get(reverse(name)).status_code == 404


def test_staff_without_a_candidate_record_cannot_reset_a_feed(client, staff1):
    client.force_login(staff1)
    assert client.post(reverse("candidates:calendar_reset")).status_code == 404


def test_staff_reads_their_own_inbox(client, staff1):
    client.force_login(staff1)
    assert client.get(reverse("candidates:inbox")).status_code == 200


@pytest.mark.parametrize("name", ["candidates:calendar_reset", "candidates:inbox_mark_read"])
def test_state_changes_refuse_get(client, candidate_a, name):
    client.force_login(candidate_a.user)
    assert client.get(reverse(name)).status_code == 405


@pytest.mark.parametrize("name", ["candidates:signup", "login", "password_reset"])
def test_public_pages_open_without_login(client, name):
    assert client.get(reverse(name)).status_code == 200
