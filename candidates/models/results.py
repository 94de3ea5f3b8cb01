"""One candidate's result in one subject of one exam year."""
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from candidates import rules

from .calendar import DEFAULT_PASS_MARK, FULL_MARK, PassMark
from .choices import ResultCode, ResultSource, Specialty, Subject

SPECIALTY_REQUIRED_FOR_PRACTICE = _("The professional practice subject needs the specialty it was sat in.")
SPECIALTY_ONLY_FOR_PRACTICE = _("Only the professional practice subject has a specialty.")
SCORE_OR_CODE = _("Give either a score or a result code (absent, misconduct, invalid), not both.")


class SubjectResultQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the results of the candidates `user` may see."""
        from .candidates import Candidate

        return self.filter(candidate__in=Candidate.objects.visible_to(user))

    def counting_passes(self):
        """Return the passes that count: passed and not voided by a failed review."""
        return self.filter(passed=True, voided=False)


class SubjectResult(models.Model):
    """A score (or an official code) in one subject at one exam year; `passed` follows that year's pass mark."""

    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="results", verbose_name=_("candidate")
    )
    exam_year = models.ForeignKey(
        "candidates.ExamYear", on_delete=models.PROTECT, related_name="results", verbose_name=_("exam year")
    )
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    specialty = models.CharField(_("specialty"), max_length=30, choices=Specialty.choices, blank=True)
    score = models.DecimalField(
        _("score"), max_digits=4, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(FULL_MARK)],
    )
    code = models.CharField(_("result code"), max_length=20, choices=ResultCode.choices, blank=True)
    passed = models.BooleanField(_("passed"), default=False, editable=False)
    source = models.CharField(_("entered through"), max_length=20, choices=ResultSource.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("entered by"),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    voided = models.BooleanField(_("voided"), default=False)
    void_reason = models.CharField(_("why voided"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = SubjectResultQuerySet.as_manager()

    class Meta:
        ordering = ["exam_year", "subject"]
        verbose_name = _("subject result")
        verbose_name_plural = _("subject results")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "exam_year", "subject", "specialty"], name="result_unique_per_sitting_subject"
            ),
            models.CheckConstraint(
                condition=(models.Q(subject=Subject.PRACTICE) & ~models.Q(specialty=""))
                | (~models.Q(subject=Subject.PRACTICE) & models.Q(specialty="")),
                name="result_specialty_only_for_practice",
            ),
            models.CheckConstraint(
                condition=(models.Q(score__isnull=False) & models.Q(code=""))
                | (models.Q(score__isnull=True) & ~models.Q(code="")),
                name="result_score_or_code",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=0, score__lte=FULL_MARK),
                name="result_score_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(passed=False) | models.Q(score__isnull=False), name="result_pass_has_score"
            ),
            models.CheckConstraint(
                condition=models.Q(voided=False) | ~models.Q(void_reason=""), name="result_void_has_reason"
            ),
        ]
        indexes = [
            models.Index(
                fields=["candidate", "subject", "exam_year"],
                condition=models.Q(passed=True, voided=False),
                name="result_counting_pass_idx",
            ),
        ]

    def __str__(self) -> str:
        outcome = self.score if self.score is not None else self.get_code_display()
        return f"{self.candidate} {self.exam_year_id} {self.get_subject_display()}: {outcome}"

    def save(self, *args, pass_marks: dict | None = None, **kwargs):
        self.passed = self.is_pass(pass_marks)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.subject == Subject.PRACTICE and not self.specialty:
            errors["specialty"] = SPECIALTY_REQUIRED_FOR_PRACTICE
        if self.subject and self.subject != Subject.PRACTICE and self.specialty:
            errors["specialty"] = SPECIALTY_ONLY_FOR_PRACTICE
        if (self.score is None) == (not self.code):
            errors["score"] = SCORE_OR_CODE
        if errors:
            raise ValidationError(errors)

    def pass_mark(self, pass_marks: dict | None = None) -> Decimal:
        """Return the pass mark of this result's year and subject (60 unless announced otherwise)."""
        if pass_marks is None:
            pass_marks = PassMark.objects.filter(exam_year_id=self.exam_year_id, subject=self.subject).as_lookup()
        return self.pass_mark_in(pass_marks, self.exam_year_id, self.subject)

    @staticmethod
    def pass_mark_in(pass_marks: dict, exam_year: int, subject: str) -> Decimal:
        """Return the pass mark of `exam_year` and `subject` from `PassMark.objects.as_lookup()` (60 if none)."""
        mark = pass_marks.get((exam_year, subject))
        return Decimal(mark if mark is not None else DEFAULT_PASS_MARK)

    def is_pass(self, pass_marks: dict | None = None) -> bool:
        """Return whether the score reaches the pass mark; a code is never a pass."""
        return self.score_passes(self.score, self.code, self.pass_mark(pass_marks))

    @staticmethod
    def score_passes(score, code: str, mark: Decimal) -> bool:
        """Return whether `score` reaches `mark`; a code (absent, misconduct, invalid) is never a pass."""
        return score is not None and not code and Decimal(score) >= mark

    def as_rules_pass(self) -> rules.Pass:
        return self.rules_pass_of(self.subject, self.exam_year_id, self.specialty)

    @staticmethod
    def rules_pass_of(subject: str, exam_year: int, specialty: str) -> rules.Pass:
        """Return the rules' view of a counting pass given as plain values (a blank specialty is none)."""
        return rules.Pass(subject, exam_year, specialty or None)
