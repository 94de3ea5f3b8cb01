"""In a real browser, staff import a results file with one bad row, see that row's error, fix it and confirm."""
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from candidates.demo import demo_password
from candidates.models import Candidate, ImportUpload, SubjectResult

pytestmark = [pytest.mark.browser]

MESSAGES = {
    "zh-hans": {"bad": "不是成绩", "saved": "已导入", "h1": "导入预览"},
    "en": {"bad": "is not a score", "saved": "Imported:", "h1": "Import preview"},
}


@pytest.fixture
def demo(django_db_serialized_rollback, live_server):
    """Load the demo data into the live server's database."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the process
    return demo_password()


def results_csv(candidates, law_scores) -> bytes:
    lines = ["身份证号,姓名,安全生产法律法规"]
    lines += [f"{c.id_number},{c.full_name},{score}" for c, score in zip(candidates, law_scores, strict=True)]
    return ("\n".join(lines) + "\n").encode("gbk")


def choose_file(trip, content: bytes) -> None:
    trip.page.select_option("select[name=exam_year]", "2025")
    trip.page.set_input_files("input[name=file]", files=[
        {"name": "成绩.csv", "mimeType": "text/csv", "buffer": content}])
    trip.page.locator("main form button[type=submit]").click()
    trip.page.wait_for_load_state()


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_staff_fix_a_bad_row_then_confirm_and_land_on_the_at_risk_list(journey, demo, language, size):
    staff = get_user_model().objects.get(username="staff")
    candidates = list(Candidate.objects.visible_to(staff).exclude(level="add_specialty").order_by("pk")[:3])
    trip = journey("import-results", language, size)
    trip.login("staff", demo)

    trip.goto("/school/import/")
    trip.check_accessibility_basics()
    trip.shot("upload-form")
    choose_file(trip, results_csv(candidates, ["71", "七十", "88.5"]))
    main = trip.page.locator("main").inner_text()
    assert trip.page.locator("h1").inner_text() == MESSAGES[language]["h1"]
    assert MESSAGES[language]["bad"] in main and "七十" in main
    error_row = trip.page.locator("section.alert-danger tbody tr").first.inner_text()
    assert error_row.split()[0] == "3"
    assert trip.page.locator("form[action$='/confirm/']").count() == 0, "a file with an error cannot be confirmed"
    trip.shot("preview-with-error")
    assert not SubjectResult.objects.filter(candidate__in=candidates, exam_year=2025, verified_by=staff).exists()

    trip.page.locator("form[action$='/cancel/'] button").click()
    trip.page.wait_for_load_state()
    assert not ImportUpload.objects.exists()
    choose_file(trip, results_csv(candidates, ["71", "70", "88.5"]))
    assert trip.page.locator("section.alert-danger").count() == 0
    trip.shot("preview-fixed")
    trip.page.locator("form[action$='/confirm/'] button").click()
    trip.page.wait_for_load_state()
    assert trip.page.url.endswith("/school/at-risk/")
    assert MESSAGES[language]["saved"] in trip.page.locator("main").inner_text()
    trip.check_accessibility_basics()
    trip.shot("at-risk-after-import")
    law = SubjectResult.objects.get(candidate=candidates[1], exam_year=2025, subject="law")
    assert (law.score, law.source, law.verified_by) == (70, "import", staff)
    assert not ImportUpload.objects.exists()
