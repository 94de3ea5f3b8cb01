"""The login page in a real browser: both languages, phone and desktop."""
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADINGS = {"zh-hans": "登录", "en": "Log in"}


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_login_page_renders_in_each_language_and_size(journey, language, size):
    trip = journey("login", language, size)
    response = trip.goto("/")
    assert response.ok
    assert "/accounts/login/" in trip.page.url
    assert trip.page.locator("h1").inner_text() == HEADINGS[language]
    assert trip.page.locator("html").get_attribute("lang") == language
    trip.check_accessibility_basics()
    trip.shot("login")


def test_wrong_password_says_so_at_the_form(journey, django_user_model):
    django_user_model.objects.create_user("someone", password="right-password-123")
    trip = journey("login", "en", "phone")
    trip.login("someone", "wrong")
    assert "/accounts/login/" in trip.page.url
    assert "correct username and password" in trip.page.locator("main").inner_text()
    trip.shot("login-refused")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_login_page_is_translated_and_shows_focus(journey, language):
    trip = journey("login", language, "desktop")
    trip.goto("/accounts/login/")
    trip.check_translated()
    trip.check_focus_visible()
