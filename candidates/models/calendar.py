"""The exam calendar: one row per exam year, its sittings and pass marks. Dates are data, never constants."""
import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from candidates import rules

from .choices import Subject

DEFAULT_PASS_MARK = 60
FULL_MARK = 100

exam_year_validators = [MinValueValidator(rules.FIRST_EXAM_YEAR), MaxValueValidator(rules.LAST_EXAM_YEAR)]


class ExamYearQuerySet(models.QuerySet):
    def published(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(results_published_on__isnull=False, results_published_on__lte=today)

    def pending_exam_year(self, today: datetime.date | None = None) -> int:
        """Return the earliest exam year whose results are not yet published: every expiry counts against it."""
        today = today or timezone.localdate()
        years = list(self.order_by("year").values_list("year", "results_published_on"))
        for year, published_on in years:
            if published_on is None or published_on > today:
                return year
        return years[-1][0] + 1 if years else rules.FIRST_EXAM_YEAR


class ExamYear(models.Model):
    """An exam year (考试年度): the annual sitting and the dates around it."""

    year = models.PositiveSmallIntegerField(_("exam year"), primary_key=True, validators=exam_year_validators)
    registration_opens_on = models.DateField(_("registration opens"), null=True, blank=True)
    registration_closes_on = models.DateField(_("registration closes"), null=True, blank=True)
    results_published_on = models.DateField(
        _("results published"), null=True, blank=True, help_text=_("Empty until the results are out.")
    )
    review_notice_on = models.DateField(_("review notices expected"), null=True, blank=True)
    e_certificate_on = models.DateField(_("electronic certificate expected"), null=True, blank=True)
    paper_certificate_from = models.DateField(_("paper certificates from"), null=True, blank=True)
    paper_certificate_until = models.DateField(_("paper certificates until"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = ExamYearQuerySet.as_manager()

    class Meta:
        ordering = ["year"]
        verbose_name = _("exam year")
        verbose_name_plural = _("exam years")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=rules.FIRST_EXAM_YEAR, year__lte=rules.LAST_EXAM_YEAR),
                name="exam_year_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(registration_closes_on__gte=models.F("registration_opens_on"))
                | models.Q(registration_opens_on__isnull=True)
                | models.Q(registration_closes_on__isnull=True),
                name="exam_year_registration_order",
            ),
            models.CheckConstraint(
                condition=models.Q(paper_certificate_until__gte=models.F("paper_certificate_from"))
                | models.Q(paper_certificate_from__isnull=True)
                | models.Q(paper_certificate_until__isnull=True),
                name="exam_year_paper_certificate_order",
            ),
        ]

    def __str__(self) -> str:
        return str(self.year)

    def is_published(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.results_published_on is not None and self.results_published_on <= today


class Sitting(models.Model):
    """The dates of one sitting; an exam year usually has one (2022 had a second for postponed areas)."""

    exam_year = models.ForeignKey(ExamYear, on_delete=models.CASCADE, related_name="sittings")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="sitting_day_order"),
            models.UniqueConstraint(fields=["exam_year", "starts_on"], name="sitting_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y-%m-%d}–{self.ends_on:%m-%d}"


class PassMarkQuerySet(models.QuerySet):
    def as_lookup(self) -> dict[tuple[int, str], int]:
        """Return {(exam year, subject): pass mark} for the announced non-default marks."""
        return {(row.exam_year_id, row.subject): row.pass_mark for row in self}


class PassMark(models.Model):
    """The pass mark of one subject in one exam year, where the authority announced one (default 60 of 100)."""

    exam_year = models.ForeignKey(ExamYear, on_delete=models.CASCADE, related_name="pass_marks")
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    pass_mark = models.DecimalField(
        _("pass mark"), max_digits=4, decimal_places=1, default=DEFAULT_PASS_MARK,
        validators=[MinValueValidator(1), MaxValueValidator(FULL_MARK)],
    )

    objects = PassMarkQuerySet.as_manager()

    class Meta:
        ordering = ["exam_year", "subject"]
        verbose_name = _("pass mark")
        verbose_name_plural = _("pass marks")
        constraints = [
            models.UniqueConstraint(fields=["exam_year", "subject"], name="pass_mark_unique_per_year_subject"),
            models.CheckConstraint(
                condition=models.Q(pass_mark__gt=0, pass_mark__lte=FULL_MARK), name="pass_mark_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exam_year_id} {self.get_subject_display()}: {self.pass_mark}"
