"""Expiry flags: a pass in its last-chance year at the pending sitting, or one that has expired since."""
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Subject


class ExpiryFlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class ExpiryFlag(models.Model):
    """Raised by the flag refresh; resolved, never deleted, when the candidate qualifies, re-passes or leaves."""

    class Kind(models.TextChoices):
        LAST_CHANCE = "last_chance", _("Last chance at the pending sitting")
        EXPIRED = "expired", _("Expired")

    class Resolution(models.TextChoices):
        QUALIFIED = "qualified", _("Qualified")
        PASSED_AGAIN = "passed_again", _("Passed again")
        LEFT = "left", _("Left the school")
        LAPSED = "lapsed", _("Lapsed")
        NO_LONGER_APPLIES = "no_longer_applies", _("No longer applies")

    # No index of its own: the unique constraint below starts with the candidate and serves every lookup by it,
    # and one index fewer makes the refresh's bulk insert of flags cheaper.
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="expiry_flags", verbose_name=_("candidate"),
        db_index=False,
    )
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    pass_year = models.PositiveSmallIntegerField(_("pass year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    valid_through = models.PositiveSmallIntegerField(_("valid through"))
    raised_at = models.DateTimeField(_("raised"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolution = models.CharField(_("resolution"), max_length=20, choices=Resolution.choices, blank=True)

    objects = ExpiryFlagQuerySet.as_manager()

    class Meta:
        ordering = ["candidate", "subject", "pass_year"]
        verbose_name = _("expiry flag")
        verbose_name_plural = _("expiry flags")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "subject", "pass_year", "kind"], name="expiry_flag_unique"
            ),
        ]
        indexes = [models.Index(fields=["kind", "resolved_at"], name="expiry_flag_open_idx")]

    def __str__(self) -> str:
        return f"{self.candidate} {self.get_subject_display()} {self.pass_year}: {self.get_kind_display()}"
