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
    # What the preview page shows of the whole file, validated once at upload; each row's part is an ImportRow.
    # candidates.imports.outcome describes the shape. Empty for uploads kept before outcomes were stored.
    outcome = models.JSONField(_("preview outcome"), default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("spreadsheet upload")
        verbose_name_plural = _("spreadsheet uploads")

    def __str__(self) -> str:
        return self.original_name

    def content(self) -> bytes:
        with self.file.open("rb") as handle:
            return handle.read()

    def discard(self) -> None:
        """Delete the stored file and the row (with its rows' outcomes)."""
        self.file.delete(save=False)
        self.delete()


class ImportRow(models.Model):
    """One row of an upload as its preview shows it, kept from the validation at upload.

    A row per file row, not a list inside ImportUpload.outcome: the preview reads one page of one status in SQL,
    whatever the size of the file. Decoding all 5,000 rows of a file on every view cost 20 ms, and the objects it
    made set off a full garbage collection (some 70 ms) every two or three views.
    """

    upload = models.ForeignKey(ImportUpload, on_delete=models.CASCADE, related_name="rows", verbose_name=_("upload"))
    number = models.PositiveIntegerField(_("row number"))
    status = models.CharField(_("status"), max_length=10)
    outcome = models.JSONField(_("preview outcome"))

    class Meta:
        verbose_name = _("uploaded row")
        verbose_name_plural = _("uploaded rows")
        constraints = [models.UniqueConstraint(fields=["upload", "number"], name="import_row_number_unique")]
        indexes = [models.Index(fields=["upload", "status", "number"], name="import_row_status_idx")]

    def __str__(self) -> str:
        return f"{self.upload_id}:{self.number}"
