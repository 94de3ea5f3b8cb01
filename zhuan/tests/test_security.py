"""Login protection, sessions, headers, error pages and logs that keep personal data to those who may see it."""
import logging

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from candidates.tests import factories
from zhuan.logging import mask_personal_numbers

pytestmark = pytest.mark.django_db
PASSWORD = "pw-zhuan-test"


def attempt(username: str, password: str, ip: str):
    return Client(REMOTE_ADDR=ip).post(reverse("login"), {"username": username, "password": password})


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_lockout_is_keyed_on_username_and_address_together():
    user = factories.UserFactory(username="victim")
    factories.UserFactory(username="bystander")
    for _ in range(3):
        attempt("victim", "wrong", "10.0.0.1")
    assert attempt("victim", PASSWORD, "10.0.0.1").status_code == 429
    assert attempt("victim", PASSWORD, "10.0.0.2").status_code == 302, "the same user from elsewhere still works"
    assert attempt("bystander", PASSWORD, "10.0.0.1").status_code == 302, "others behind the same address too"
    assert user.is_active


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=2, AXES_COOLOFF_TIME=0.0001)
def test_lockout_ends_after_the_cool_off():
    import time

    factories.UserFactory(username="victim")
    for _ in range(2):
        attempt("victim", "wrong", "10.0.0.1")
    time.sleep(0.5)
    assert attempt("victim", PASSWORD, "10.0.0.1").status_code == 302


@override_settings(AXES_ENABLED=True)
def test_the_session_key_changes_at_login_and_dies_at_logout():
    factories.UserFactory(username="someone")
    client = Client()
    client.get(reverse("login"))
    client.cookies["sessionid"] = "pre-login-fixation"
    client.post(reverse("login"), {"username": "someone", "password": PASSWORD})
    key = client.cookies["sessionid"].value
    assert key != "pre-login-fixation"
    client.post(reverse("logout"))
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=key).exists()


def test_changing_the_password_ends_the_other_sessions(candidate_a):
    phone, laptop = Client(), Client()
    phone.force_login(candidate_a.user)
    laptop.force_login(candidate_a.user)
    laptop.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "Another-long-pw-9",
                                              "new_password2": "Another-long-pw-9"})
    assert laptop.get(reverse("candidates:progress")).status_code == 200
    assert phone.get(reverse("candidates:progress")).status_code == 302


def test_weak_passwords_are_refused(candidate_a, client):
    client.force_login(candidate_a.user)
    response = client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": "12345678",
                                                         "new_password2": "12345678"})
    assert response.status_code == 200 and response.context["form"].errors["new_password2"]


def test_pages_with_personal_data_are_not_cached_but_static_files_may_be(candidate_a, client):
    client.force_login(candidate_a.user)
    assert client.get(reverse("candidates:progress"))["Cache-Control"] == "no-store, private"


def test_the_csp_forbids_inline_scripts_and_styles(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_the_404_page_says_nothing_about_what_exists(candidate_a, candidate_b, client):
    client.force_login(candidate_a.user)
    mine = client.get("/school/candidates/999999/")
    theirs = client.get(f"/school/candidates/{candidate_b.pk}/")
    assert mine.status_code == theirs.status_code == 404
    assert candidate_b.full_name not in theirs.content.decode()


def test_the_500_page_leaks_no_detail(client, settings, candidate_a):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    from django.urls import path

    def boom(request):
        raise RuntimeError("secret-detail-110105197001011014")

    import zhuan.urls

    zhuan.urls.urlpatterns.append(path("boom-test/", boom))
    try:
        client.raise_request_exception = False
        client.force_login(candidate_a.user)
        response = client.get("/boom-test/")
    finally:
        zhuan.urls.urlpatterns.pop()
        from django.urls import clear_url_caches

        clear_url_caches()
    assert response.status_code == 500
    body = response.content.decode()
    assert "secret-detail" not in body and "Traceback" not in body and "出错了" in body


def test_logs_mask_id_and_mobile_numbers(caplog):
    assert mask_personal_numbers("id 11010519700101101X tel 13912345678") == "id 110105********101X tel 139****5678"
    logger = logging.getLogger("zhuan.test")
    from zhuan.logging import MaskPersonalNumbersFilter

    logger.addFilter(MaskPersonalNumbersFilter())
    with caplog.at_level(logging.INFO):
        logger.info("candidate %s called from %s", "110105197001011014", "13912345678")
    assert "110105197001011014" not in caplog.text and "13912345678" not in caplog.text
