"""Admin for subject results: import/export by natural key, history, void fields."""
from django.contrib import admin
from django.db import transaction
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from candidates.admin_resources import SubjectResultResource
from candidates.models import SubjectResult
from candidates.models.choices import ResultSource
from candidates.signals import results_changed


def announce_results_changed(candidate_ids) -> None:
    """Tell the listeners (the flag refresh) once the transaction commits that these candidates' results changed."""
    candidate_ids = set(candidate_ids)
    transaction.on_commit(lambda: results_changed.send(sender=SubjectResult, candidate_ids=candidate_ids))


@admin.register(SubjectResult)
class SubjectResultAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [SubjectResultResource]
    list_display = [
        "candidate", "exam_year", "subject", "specialty", "score", "code", "passed", "source", "verified_at",
        "voided",
    ]
    list_filter = [
        "exam_year", "subject", "specialty", "passed", "voided", "source", "candidate__province",
        ("candidate__enrolments__cohort__school", admin.RelatedFieldListFilter),
    ]
    list_select_related = ["candidate", "exam_year"]
    search_fields = ["candidate__full_name", "^candidate__id_number", "candidate__mobile"]
    raw_id_fields = ["candidate", "entered_by", "verified_by"]
    readonly_fields = ["passed", "created_at", "updated_at"]
    fields = [
        "candidate", "exam_year", "subject", "specialty", "score", "code", "passed", "source", "entered_by",
        "verified_by", "verified_at", "voided", "void_reason", "created_at", "updated_at",
    ]

    def get_changeform_initial_data(self, request):
        initial = {"source": ResultSource.ADMIN, "entered_by": request.user.pk}
        return {**initial, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        announce_results_changed([obj.candidate_id])

    def delete_model(self, request, obj):
        candidate_id = obj.candidate_id
        super().delete_model(request, obj)
        announce_results_changed([candidate_id])

    def delete_queryset(self, request, queryset):
        candidate_ids = list(queryset.values_list("candidate_id", flat=True))
        super().delete_queryset(request, queryset)
        announce_results_changed(candidate_ids)
