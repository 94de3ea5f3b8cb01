"""The account pages in a real browser: sign-up, profile, key dates and messages, both languages and sizes."""
import pytest
from django.core.management import call_command

from candidates.demo import demo_password
from candidates.models import Notification

pytestmark = [pytest.mark.browser]

HEADINGS = {
    "zh-hans": {"profile": "个人资料", "dates": "2026 年度重要日期", "inbox": "消息", "signup": "注册"},
    "en": {"profile": "Profile", "dates": "Key dates of 2026", "inbox": "Messages", "signup": "Sign up"},
}
REFUSAL = {"zh-hans": "该身份证号已有记录", "en": "A record with this ID number already exists"}


@pytest.fixture
def demo(django_db_serialized_rollback, live_server):
    """Load the demo data into the live server's database."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process
    return demo_password()


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_candidate_visits_profile_key_dates_and_messages(journey, demo, django_user_model, language, size):
    user = django_user_model.objects.get(username="lastchance")
    Notification.objects.get_or_create(recipient=user, event_key="browser-test", defaults={
        "kind": "general", "title": "欢迎 / Welcome", "body": "第一行\nSecond line"})
    trip = journey("account", language, size)
    trip.login("lastchance", demo)
    for page, path in [("profile", "/me/profile/"), ("dates", "/me/dates/"), ("inbox", "/me/messages/")]:
        assert trip.goto(path).ok
        assert trip.page.locator("h1").inner_text() == HEADINGS[language][page]
        trip.check_accessibility_basics()
        trip.shot(page)
    trip.page.locator("main .list-group a").first.click()
    trip.page.wait_for_load_state()
    assert "Second line" in trip.page.locator("main").inner_text()
    trip.shot("message")


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_signup_refuses_an_id_number_the_school_already_has(journey, demo, language, size):
    from candidates.models import Candidate

    taken = Candidate.objects.get(user__username="lastchance").id_number
    trip = journey("account-signup", language, size)
    assert trip.goto("/signup/").ok
    assert trip.page.locator("h1").inner_text() == HEADINGS[language]["signup"]
    trip.check_accessibility_basics()
    trip.shot("signup")
    trip.page.fill("input[name=id_number]", taken)
    trip.page.fill("input[name=username]", "browser-newbie")
    trip.page.locator("main form button[type=submit]").click()
    trip.page.wait_for_load_state()
    assert REFUSAL[language] in trip.page.locator("#id_id_number ~ .invalid-feedback, .invalid-feedback").first \
        .inner_text() or REFUSAL[language] in trip.page.locator("main").inner_text()
    trip.shot("signup-refused")
