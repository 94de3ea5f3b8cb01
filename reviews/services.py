"""Writes of the review area: open reviews for qualified candidates, move them, check materials, void results."""
import datetime

import filetype
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Candidate, SubjectResult
from candidates.progress import assessments_for
from candidates.signals import results_changed

from .models import Certificate, Material, Review, ReviewEvent, ReviewPolicy
from .workflow import State, check

MAX_BYTES = 5 * 1024 * 1024
ACCEPTED_TYPES = {"application/pdf", "image/jpeg", "image/png"}
FILE_TOO_BIG = _("The file is larger than 5 MB.")
FILE_WRONG_TYPE = _("Upload a PDF, JPEG or PNG file.")


class MaterialRefused(ValueError):
    """The uploaded file is not acceptable; the message says why."""


@transaction.atomic
def reviews_open_for_qualified(*, candidates) -> dict[int, Review]:
    """Open, or find, the review of the exam year each candidate qualified in, where their province reviews it.

    Returns {candidate id: review}. A fixed number of queries for any number of candidates (an import may touch
    thousands), plus two for each review actually opened.
    """
    candidates = list(candidates)
    assessed = assessments_for(candidates)
    due = [(candidate, assessed[candidate.pk].qualified_year) for candidate in candidates
           if assessed[candidate.pk].qualified_year is not None]
    if not due:
        return {}
    policies = {
        (policy.exam_year_id, policy.province_id): policy
        for policy in ReviewPolicy.objects.filter(exam_year_id__in={year for _candidate, year in due},
                                                  province_id__in={candidate.province_id for candidate, _year in due})
    }
    existing = {(review.candidate_id, review.exam_year_id): review
                for review in Review.objects.filter(candidate_id__in=[candidate.pk for candidate, _year in due])}
    today = timezone.localdate()
    opened = {}
    for candidate, year in due:
        policy = policies.get((year, candidate.province_id))
        if policy is None or policy.mode == ReviewPolicy.Mode.NONE:
            continue
        review = existing.get((candidate.pk, year)) or _review_open(candidate, year, policy, today=today)
        opened[candidate.pk] = review
    return opened


def review_open_for_qualified(*, candidate: Candidate) -> Review | None:
    """Open, or find, the review of the exam year the candidate qualified in, if their province reviews that year."""
    return reviews_open_for_qualified(candidates=[candidate]).get(candidate.pk)


def _review_open(candidate: Candidate, year: int, policy: ReviewPolicy, *, today: datetime.date) -> Review:
    noticed = policy.notice_on is not None and policy.notice_on <= today
    review, created = Review.objects.get_or_create(candidate=candidate, exam_year_id=year, defaults={
        "state": State.MATERIALS_DUE if noticed else State.AWAITING_NOTICE,
        "mode": Review.Mode.ONSITE if policy.mode == ReviewPolicy.Mode.ONSITE else Review.Mode.ONLINE,
        "deadline": policy.closes_on,
    })
    if created:
        ReviewEvent.objects.create(review=review, from_state="", to_state=review.state,
                                   note=_("Opened: qualified in %(year)s") % {"year": year})
    return review


@transaction.atomic
def review_advance(*, review: Review, to: str, by, role: str, note: str = "", **changes) -> Review:
    """Move a review to `to` if the workflow allows it for `role`; audit it; approve or void as it says."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    check(review.state, to, role)
    ReviewEvent.objects.create(review=review, from_state=review.state, to_state=to, actor=by, note=note[:300])
    review.state = to
    for field, value in changes.items():
        setattr(review, field, value)
    if to == State.ONSITE_REQUIRED:
        review.mode = Review.Mode.ONSITE
    review._history_user = by
    review.save()
    if to == State.APPROVED:
        certificate_create(review=review)
    elif to in (State.REJECTED, State.NO_SHOW):
        reason = _("Post-exam review: %(outcome)s") % {"outcome": Review.STATE_LABELS[State(to)]}
        results_void(candidate=review.candidate, exam_year=review.exam_year_id, reason=str(reason), by=by)
    return review


def certificate_create(*, review: Review) -> Certificate:
    """Record the certificate an approved review leads to, with its expected electronic date."""
    candidate = review.candidate
    kind = Certificate.Kind.SPECIALTY if candidate.level == "add_specialty" else Certificate.Kind.QUALIFICATION
    certificate, _created = Certificate.objects.get_or_create(review=review, defaults={
        "kind": kind, "specialty": candidate.specialty, "expected_on": review.exam_year.e_certificate_on,
    })
    return certificate


@transaction.atomic
def results_void(*, candidate: Candidate, exam_year: int, reason: str, by) -> int:
    """Void every result of the exam year (DOMAIN.md §5); mark the candidate for staff if earlier passes exist."""
    voided = 0
    for result in SubjectResult.objects.select_for_update().filter(candidate=candidate, exam_year_id=exam_year,
                                                                     voided=False):
        result.voided, result.void_reason = True, reason[:200]
        result._history_user = by
        result.save()
        voided += 1
    earlier = SubjectResult.objects.filter(candidate=candidate, exam_year_id__lt=exam_year, passed=True,
                                           voided=False).exists()
    if earlier:
        candidate.flag_for_attention(_(
            "The %(year)s results were voided by the post-exam review while earlier passes exist: whether those "
            "still count is not documented, check with the exam authority."
        ) % {"year": exam_year})
        candidate._history_user = by
        candidate.save(update_fields=["needs_attention", "attention_reason", "updated_at"])
    results_changed.send(sender=Review, candidate_ids=[candidate.pk])
    return voided


@transaction.atomic
def material_upload(*, review: Review, item: str, upload, by) -> Material:
    """Store one checklist item privately after checking its size and, by content, its type."""
    if upload.size > MAX_BYTES:
        raise MaterialRefused(FILE_TOO_BIG)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ACCEPTED_TYPES:
        raise MaterialRefused(FILE_WRONG_TYPE)
    material = Material(review=review, item=item, original_name=upload.name[:200], content_type=kind.mime)
    material.file.save("material", ContentFile(upload.read()), save=False)
    material._history_user = by
    material.save()
    return material


@transaction.atomic
def material_mark(*, material: Material, status: str, comment: str, by) -> Material:
    """Accept a material or ask for it again, with a comment."""
    material.status, material.comment, material.reviewed_by = status, comment[:300], by
    material._history_user = by
    material.save(update_fields=["status", "comment", "reviewed_by"])
    return material


def latest_materials(review: Review, materials=None) -> dict[str, Material]:
    """Return the newest upload of each checklist item."""
    latest = {}
    for material in materials if materials is not None else review.materials.all():
        if material.item not in latest or material.uploaded_at > latest[material.item].uploaded_at:
            latest[material.item] = material
    return latest


def reminders_due(today: datetime.date):
    """Yield (review, kind, event key, title) for deadlines in 3 days, appointments tomorrow, certificates ready."""
    soon = today + datetime.timedelta(days=3)
    for review in Review.objects.filter(state=State.MATERIALS_DUE, deadline=soon).select_related("candidate__user"):
        yield review, f"review_deadline:{review.pk}:{review.deadline}", _(
            "Your post-exam review materials are due on %(day)s") % {"day": review.deadline}
    tomorrow = today + datetime.timedelta(days=1)
    for review in Review.objects.filter(state=State.ONSITE_SCHEDULED, appointment__date=tomorrow).select_related(
            "candidate__user"):
        yield review, f"review_appointment:{review.pk}:{tomorrow}", _(
            "Your on-site review is tomorrow, %(day)s") % {"day": tomorrow}
    for certificate in Certificate.objects.filter(paper_status=Certificate.Paper.READY).select_related(
            "review__candidate__user"):
        yield certificate.review, f"certificate_ready:{certificate.pk}", _("Your paper certificate is ready")
