"""Admin for training schools, their staff, cohorts and enrolments."""
from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from candidates.models import Cohort, Enrolment, School, StaffMembership

from .base import CachedChoicesTabularInline


class StaffMembershipInline(CachedChoicesTabularInline):
    model = StaffMembership
    fields = ["user", "role"]
    raw_id_fields = ["user"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "school")

    def get_readonly_fields(self, request, obj=None):
        # Existing rows show their user as text: a raw-id widget would query each row's label.
        return ["user"] if obj is not None else []


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "province", "contact_phone", "contact_email", "staff_count", "cohort_count"]
    list_filter = ["province"]
    list_select_related = ["province"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StaffMembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            staff_total=Count("memberships", distinct=True), cohort_total=Count("cohorts", distinct=True)
        )

    @admin.display(description=_("staff"), ordering="staff_total")
    def staff_count(self, school):
        return school.staff_total

    @admin.display(description=_("cohorts"), ordering="cohort_total")
    def cohort_count(self, school):
        return school.cohort_total


@admin.register(StaffMembership)
class StaffMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "school", "role"]
    list_filter = ["school", "role"]
    list_select_related = ["user", "school"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "school__name"]
    raw_id_fields = ["user"]


class EnrolmentInline(CachedChoicesTabularInline):
    model = Enrolment
    fields = ["candidate", "enrolled_on", "left_on", "left_reason"]
    readonly_fields = ["candidate"]
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("candidate", "cohort")

    def has_add_permission(self, request, obj=None):
        # New enrolments are made from the candidate page, where the cohort is a short list.
        return False


@admin.register(Cohort)
class CohortAdmin(SimpleHistoryAdmin):
    list_display = ["name", "school", "target_exam_year", "current_enrolments", "archived_at"]
    list_filter = ["school", "target_exam_year", ("archived_at", admin.EmptyFieldListFilter)]
    list_select_related = ["school"]
    search_fields = ["name", "school__name"]
    inlines = [EnrolmentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            current_total=Count("enrolments", filter=Q(enrolments__left_on__isnull=True))
        )

    @admin.display(description=_("current enrolments"), ordering="current_total")
    def current_enrolments(self, cohort):
        return cohort.current_total


@admin.register(Enrolment)
class EnrolmentAdmin(SimpleHistoryAdmin):
    list_display = ["candidate", "cohort", "school", "enrolled_on", "left_on"]
    list_filter = ["cohort__school", "cohort", ("left_on", admin.EmptyFieldListFilter)]
    list_select_related = ["candidate", "cohort__school"]
    search_fields = ["candidate__full_name", "candidate__id_number", "candidate__mobile", "cohort__name"]
    raw_id_fields = ["candidate"]
    date_hierarchy = "enrolled_on"

    @admin.display(description=_("school"), ordering="cohort__school__name")
    def school(self, enrolment):
        return enrolment.cohort.school
