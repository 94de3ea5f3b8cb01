"""Admin for expiry flags: raised and resolved by the flag refresh, so read-mostly here."""
from django.contrib import admin

from candidates.models import ExpiryFlag


@admin.register(ExpiryFlag)
class ExpiryFlagAdmin(admin.ModelAdmin):
    list_display = [
        "candidate", "subject", "pass_year", "kind", "valid_through", "raised_at", "resolved_at", "resolution",
    ]
    list_filter = ["kind", "subject", "pass_year", ("resolved_at", admin.EmptyFieldListFilter), "resolution"]
    list_select_related = ["candidate"]
    search_fields = ["candidate__full_name", "^candidate__id_number", "candidate__mobile"]
    readonly_fields = ["candidate", "subject", "pass_year", "kind", "valid_through", "raised_at"]
    fields = [*readonly_fields, "resolved_at", "resolution"]

    def has_add_permission(self, request):
        return False
