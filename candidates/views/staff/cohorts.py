"""Cohorts of the staff member's school: list, create, edit, archive, and the dashboard of one cohort."""
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from candidates import rules
from candidates.charts import rate_chart
from candidates.forms.staff import CohortForm
from candidates.models import Cohort
from candidates.models.choices import Subject
from candidates.progress import pending_exam_year
from candidates.roster import (
    at_risk,
    enrolled_candidates,
    entries_of,
    entries_page,
    listed,
    pass_rates,
    situation_counts,
)

from . import PAGE_SIZE, is_manager, require_manager, school_cohort, staff_school


def cohort_list(request):
    """List the school's cohorts with their current size; archived ones last."""
    school = staff_school(request)
    cohorts = (
        Cohort.objects.filter(school=school)
        .annotate(size=Count("enrolments", filter=Q(enrolments__left_on__isnull=True)))
        .order_by("archived_at", "-target_exam_year", "name")
    )
    return render(request, "candidates/staff/cohort_list.html", {
        "school": school, "cohorts": cohorts, "is_manager": is_manager(request),
    })


def cohort_create(request):
    """Create a cohort at the staff member's school (managers only)."""
    school = staff_school(request)
    require_manager(request)
    form = CohortForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        cohort = form.save(commit=False)
        cohort.school = school
        cohort.save()
        messages.success(request, _("Cohort %(name)s created.") % {"name": cohort.name})
        return redirect("candidates:staff_cohort_detail", pk=cohort.pk)
    return render(request, "candidates/staff/cohort_form.html", {"form": form, "cohort": None})


def cohort_edit(request, pk: int):
    """Rename a cohort or change its target exam year (managers only)."""
    cohort = school_cohort(request, pk)
    require_manager(request)
    form = CohortForm(request.POST or None, instance=cohort, school=cohort.school)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Cohort saved."))
        return redirect("candidates:staff_cohort_detail", pk=cohort.pk)
    return render(request, "candidates/staff/cohort_form.html", {"form": form, "cohort": cohort})


@require_POST
def cohort_archive(request, pk: int):
    """Archive a cohort (managers only): it leaves the lists, and nothing in it is deleted."""
    cohort = school_cohort(request, pk)
    require_manager(request)
    if cohort.archived_at is None:
        cohort.archived_at = timezone.now()
        cohort.save(update_fields=["archived_at"])
        messages.success(request, _("Cohort %(name)s archived; its candidates and results are kept.") % {
            "name": cohort.name})
    return redirect("candidates:staff_cohort_list")


def rate_charts(rates: dict) -> list:
    """Return the bar charts of the dashboard: every subject at the latest sitting, then each subject by year."""
    if not rates:
        return []
    latest = max(rates)
    charts = [rate_chart(
        _("Pass rate per subject at the %(year)s sitting") % {"year": latest},
        [(str(Subject(s).label), *rates[latest].get(s.value, (0, 0))) for s in rules.Subject],
    )]
    for subject in rules.Subject:
        years = [year for year in sorted(rates) if subject.value in rates[year]]
        if years:
            charts.append(rate_chart(
                _("%(subject)s: pass rate by exam year") % {"subject": Subject(subject).label},
                [(str(year), *rates[year][subject.value]) for year in years],
            ))
    return charts


def cohort_detail(request, pk: int):
    """The cohort dashboard: situations, pass rates per subject, the most urgent candidates, everyone by page."""
    cohort = school_cohort(request, pk)
    school, as_of = cohort.school, pending_exam_year()
    enrolled = enrolled_candidates(school, cohort=cohort)
    counts = situation_counts(enrolled, as_of=as_of)  # brings stale snapshots current first
    roster = listed(enrolled, as_of=as_of)
    size = sum(number for _situation, number in counts)
    return render(request, "candidates/staff/cohort_detail.html", {
        "cohort": cohort, "counts": counts, "charts": rate_charts(pass_rates(cohort)),
        "urgent": entries_of(at_risk(roster)[:10], school, cohort=cohort),
        "page": entries_page(roster, request.GET.get("page"), school, cohort=cohort, size=PAGE_SIZE, count=size),
        "size": size, "is_manager": is_manager(request),
    })
