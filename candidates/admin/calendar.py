"""Admin for the exam calendar: exam years with their sittings and pass marks."""
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from candidates.models import ExamYear, PassMark, Sitting

from .base import CachedChoicesTabularInline


class SittingInline(CachedChoicesTabularInline):
    model = Sitting


class PassMarkInline(CachedChoicesTabularInline):
    model = PassMark


@admin.register(ExamYear)
class ExamYearAdmin(admin.ModelAdmin):
    list_display = [
        "year", "registration_opens_on", "registration_closes_on", "results_published_on", "review_notice_on",
        "e_certificate_on", "paper_certificate_from", "paper_certificate_until",
    ]
    inlines = [SittingInline, PassMarkInline]
    ordering = ["-year"]
    fieldsets = [
        (None, {"fields": ["year", "notes"]}),
        (_("Registration"), {"fields": ["registration_opens_on", "registration_closes_on"]}),
        (_("Results and certificates"), {"fields": [
            "results_published_on", "review_notice_on", "e_certificate_on", "paper_certificate_from",
            "paper_certificate_until",
        ]}),
    ]


@admin.register(Sitting)
class SittingAdmin(admin.ModelAdmin):
    list_display = ["exam_year", "starts_on", "ends_on", "note"]
    list_filter = ["exam_year"]
    list_select_related = ["exam_year"]


@admin.register(PassMark)
class PassMarkAdmin(admin.ModelAdmin):
    list_display = ["exam_year", "subject", "pass_mark"]
    list_filter = ["exam_year", "subject"]
    list_select_related = ["exam_year"]
