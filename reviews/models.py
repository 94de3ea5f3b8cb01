"""Post-exam reviews per candidate and exam year, provinces' review policies, materials and certificates."""
import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .checklist import LABELS
from .workflow import State


class ReviewPolicy(models.Model):
    """How a province reviews the candidates who qualified in one exam year."""

    class Mode(models.TextChoices):
        NONE = "none", _("No review")
        ONLINE = "online", _("Online")
        ONSITE = "onsite", _("On-site")
        MIXED = "mixed", _("Online, on-site when needed")

    exam_year = models.ForeignKey("candidates.ExamYear", on_delete=models.CASCADE, verbose_name=_("exam year"))
    province = models.ForeignKey("candidates.Province", on_delete=models.CASCADE, verbose_name=_("province"))
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ONLINE)
    notice_on = models.DateField(_("notice date"), null=True, blank=True)
    opens_on = models.DateField(_("submissions open"), null=True, blank=True)
    closes_on = models.DateField(_("submissions close"), null=True, blank=True)
    office_address = models.CharField(_("office address"), max_length=300, blank=True)
    instructions = models.TextField(_("instructions"), blank=True)
    notice_url = models.URLField(_("provincial notice"), blank=True)

    class Meta:
        verbose_name = _("review policy")
        verbose_name_plural = _("review policies")
        ordering = ["-exam_year", "province"]
        constraints = [models.UniqueConstraint(fields=["exam_year", "province"], name="review_policy_unique")]

    def __str__(self) -> str:
        return f"{self.exam_year_id} {self.province}: {self.get_mode_display()}"


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the reviews of the candidates `user` may see."""
        from candidates.models import Candidate

        return self.filter(candidate__in=Candidate.objects.visible_to(user))


class Review(models.Model):
    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        ONSITE = "onsite", _("On-site")

    class OnsiteReason(models.TextChoices):
        NO_COMMITMENT = "no_commitment", _("Not under the notification-commitment system (告知承诺制)")
        ONLINE_FAILED = "online_failed", _("The online check failed")
        EXEMPTION = "exemption", _("Exemption material not recognised")

    STATE_LABELS = {
        State.NOT_REQUIRED: _("Not required"), State.AWAITING_NOTICE: _("Awaiting the notice"),
        State.MATERIALS_DUE: _("Materials due"), State.SUBMITTED: _("Submitted"),
        State.ONSITE_REQUIRED: _("On-site review required"), State.ONSITE_SCHEDULED: _("On-site review scheduled"),
        State.APPROVED: _("Approved"), State.REJECTED: _("Rejected"), State.NO_SHOW: _("Did not turn up"),
    }

    candidate = models.ForeignKey("candidates.Candidate", on_delete=models.CASCADE, related_name="reviews",
                                  verbose_name=_("candidate"))
    exam_year = models.ForeignKey("candidates.ExamYear", on_delete=models.PROTECT, verbose_name=_("exam year"))
    state = models.CharField(_("state"), max_length=20, choices=list(STATE_LABELS.items()),
                             default=State.AWAITING_NOTICE)
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ONLINE)
    onsite_reason = models.CharField(_("why on-site"), max_length=20, choices=OnsiteReason.choices, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    appointment = models.DateTimeField(_("on-site appointment"), null=True, blank=True)
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("post-exam review")
        verbose_name_plural = _("post-exam reviews")
        ordering = ["deadline", "pk"]
        constraints = [models.UniqueConstraint(fields=["candidate", "exam_year"], name="review_unique_per_year")]

    def __str__(self) -> str:
        return f"{self.candidate} {self.exam_year_id}: {self.get_state_display()}"


class ReviewEvent(models.Model):
    """One move of a review through the pipeline: who, when, from where to where, and why."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(_("from"), max_length=20)
    to_state = models.CharField(_("to"), max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              verbose_name=_("by"))
    at = models.DateTimeField(_("when"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("review event")
        verbose_name_plural = _("review events")

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


def material_path(instance, filename: str) -> str:
    return f"reviews/{uuid.uuid4().hex}"


class Material(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the school")
        ACCEPTED = "accepted", _("Accepted")
        REDO = "redo", _("To redo")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="materials")
    item = models.CharField(_("item"), max_length=40)
    file = models.FileField(_("file"), upload_to=material_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("checked by"))
    history = HistoricalRecords(excluded_fields=["file"])

    class Meta:
        ordering = ["item", "-uploaded_at"]
        verbose_name = _("review material")
        verbose_name_plural = _("review materials")

    def __str__(self) -> str:
        return f"{self.review}: {self.item_label}"

    @property
    def item_label(self) -> str:
        return str(LABELS.get(self.item, self.item))


class Certificate(models.Model):
    class Kind(models.TextChoices):
        QUALIFICATION = "qualification", _("Qualification certificate")
        SPECIALTY = "specialty", _("Specialty pass certificate")

    class Paper(models.TextChoices):
        NOT_READY = "not_ready", _("Not ready")
        READY = "ready", _("Ready to collect")
        COLLECTED = "collected", _("Collected")
        MAILED = "mailed", _("Mailed")

    class Collection(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PROXY = "proxy", _("By proxy")
        EMPLOYER = "employer", _("By the employer")
        POST = "post", _("By post")

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="certificate")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    specialty = models.CharField(_("specialty"), max_length=30)
    expected_on = models.DateField(_("electronic certificate expected"), null=True, blank=True)
    annotated_on = models.DateField(_("annotated (加注)"), null=True, blank=True)
    downloaded_on = models.DateField(_("downloaded"), null=True, blank=True)
    paper_status = models.CharField(_("paper certificate"), max_length=20, choices=Paper.choices,
                                    default=Paper.NOT_READY)
    collection = models.CharField(_("collection"), max_length=20, choices=Collection.choices, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=60, blank=True)
    registered_until = models.DateField(_("registration valid until"), null=True, blank=True)
    history = HistoricalRecords()

    ANNOTATION_DAYS = 90
    INITIAL_REGISTRATION_YEARS = 5
    RENEWAL_NOTICE = datetime.timedelta(days=91)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return f"{self.review.candidate} {self.get_kind_display()}"

    @property
    def annotation_valid_until(self):
        return self.annotated_on + datetime.timedelta(days=self.ANNOTATION_DAYS) if self.annotated_on else None

    @property
    def initial_registration_by(self):
        base = self.expected_on
        return base.replace(year=base.year + self.INITIAL_REGISTRATION_YEARS) if base else None

    @property
    def renewal_due_on(self):
        return self.registered_until - self.RENEWAL_NOTICE if self.registered_until else None
