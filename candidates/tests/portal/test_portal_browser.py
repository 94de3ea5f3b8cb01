"""The demo candidate `lastchance` in a real browser: the last-chance headline, then the planner; phone and desktop."""
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command

from candidates.models import ExamYear, Province

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADLINE = {
    "zh-hans": "2026 年考试你必须通过",
    "en": "At the 2026 sitting you must pass",
}
QUALIFIES = {"zh-hans": "你将在 2026 年取得资格。", "en": "You would qualify in 2026."}
LAPSES = {"zh-hans": "年后失效", "en": "would lapse after 2026"}


@pytest.fixture
def demo_data(django_db_serialized_rollback, live_server):
    """Load the demo data with 2026 pending; reload the reference data when a flush emptied it."""
    if not Province.objects.exists():
        import_module("candidates.migrations.0002_reference_data").load(apps, None)
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    ExamYear.objects.filter(year=2026).update(results_published_on=None)


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_lastchance_sees_the_headline_and_plans_the_next_sitting(demo_data, journey, language, size):
    trip = journey("portal", language, size)
    trip.login("lastchance", "zhuan-demo")
    trip.goto("/")
    assert trip.page.url.endswith("/me/")
    assert HEADLINE[language] in trip.page.locator("#headline").inner_text()
    assert trip.page.locator("svg.timeline-svg[role=img]").count() == 1
    trip.check_accessibility_basics()
    trip.check_translated()
    trip.shot("progress")

    trip.goto("/me/planner/")
    trip.page.check("input[name=now][value=practice]")
    trip.page.locator("main form button[type=submit]").click()
    trip.page.wait_for_load_state()
    assert QUALIFIES[language] in trip.page.locator("#planner-outcome").inner_text()
    trip.check_accessibility_basics()
    trip.shot("planner-pass")

    trip.page.uncheck("input[name=now][value=practice]")
    trip.page.check("input[name=later][value=practice]")
    trip.page.locator("main form button[type=submit]").click()
    trip.page.wait_for_load_state()
    assert LAPSES[language] in trip.page.locator("#planner-outcome").inner_text()
    trip.shot("planner-fail")
