"""Candidates and their excused exam years."""
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from candidates import rules
from candidates.validators import normalize_id_number, validate_id_number, validate_mobile

from .calendar import exam_year_validators
from .choices import Education, Level, Specialty


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CandidateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the candidates `user` may see: oneself; staff, anyone ever enrolled at their school; admins, all."""
        from candidates.roles import is_administrator, school_of

        if not user.is_authenticated or not user.is_active:
            return self.none()
        if is_administrator(user):
            return self
        school = school_of(user)
        if school is not None:
            from .schools import Enrolment

            return self.filter(
                Exists(Enrolment.objects.filter(candidate=OuterRef("pk"), cohort__school_id=school.pk))
            )
        return self.filter(user=user)

    def with_assessment_data(self):
        """Prefetch what `candidates.progress` needs to assess each candidate: counting passes and excused years."""
        from .results import SubjectResult

        return self.prefetch_related(
            Prefetch("results", queryset=SubjectResult.objects.counting_passes(), to_attr="counting_passes"),
            Prefetch("excused_years", to_attr="excused_year_rows"),
        )


class Candidate(models.Model):
    """A person preparing for, or holding, the exam: their level, specialty and contact details."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="candidate", verbose_name=_("login account"),
    )
    full_name = models.CharField(_("full name"), max_length=50)
    id_number = models.CharField(
        _("ID number"), max_length=18, unique=True, validators=[validate_id_number],
        help_text=_("Resident ID number, 18 characters."),
    )
    mobile = models.CharField(_("mobile number"), max_length=11, validators=[validate_mobile])
    email = models.EmailField(_("email"), blank=True)
    province = models.ForeignKey(
        "candidates.Province", on_delete=models.PROTECT, verbose_name=_("province of registration")
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.FULL)
    specialty = models.CharField(_("specialty"), max_length=30, choices=Specialty.choices)
    held_specialty = models.CharField(
        _("specialty already held"), max_length=30, choices=Specialty.choices, blank=True,
        help_text=_("Only for candidates adding a specialty: the specialty of the certificate they hold."),
    )
    education = models.CharField(_("highest education"), max_length=20, choices=Education.choices, blank=True)
    major = models.CharField(_("major"), max_length=100, blank=True)
    major_is_safety_related = models.BooleanField(_("safety-related major"), null=True, blank=True)
    safety_work_since = models.PositiveSmallIntegerField(
        _("safety work since (year)"), null=True, blank=True,
    )
    notes = models.TextField(_("notes"), blank=True)
    needs_attention = models.BooleanField(_("needs staff attention"), default=False)
    attention_reason = models.TextField(_("why staff should look"), blank=True)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["calendar_token", "updated_at"])

    objects = CandidateQuerySet.as_manager()

    class Meta:
        ordering = ["full_name", "pk"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        permissions = [("view_full_id_number", _("Can see full ID numbers in lists and exports"))]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(level=Level.ADD_SPECIALTY) & ~models.Q(held_specialty=""))
                | (~models.Q(level=Level.ADD_SPECIALTY) & models.Q(held_specialty="")),
                name="candidate_held_specialty_only_when_adding",
            ),
            models.CheckConstraint(
                condition=~models.Q(held_specialty=models.F("specialty")),
                name="candidate_added_specialty_differs_from_held",
            ),
            models.CheckConstraint(condition=~models.Q(specialty=""), name="candidate_specialty_required"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.id_number = normalize_id_number(self.id_number)
        super().save(*args, **kwargs)

    @property
    def rules_level(self) -> rules.Level:
        return rules.Level(self.level)

    @property
    def subjects(self) -> tuple[rules.Subject, ...]:
        return rules.LEVEL_SUBJECTS[self.rules_level]

    def flag_for_attention(self, reason: str) -> None:
        """Mark the candidate for staff attention with a reason (an undocumented case, DOMAIN.md §3)."""
        self.needs_attention = True
        self.attention_reason = "\n".join(filter(None, [self.attention_reason, reason]))


class ExcusedYear(models.Model):
    """An exam year in which the candidate was kept from the sitting (2020–2022): their valid passes roll on a year."""

    class Reason(models.TextChoices):
        APPLICATION = "application", _("On application (kept out by epidemic control)")
        CANCELLED = "cancelled", _("Local sitting cancelled")

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="excused_years", verbose_name=_("candidate")
    )
    exam_year = models.PositiveSmallIntegerField(_("exam year"), validators=exam_year_validators)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["exam_year"]
        verbose_name = _("excused exam year")
        verbose_name_plural = _("excused exam years")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "exam_year"], name="excused_year_unique_per_candidate"),
            models.CheckConstraint(
                condition=models.Q(exam_year__gte=rules.FIRST_EXAM_YEAR, exam_year__lte=rules.LAST_EXAM_YEAR),
                name="excused_year_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} {self.exam_year}"
