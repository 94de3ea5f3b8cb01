"""Admin for the spreadsheet uploads staff make: read-only, kept for the audit trail."""
from django.contrib import admin

from candidates.models import ImportUpload


@admin.register(ImportUpload)
class ImportUploadAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "school", "exam_year", "uploaded_by", "created_at"]
    list_select_related = ["school", "uploaded_by", "exam_year"]
    list_filter = ["kind", "school", "exam_year"]
    search_fields = ["original_name", "school__name", "uploaded_by__username"]
    readonly_fields = ["kind", "school", "exam_year", "file", "original_name", "uploaded_by", "created_at"]

    def has_add_permission(self, request):
        return False
