"""Review: the candidate uploads materials; staff accept one and ask to redo another; the candidate re-uploads;
staff approve; the certificate appears."""
import pytest

from reviews.models import Certificate, Review

from .conftest import every_language_and_size

pytestmark = [pytest.mark.browser]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def upload_all(trip, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(PDF)
    forms = trip.page.locator("form[action$='/upload/']")
    for index in range(forms.count()):
        form = trip.page.locator("form[action$='/upload/']").nth(index)
        form.locator("input[type=file]").set_input_files(str(path))
        form.locator("button").click()
        trip.page.wait_for_load_state()


@every_language_and_size
def test_review_journey(journey, demo, language, size, tmp_path):
    review = Review.objects.get(candidate__user__username="qualified")
    candidate = journey(f"journey-review-{language}-{size}", language, size)
    candidate.login("qualified", demo)
    candidate.goto("/review/")
    candidate.check_accessibility_basics()
    upload_all(candidate, tmp_path)
    candidate.shot("uploaded")
    candidate.page.locator("form[action$='/submit/'] button").click()
    candidate.page.wait_for_load_state()
    assert Review.objects.get(pk=review.pk).state == "submitted"
    candidate.shot("submitted")

    staff = journey(f"journey-review-{language}-{size}-staff", language, size)
    staff.login("staff", demo)
    staff.goto("/review/board/")
    staff.shot("board")
    staff.goto(f"/review/board/{review.pk}/")
    marks = staff.page.locator("form[action$='/mark/']")
    marks.nth(0).locator("select[name=status]").select_option("accepted")
    marks.nth(0).locator("button").click()
    staff.page.wait_for_load_state()
    marks = staff.page.locator("form[action$='/mark/']")
    marks.nth(1).locator("select[name=status]").select_option("redo")
    marks.nth(1).locator("input[name=comment]").fill("扫描不清晰")
    marks.nth(1).locator("button").click()
    staff.page.wait_for_load_state()
    staff.page.locator("form[action$='/advance/']:has(input[value=materials_due]) button").click()
    staff.page.wait_for_load_state()
    staff.shot("asked-to-redo")

    candidate.goto("/review/")
    upload_all(candidate, tmp_path)
    candidate.page.locator("form[action$='/submit/'] button").click()
    candidate.page.wait_for_load_state()
    candidate.shot("resubmitted")

    staff.goto(f"/review/board/{review.pk}/")
    staff.page.locator("form[action$='/advance/']:has(input[value=approved]) button").click()
    staff.page.wait_for_load_state()
    staff.check_translated()
    staff.shot("approved")
    assert Certificate.objects.filter(review=review).exists()
    candidate.goto("/review/")
    assert candidate.page.locator("main .bi-award").count() >= 1
    candidate.shot("certificate")
