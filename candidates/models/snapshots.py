"""A candidate's situation at one pending sitting, stored so that staff lists count, filter and sort in SQL.

Only `candidates.services.snapshots` writes these rows, from the one assessment (`candidates.progress`): a
snapshot is deleted whenever what it was computed from changes (results, excused years, level, specialty) and is
stale once another sitting becomes the pending one (`as_of`); readers recompute missing and stale ones first.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class StandingSnapshot(models.Model):
    candidate = models.OneToOneField("candidates.Candidate", on_delete=models.CASCADE, primary_key=True,
                                     related_name="snapshot", verbose_name=_("candidate"))
    as_of = models.PositiveSmallIntegerField(_("pending exam year"))
    situation = models.CharField(_("situation"), max_length=12)
    # Subject codes in exam order between commas (",law,practice,"), so that "still needs X" is one LIKE.
    remaining = models.CharField(_("subjects still needed"), max_length=60, blank=True)
    remaining_count = models.PositiveSmallIntegerField(_("number of subjects still needed"))
    # "2022:law,2022:management": the passes in their last valid year at `as_of`.
    lapsing = models.CharField(_("lapsing passes"), max_length=80, blank=True)
    deadline = models.PositiveSmallIntegerField(_("deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("standing snapshot")
        verbose_name_plural = _("standing snapshots")

    def __str__(self) -> str:
        return f"{self.candidate_id} {self.as_of} {self.situation}"
