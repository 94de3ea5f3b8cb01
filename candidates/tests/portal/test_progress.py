"""My progress for a candidate in each situation: headline, subject states, timeline, fixed query count."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HEADLINES = {
    "qualified": "You qualified in 2025.",
    "lastchance": "At the 2026 sitting you must pass Safety production professional practice; if you don't, your "
                  "2023 Safety production law and regulations pass lapses.",
    "expired": "To qualify, pass Safety production law and regulations, Safety production technology and Safety "
               "production professional practice by the 2027 sitting.",
    "neversat": "No results yet. To qualify you need",
    "exempttwo": "At the 2026 sitting you must pass Safety production professional practice; if you don't, your "
                 "2025 Safety production law and regulations pass lapses.",
    "addspecialty": "No pass yet. To qualify you need Safety production professional practice within 1 consecutive",
    "excused": "You qualified in 2025.",
}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.mark.parametrize(("username", "headline"), HEADLINES.items())
def test_progress_headline_for_each_situation(demo, logged_in, username, headline):
    client = logged_in(username)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("candidates:progress"))
    assert response.status_code == 200
    assert headline in response.content.decode().replace("&#x27;", "'")


def test_progress_shows_states_exempt_subjects_and_the_timeline(demo, logged_in):
    client = logged_in("exempttwo")
    client.cookies["django_language"] = "en"
    body = client.get(reverse("candidates:progress")).content.decode()
    assert "Exempt" in body and "Last chance" in body
    assert '<svg class="timeline-svg"' in body and "<desc" in body and "counts 2025–2026" in body


def test_excused_year_shows_the_extended_window(demo, logged_in):
    client = logged_in("excused")
    body = client.get(reverse("candidates:progress")).content.decode()
    assert "2021–2025" in body


@pytest.mark.parametrize("username", ["qualified", "lastchance", "neversat", "addspecialty", "excused"])
def test_progress_query_count_is_fixed(demo, logged_in, django_assert_max_num_queries, username):
    client = logged_in(username)
    with django_assert_max_num_queries(9):
        assert client.get(reverse("candidates:progress")).status_code == 200


@pytest.mark.parametrize("username", ["staff", "admin"])
def test_progress_is_a_404_for_someone_without_a_candidate_record(demo, logged_in, username):
    assert logged_in(username).get(reverse("candidates:progress")).status_code == 404


def test_progress_needs_login(client):
    response = client.get(reverse("candidates:progress"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_home_sends_each_role_to_its_page(demo, logged_in):
    assert logged_in("lastchance").get("/")["Location"] == reverse("candidates:progress")
    assert logged_in("staff").get("/")["Location"] == reverse("candidates:staff_cohort_list")
    assert logged_in("admin").get("/")["Location"] == reverse("admin:index")
