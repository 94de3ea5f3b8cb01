"""A school manager walks the staff pages in a real browser: both languages, phone and desktop, with screenshots."""
import pytest
from django.core.management import call_command

from candidates.demo import demo_password
from candidates.models import Candidate, Cohort

pytestmark = [pytest.mark.browser]


@pytest.fixture
def demo_live(django_db_serialized_rollback, live_server):
    """Load the demo data into the live server's database and return the demo password."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process
    return demo_password()


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_manager_sees_cohorts_dashboard_at_risk_list_and_a_candidate(journey, demo_live, language, size):
    trip = journey("staff-pages", language, size)
    trip.login("staff", demo_live)
    cohort = Cohort.objects.filter(school__slug="demo-school-1").order_by("pk").first()
    candidate = Candidate.objects.get(user__username="lastchance")
    for label, path in [
        ("cohorts", "/school/"),
        ("dashboard", f"/school/cohorts/{cohort.pk}/"),
        ("at-risk", "/school/at-risk/"),
        ("candidate", f"/school/candidates/{candidate.pk}/"),
        ("enrol", f"/school/cohorts/{cohort.pk}/enrol/"),
    ]:
        assert trip.goto(path).ok, path
        trip.check_accessibility_basics()
        trip.check_translated()
        trip.shot(label)
    trip.goto("/school/at-risk/")
    trip.page.locator("details summary").click()
    trip.page.fill("input[name=q]", candidate.id_number[-4:])
    trip.page.locator("main form button[type=submit]").click()
    trip.page.wait_for_load_state()
    assert candidate.full_name in trip.page.locator("main").inner_text()
    trip.shot("at-risk-search")
