"""Review policies per exam year and province, reviews with their audit trail, materials and certificates."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Certificate, Material, Review, ReviewEvent, ReviewPolicy


@admin.register(ReviewPolicy)
class ReviewPolicyAdmin(admin.ModelAdmin):
    list_display = ["exam_year", "province", "mode", "notice_on", "opens_on", "closes_on"]
    list_select_related = ["province", "exam_year"]
    list_filter = ["exam_year", "mode", "province"]
    search_fields = ["province__name_zh", "office_address"]


class ReviewEventInline(admin.TabularInline):
    model = ReviewEvent
    extra = 0
    readonly_fields = ["from_state", "to_state", "actor", "at", "note"]
    can_delete = False


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["candidate", "exam_year", "state", "mode", "deadline", "appointment"]
    list_select_related = ["candidate", "exam_year"]
    list_filter = ["state", "mode", "exam_year", "candidate__province"]
    search_fields = ["candidate__full_name", "candidate__id_number"]
    autocomplete_fields = ["candidate"]
    readonly_fields = ["state"]
    inlines = [ReviewEventInline]


@admin.register(Material)
class MaterialAdmin(SimpleHistoryAdmin):
    list_display = ["review", "item", "status", "uploaded_at"]
    list_select_related = ["review__candidate"]
    list_filter = ["status", "item"]
    readonly_fields = ["file", "content_type", "original_name"]


@admin.register(Certificate)
class CertificateAdmin(SimpleHistoryAdmin):
    list_display = ["review", "kind", "expected_on", "annotated_on", "paper_status"]
    list_select_related = ["review__candidate"]
    list_filter = ["kind", "paper_status"]
