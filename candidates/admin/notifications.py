"""Admin for notifications (the delivery ledger, read-mostly) and notification preferences."""
from django.contrib import admin

from candidates.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter), ("emailed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["recipient"]
    search_fields = ["title", "event_key", "recipient__username", "recipient__email"]
    date_hierarchy = "created_at"
    readonly_fields = ["recipient", "kind", "event_key", "title", "body", "link", "created_at", "read_at", "emailed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "by_email", "in_app"]
    list_filter = ["kind", "by_email", "in_app"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
    raw_id_fields = ["user"]
