"""Reviews open on qualification, files reach only those who may see them, outcomes void results as DOMAIN says."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidates.models import ExpiryFlag
from candidates.progress import assessment_for
from candidates.services.flags import flags_refresh
from candidates.tests import factories
from reviews.models import Certificate, Material, Review, ReviewPolicy
from reviews.services import review_advance, review_open_for_qualified, reviews_open_for_qualified
from reviews.tasks import review_reminders_task
from reviews.workflow import Role, State

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def qualify(candidate, year=2025):
    for subject in ("law", "management", "technology"):
        factories.SubjectResultFactory(candidate=candidate, exam_year_id=year, subject=subject, score=70)
    factories.SubjectResultFactory(candidate=candidate, exam_year_id=year, subject="practice",
                                   specialty=candidate.specialty, score=70)


@pytest.fixture
def policy(candidate_a):
    return ReviewPolicy.objects.create(exam_year_id=2025, province=candidate_a.province, mode="online",
                                       notice_on=datetime.date(2026, 1, 1), closes_on=datetime.date(2099, 1, 1))


@pytest.fixture
def review(candidate_a, policy):
    qualify(candidate_a)
    return review_open_for_qualified(candidate=candidate_a)


def test_qualifying_in_a_reviewing_province_opens_one_review(candidate_a, policy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        qualify(candidate_a)
        from candidates.signals import results_changed

        results_changed.send(sender=None, candidate_ids=[candidate_a.pk])
    review = Review.objects.get(candidate=candidate_a)
    assert (review.exam_year_id, review.state, review.deadline) == (2025, "materials_due", policy.closes_on)
    assert review_open_for_qualified(candidate=candidate_a) == review and Review.objects.count() == 1


def test_no_review_where_the_province_does_not_review(candidate_b):
    qualify(candidate_b)
    ReviewPolicy.objects.create(exam_year_id=2025, province=candidate_b.province, mode="none")
    assert review_open_for_qualified(candidate=candidate_b) is None


def test_reviews_for_many_candidates_open_with_a_fixed_number_of_queries(candidate_a, policy,
                                                                          django_assert_num_queries):
    others = [factories.CandidateFactory(province=candidate_a.province) for _ in range(5)]
    for candidate in [candidate_a, *others]:
        qualify(candidate)
    unqualified = factories.CandidateFactory(province=candidate_a.province)
    Review.objects.create(candidate=candidate_a, exam_year_id=2025, state="materials_due", mode="online")
    # savepoint, pending year, passes, excused years, policies, existing reviews, release; 2 more per opened review
    opened = reviews_open_for_qualified(candidates=[candidate_a, *others, unqualified])
    assert set(opened) == {candidate.pk for candidate in [candidate_a, *others]}
    assert Review.objects.count() == 6
    with django_assert_num_queries(7):
        again = reviews_open_for_qualified(candidates=[candidate_a, *others, unqualified])
    assert again == opened


def upload(client, review, item="identity", content=PDF, name="id.pdf"):
    return client.post(reverse("reviews:upload", args=[review.pk]),
                       {"item": item, "file": SimpleUploadedFile(name, content)})


def test_uploads_are_checked_by_content(client, candidate_a, review):
    client.force_login(candidate_a.user)
    upload(client, review, content=b"MZ\x90\x00 not a pdf", name="id.pdf")
    assert not Material.objects.exists()
    upload(client, review)
    material = Material.objects.get()
    assert material.content_type == "application/pdf" and "reviews/" in material.file.name
    assert "id.pdf" not in material.file.name


@pytest.mark.parametrize("who", ["candidate_b", "staff2", "anonymous"])
def test_a_material_file_is_404_for_anyone_else(client, candidate_a, candidate_b, staff2, review, who):
    client.force_login(candidate_a.user)
    upload(client, review)
    material = Material.objects.get()
    client.logout()
    if who != "anonymous":
        client.force_login({"candidate_b": candidate_b.user, "staff2": staff2}[who])
    response = client.get(reverse("reviews:material_file", args=[material.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["candidate_a", "staff1", "administrator"])
def test_a_material_file_is_served_to_its_candidate_school_and_administrators(client, candidate_a, staff1,
                                                                             administrator, review, who):
    client.force_login(candidate_a.user)
    upload(client, review)
    client.force_login({"candidate_a": candidate_a.user, "staff1": staff1, "administrator": administrator}[who])
    response = client.get(reverse("reviews:material_file", args=[Material.objects.get().pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF


def test_the_whole_journey_to_a_certificate(client, candidate_a, staff1, review):
    client.force_login(candidate_a.user)
    for code in ("registration_form", "identity", "degree", "work_years"):
        upload(client, review, item=code)
    client.post(reverse("reviews:submit", args=[review.pk]))
    review.refresh_from_db()
    assert review.state == "submitted"
    client.force_login(staff1)
    for material in Material.objects.all():
        client.post(reverse("reviews:mark", args=[material.pk]), {"status": "accepted"})
    client.post(reverse("reviews:advance", args=[review.pk]), {"to": "approved"})
    review.refresh_from_db()
    certificate = Certificate.objects.get(review=review)
    assert review.state == "approved" and certificate.kind == "qualification"
    assert [e.to_state for e in review.events.all()] == ["materials_due", "submitted", "approved"]
    assert review.events.last().actor == staff1


def test_rejection_voids_the_year_and_marks_a_candidate_with_earlier_passes(candidate_a, staff1, review):
    factories.SubjectResultFactory(candidate=candidate_a, exam_year_id=2023, subject="law", score=80)
    flags_refresh(first_id=candidate_a.pk, last_id=candidate_a.pk, as_of=2026)
    assert assessment_for(candidate_a, as_of=2026).qualified
    assert not ExpiryFlag.objects.open().exists()
    review_advance(review=review, to=State.SUBMITTED, by=candidate_a.user, role=Role.CANDIDATE)
    review_advance(review=review, to=State.REJECTED, by=staff1, role=Role.STAFF, note="材料不符")
    candidate_a.refresh_from_db()
    assert set(candidate_a.results.filter(exam_year_id=2025).values_list("voided", flat=True)) == {True}
    assessment = assessment_for(candidate_a, as_of=2026)
    assert not assessment.qualified and assessment.subjects["law"].pass_year == 2023
    flags_refresh(first_id=candidate_a.pk, last_id=candidate_a.pk, as_of=2026)
    assert ExpiryFlag.objects.open().filter(subject="law", pass_year=2023, kind="last_chance").exists()
    assert candidate_a.needs_attention and "2025" in candidate_a.attention_reason


def test_a_refused_move_changes_nothing(client, staff1, review):
    client.force_login(staff1)
    client.post(reverse("reviews:advance", args=[review.pk]), {"to": "approved"})
    review.refresh_from_db()
    assert review.state == "materials_due" and not Certificate.objects.exists()


def test_staff_of_another_school_get_404_on_every_review_page(client, staff2, review):
    client.force_login(staff2)
    assert client.get(reverse("reviews:review_detail", args=[review.pk])).status_code == 404
    assert client.post(reverse("reviews:advance", args=[review.pk]), {"to": "onsite_required"}).status_code == 404
    assert client.post(reverse("reviews:certificate", args=[review.pk])).status_code == 404
    assert review.__class__.objects.get(pk=review.pk).state == "materials_due"


def test_pages_have_fixed_query_counts(client, candidate_a, staff1, review, django_assert_max_num_queries):
    client.force_login(candidate_a.user)
    upload(client, review)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("reviews:my_review")).status_code == 200
    client.force_login(staff1)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("reviews:board")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("reviews:review_detail", args=[review.pk])).status_code == 200


def test_reminders_twice_notify_once(review):
    from django.utils import timezone

    review.deadline = timezone.localdate() + datetime.timedelta(days=3)
    review.save()
    assert review_reminders_task.delay().get() == 1
    assert review_reminders_task.delay().get() == 0
