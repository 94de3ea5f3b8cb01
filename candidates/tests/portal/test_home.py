"""Home sends each role to its own start page; a user with no role is told the account is not linked."""
import pytest
from django.urls import reverse

from candidates.tests import factories

pytestmark = pytest.mark.django_db


def test_candidate_goes_to_their_progress(client, candidate_a):
    client.force_login(candidate_a.user)
    assert client.get("/")["Location"] == reverse("candidates:progress")


def test_school_staff_go_to_their_school(client, staff1):
    client.force_login(staff1)
    assert client.get("/")["Location"].endswith("/school/")


def test_administrator_goes_to_the_admin(client, administrator):
    client.force_login(administrator)
    assert client.get("/")["Location"] == reverse("admin:index")


def test_user_without_a_role_is_told_the_account_is_not_linked(client, settings):
    settings.LANGUAGE_CODE = "en"
    client.force_login(factories.UserFactory(username="nobody"))
    response = client.get("/")
    assert response.status_code == 200
    assert "not linked to a candidate record or a school yet" in response.content.decode()


def test_home_needs_login(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
