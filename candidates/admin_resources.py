"""django-import-export resources for the admin: candidates by ID number, results by their natural key.

Every row is validated with the model's own rules (`full_clean`); a file with any bad row saves nothing.
"""
from django.db import transaction
from import_export import fields, resources, widgets

from candidates.models import Candidate, ExamYear, Province, SubjectResult
from candidates.models.choices import ResultSource
from candidates.signals import results_changed
from candidates.validators import normalize_id_number


class StrictResource(resources.ModelResource):
    """Validate every row with `full_clean`, skip unchanged rows, and roll the whole file back on any error."""

    def import_data(self, dataset, *args, **kwargs):
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, *args, **kwargs)

    class Meta:
        abstract = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True


class IdNumberWidget(widgets.CharWidget):
    """Read an ID number as the model stores it: no spaces, upper-case X."""

    def clean(self, value, row=None, **kwargs):
        return normalize_id_number(super().clean(value, row, **kwargs) or "")


class CandidateResource(StrictResource):
    id_number = fields.Field(attribute="id_number", column_name="id_number", widget=IdNumberWidget())
    province = fields.Field(
        attribute="province", column_name="province", widget=widgets.ForeignKeyWidget(Province, field="code")
    )

    class Meta(StrictResource.Meta):
        model = Candidate
        import_id_fields = ["id_number"]
        fields = [
            "id_number", "full_name", "mobile", "email", "province", "level", "specialty", "held_specialty",
            "education", "major", "major_is_safety_related", "safety_work_since", "notes",
        ]
        export_order = fields


class CandidateByIdNumberWidget(widgets.ForeignKeyWidget):
    """Find the candidate of a row by ID number, normalised as stored."""

    def __init__(self):
        super().__init__(Candidate, field="id_number")

    def clean(self, value, row=None, **kwargs):
        return super().clean(normalize_id_number(str(value)) if value else value, row, **kwargs)


class SubjectResultResource(StrictResource):
    candidate = fields.Field(attribute="candidate", column_name="id_number", widget=CandidateByIdNumberWidget())
    exam_year = fields.Field(
        attribute="exam_year", column_name="exam_year", widget=widgets.ForeignKeyWidget(ExamYear, field="year")
    )
    specialty = fields.Field(attribute="specialty", column_name="specialty", widget=widgets.CharWidget())
    code = fields.Field(attribute="code", column_name="code", widget=widgets.CharWidget())

    class Meta(StrictResource.Meta):
        model = SubjectResult
        import_id_fields = ["candidate", "exam_year", "subject", "specialty"]
        store_instance = True
        fields = ["candidate", "exam_year", "subject", "specialty", "score", "code", "voided", "void_reason"]
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("candidate")

    def init_instance(self, row=None):
        return self._meta.model(source=ResultSource.IMPORT)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            user = kwargs.get("user")
            if user is not None and user.is_authenticated:
                instance.entered_by = user

    def after_import(self, dataset, result, **kwargs):
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        candidate_ids = {row.instance.candidate_id for row in result.rows if row.instance is not None}
        if candidate_ids:
            transaction.on_commit(lambda: results_changed.send(sender=SubjectResult, candidate_ids=candidate_ids))
