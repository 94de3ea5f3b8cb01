"""Login, logout, password change and password reset by email, on the project's own pages."""
import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Another-long-passw0rd"


def test_login_page_links_to_password_reset_and_signup(english):
    body = english.get(reverse("login")).content.decode()
    assert reverse("password_reset") in body and reverse("candidates:signup") in body


def test_logout_is_a_post_and_lands_on_the_login_page(client, candidate_a):
    client.force_login(candidate_a.user)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email_from_request_to_new_login(english, candidate_a):
    user = candidate_a.user
    response = english.post(reverse("password_reset"), {"email": user.email})
    assert response["Location"] == reverse("password_reset_done")
    assert "a link to set a new password is on its way" in english.get(response["Location"]).content.decode()
    assert mail.outbox[0].to == [user.email]
    path = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)

    response = english.get(path)  # Django swaps the token for a session key and redirects
    form_page = english.get(response["Location"])
    assert form_page.context["validlink"] and "Set a new password" in form_page.content.decode()
    response = english.post(response["Location"], {"new_password1": "short", "new_password2": "short"})
    assert "new_password2" in response.context["form"].errors
    response = english.post(form_page.request["PATH_INFO"],
                            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("password_reset_complete")
    assert "Password set" in english.get(response["Location"]).content.decode()
    assert english.login(username=user.username, password=NEW_PASSWORD)


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert not mail.outbox


def test_a_used_reset_link_says_it_is_not_valid(english, candidate_a):
    english.post(reverse("password_reset"), {"email": candidate_a.user.email})
    path = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    set_page = english.get(path)["Location"]
    english.post(set_page, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    body = english.get(path).content.decode()
    assert "This link is not valid any more" in body


def test_password_change_keeps_the_session_and_checks_the_old_password(english, candidate_a):
    english.force_login(candidate_a.user)
    response = english.post(reverse("password_change"), {
        "old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert list(response.context["form"].errors) == ["old_password"]
    response = english.post(reverse("password_change"), {
        "old_password": "pw-zhuan-test", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == reverse("password_change_done")
    assert "Password changed" in english.get(response["Location"]).content.decode()
    candidate_a.user.refresh_from_db()
    assert candidate_a.user.check_password(NEW_PASSWORD)


@pytest.mark.parametrize("name", ["password_reset", "password_reset_done", "password_reset_complete", "login"])
def test_public_account_pages_use_the_site_layout(english, name):
    body = english.get(reverse(name)).content.decode()
    assert body.count("<h1") == 1 and 'id="main"' in body


@pytest.mark.parametrize("name", ["password_change", "password_change_done"])
def test_signed_in_account_pages_use_the_site_layout(english, candidate_a, name):
    english.force_login(candidate_a.user)
    body = english.get(reverse(name)).content.decode()
    assert body.count("<h1") == 1 and 'id="main"' in body
