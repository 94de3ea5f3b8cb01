"""A spreadsheet uploaded by staff, kept privately between preview and confirm, then deleted."""
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def upload_path(instance, filename: str) -> str:
    return f"imports/{uuid.uuid4().hex}"


class ImportUpload(models.Model):
    class Kind(models.TextChoices):
        RESULTS = "results", _("Results of one exam year")
        ROSTER = "roster", _("Roster of candidates for a cohort")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.RESULTS)
    school = models.ForeignKey("candidates.School", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("school"))
    exam_year = models.ForeignKey("candidates.ExamYear", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("exam year"), null=True, blank=True)
    cohort = models.ForeignKey("candidates.Cohort", on_delete=models.CASCADE, related_name="+", null=True, blank=True,
                               verbose_name=_("cohort"), help_text=_("For a roster: the cohort the candidates join."))
    file = models.FileField(_("file"), upload_to=upload_path)
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                    verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("spreadsheet upload")
        verbose_name_plural = _("spreadsheet uploads")

    def __str__(self) -> str:
        return self.original_name

    def content(self) -> bytes:
        with self.file.open("rb") as handle:
            return handle.read()

    def discard(self) -> None:
        """Delete the stored file and the row."""
        self.file.delete(save=False)
        self.delete()
