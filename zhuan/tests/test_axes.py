"""Login protection: the lockout page, the client address behind proxies, the admin login, request-less logins."""
import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from candidates.tests import factories
from zhuan.client_address import client_ip_address

pytestmark = pytest.mark.django_db
PASSWORD = "pw-zhuan-test"


def attempt(username: str, password: str, path: str = "/accounts/login/", language: str = "zh-hans", **meta):
    client = Client(**meta)
    client.cookies["django_language"] = language
    return client.post(path, {"username": username, "password": password})


@override_settings(AXES_FAILURE_LIMIT=2)
@pytest.mark.parametrize(("language", "text"), [("zh-hans", "登录失败次数过多"), ("en", "Too many failed logins")])
def test_the_lockout_page_says_how_long_to_wait_in_the_users_language(language, text):
    factories.UserFactory(username="victim")
    for _ in range(2):
        attempt("victim", "wrong", language=language)
    response = attempt("victim", PASSWORD, language=language)
    assert response.status_code == 429
    body = response.content.decode()
    assert text in body and "30" in body
    assert response["Cache-Control"] == "no-store, private"


@override_settings(AXES_FAILURE_LIMIT=2)
def test_a_success_before_the_limit_resets_the_count():
    factories.UserFactory(username="forgetful")
    attempt("forgetful", "wrong")
    assert attempt("forgetful", PASSWORD).status_code == 302
    attempt("forgetful", "wrong")
    assert attempt("forgetful", PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=2)
def test_the_admin_login_is_protected_too():
    factories.UserFactory(username="boss", is_staff=True, is_superuser=True)
    for _ in range(2):
        attempt("boss", "wrong", path="/admin/login/")
    assert attempt("boss", PASSWORD, path="/admin/login/").status_code == 429


@override_settings(AXES_FAILURE_LIMIT=2, AXES_IPWARE_PROXY_COUNT=0)
def test_without_a_proxy_a_forged_forwarded_for_header_does_not_escape_the_lockout():
    factories.UserFactory(username="victim")
    for n in range(2):
        attempt("victim", "wrong", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")
    response = attempt("victim", PASSWORD, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.9.9.99")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


@override_settings(AXES_FAILURE_LIMIT=2, AXES_IPWARE_PROXY_COUNT=1)
def test_behind_one_proxy_users_of_one_school_network_are_told_apart_by_the_forwarded_address():
    factories.UserFactory(username="victim")
    for _ in range(2):
        attempt("victim", "wrong", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert attempt("victim", PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert attempt("victim", PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 302


@pytest.mark.parametrize(("proxies", "forwarded", "expected"), [
    (0, "1.1.1.1", "10.0.0.2"),
    (1, "1.1.1.1", "1.1.1.1"),
    (1, "6.6.6.6, 1.1.1.1", "1.1.1.1"),   # the client prepended a forged address: the proxy's entry wins
    (2, "1.1.1.1, 172.16.0.1", "1.1.1.1"),
    (2, "1.1.1.1", "10.0.0.2"),            # fewer entries than proxies: misconfigured, trust only the socket
])
def test_client_address_counts_trusted_proxies_from_the_right(settings, proxies, forwarded, expected):
    settings.AXES_IPWARE_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip_address(request) == expected


def test_logins_without_a_request_still_check_the_password(candidate_a):
    assert Client().login(username="cand_a", password=PASSWORD)
    assert not Client().login(username="cand_a", password="wrong")


def test_the_login_form_uses_djangos_password_validators(settings):
    names = [validator["NAME"].rsplit(".", 1)[1] for validator in settings.AUTH_PASSWORD_VALIDATORS]
    assert names == ["UserAttributeSimilarityValidator", "MinimumLengthValidator", "CommonPasswordValidator",
                     "NumericPasswordValidator"]


def test_signing_in_through_the_form_records_no_failure(candidate_a):
    response = attempt("cand_a", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("candidates:home")
    assert not AccessAttempt.objects.exists()
