"""Training schools, their staff, cohorts (班级) and enrolments."""
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .calendar import exam_year_validators


class School(models.Model):
    """A training school (培训机构)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    province = models.ForeignKey(
        "candidates.Province", verbose_name=_("province"), on_delete=models.PROTECT, null=True, blank=True
    )
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("training school")
        verbose_name_plural = _("training schools")

    def __str__(self) -> str:
        return self.name


class StaffMembership(models.Model):
    """Makes a user staff of exactly one school."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Manager")
        TEACHER = "teacher", _("Teacher")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_membership", verbose_name=_("user")
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("school"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.TEACHER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.school} ({self.get_role_display()})"


class CohortQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the cohorts `user` may see: their school's for staff, all for administrators."""
        from candidates.roles import is_administrator, school_of

        if is_administrator(user):
            return self
        school = school_of(user)
        return self.filter(school=school) if school else self.none()

    def active(self):
        return self.filter(archived_at__isnull=True)


class Cohort(models.Model):
    """A class (班级) of candidates preparing for a target exam year at one school."""

    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("school"))
    name = models.CharField(_("name"), max_length=100)
    target_exam_year = models.PositiveSmallIntegerField(_("target exam year"), validators=exam_year_validators)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["-target_exam_year", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="cohort_name_unique_per_school")]

    def __str__(self) -> str:
        return f"{self.name} ({self.target_exam_year})"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class EnrolmentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(left_on__isnull=True)


class Enrolment(models.Model):
    """A candidate's membership of a cohort; leaving ends it and keeps it as history."""

    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("candidate")
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("cohort"))
    enrolled_on = models.DateField(_("enrolled on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-enrolled_on", "-pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "cohort"],
                condition=models.Q(left_on__isnull=True),
                name="enrolment_one_open_per_cohort",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("enrolled_on")),
                name="enrolment_leaves_after_enrolling",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} in {self.cohort}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None
