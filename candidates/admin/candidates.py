"""Admin for candidates and their excused years: progress shown read-only, ID numbers masked by permission."""
from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from candidates.admin_resources import CandidateResource
from candidates.models import Candidate, Enrolment, ExcusedYear, ExpiryFlag, SubjectResult
from candidates.models.choices import ResultSource, State, Subject
from candidates.progress import assessment_for
from candidates.validators import mask_id_number

from .base import CachedChoicesTabularInline

FULL_ID_NUMBER_PERMISSION = "candidates.view_full_id_number"


class SituationFilter(admin.SimpleListFilter):
    """Filter candidates by their current state as the flag refresh recorded it, in SQL."""

    title = _("current state")
    parameter_name = "situation"

    LAST_CHANCE = "last_chance"
    EXPIRED = "expired"
    NO_FLAG = "no_flag"
    ATTENTION = "attention"
    NOT_STARTED = "not_started"

    def lookups(self, request, model_admin):
        return [
            (self.LAST_CHANCE, _("Last-chance pass at the pending sitting")),
            (self.EXPIRED, _("A pass has expired")),
            (self.NO_FLAG, _("No open expiry flag")),
            (self.ATTENTION, _("Needs staff attention")),
            (self.NOT_STARTED, _("No counting pass yet")),
        ]

    def queryset(self, request, queryset):
        open_flags = ExpiryFlag.objects.open().filter(candidate=OuterRef("pk"))
        if self.value() == self.LAST_CHANCE:
            return queryset.filter(Exists(open_flags.filter(kind=ExpiryFlag.Kind.LAST_CHANCE)))
        if self.value() == self.EXPIRED:
            return queryset.filter(Exists(open_flags.filter(kind=ExpiryFlag.Kind.EXPIRED)))
        if self.value() == self.NO_FLAG:
            return queryset.exclude(Exists(open_flags))
        if self.value() == self.ATTENTION:
            return queryset.filter(needs_attention=True)
        if self.value() == self.NOT_STARTED:
            counting = SubjectResult.objects.counting_passes().filter(candidate=OuterRef("pk"))
            return queryset.exclude(Exists(counting))
        return queryset


class SubjectResultInline(CachedChoicesTabularInline):
    model = SubjectResult
    fields = [
        "exam_year", "subject", "specialty", "score", "code", "passed", "source", "entered_by", "verified_by",
        "verified_at", "voided", "void_reason",
    ]
    readonly_fields = ["passed", "source", "entered_by", "verified_by", "verified_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("candidate", "entered_by", "verified_by")


class ExcusedYearInline(CachedChoicesTabularInline):
    model = ExcusedYear
    fields = ["exam_year", "reason", "note", "granted_by", "granted_at"]
    readonly_fields = ["granted_by", "granted_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("candidate", "granted_by")


class EnrolmentInline(CachedChoicesTabularInline):
    model = Enrolment
    fields = ["cohort", "enrolled_on", "left_on", "left_reason"]
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("candidate", "cohort")


@admin.register(Candidate)
class CandidateAdmin(ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [CandidateResource]
    list_display = [
        "full_name", "masked_id_number", "mobile", "province", "level", "specialty", "needs_attention",
        "open_flags",
    ]
    list_filter = [
        "province", "level", "specialty", SituationFilter, ("enrolments__cohort__school", admin.RelatedFieldListFilter),
        ("enrolments__cohort", admin.RelatedFieldListFilter), ("results__exam_year", admin.RelatedFieldListFilter),
        "needs_attention",
    ]
    list_select_related = ["province"]
    search_fields = ["full_name", "^id_number", "mobile", "email"]
    raw_id_fields = ["user"]
    readonly_fields = ["progress", "created_at", "updated_at"]
    inlines = [EnrolmentInline, SubjectResultInline, ExcusedYearInline]
    fieldsets = [
        (None, {"fields": ["full_name", "id_number", "mobile", "email", "user", "province"]}),
        (_("Exam"), {"fields": ["level", "specialty", "held_specialty", "progress"]}),
        (_("Eligibility"), {"fields": ["education", "major", "major_is_safety_related", "safety_work_since"]}),
        (_("Follow-up"), {"fields": ["needs_attention", "attention_reason", "notes", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        open_flags = ExpiryFlag.objects.open().filter(candidate=OuterRef("pk"))
        return super().get_queryset(request).annotate(has_open_flag=Exists(open_flags))

    def get_list_display(self, request):
        list_display = list(super().get_list_display(request))
        if request.user.has_perm(FULL_ID_NUMBER_PERMISSION):
            list_display[list_display.index("masked_id_number")] = "id_number"
        return list_display

    @admin.display(description=_("ID number"), ordering="id_number")
    def masked_id_number(self, candidate):
        return mask_id_number(candidate.id_number)

    @admin.display(description=_("open expiry flag"), boolean=True, ordering="has_open_flag")
    def open_flags(self, candidate):
        return candidate.has_open_flag

    @admin.display(description=_("progress at the pending sitting"))
    def progress(self, candidate):
        if candidate.pk is None:
            return "-"
        assessment = assessment_for(candidate)
        labels = dict(Subject.choices)
        states = dict(State.choices)
        rows = format_html_join(
            "",
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            (
                (labels.get(subject, subject), states.get(status.state, status.state),
                 status.valid_through if status.valid_through is not None else "-")
                for subject, status in assessment.subjects.items()
            ),
        )
        summary = (
            _("Qualified in %(year)s") % {"year": assessment.qualified_year}
            if assessment.qualified_year
            else _("Not qualified yet; deadline: %(deadline)s") % {"deadline": assessment.deadline or "-"}
        )
        return format_html(
            "<table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>"
            "<th scope=\"col\">{}</th></tr></thead><tbody>{}</tbody></table>",
            summary, _("subject"), _("state"), _("valid through"), rows,
        )

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, SubjectResult) and instance.pk is None:
                instance.source = ResultSource.ADMIN
                instance.entered_by = request.user
            if isinstance(instance, ExcusedYear) and instance.pk is None:
                instance.granted_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(ExcusedYear)
class ExcusedYearAdmin(SimpleHistoryAdmin):
    list_display = ["candidate", "exam_year", "reason", "granted_by", "granted_at"]
    list_filter = ["exam_year", "reason"]
    list_select_related = ["candidate", "granted_by"]
    search_fields = ["candidate__full_name", "^candidate__id_number", "candidate__mobile"]
    raw_id_fields = ["candidate"]
    readonly_fields = ["granted_by", "granted_at"]

    def save_model(self, request, obj, form, change):
        if obj.granted_by_id is None:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)
