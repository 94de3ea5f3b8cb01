"""The at-risk list of the school: every candidate not yet qualified, most urgent first, with filters and exports."""
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from candidates.exports import csv_bytes, xlsx_bytes
from candidates.forms.staff import AtRiskFilterForm
from candidates.roster import at_risk, entries_of, entries_page, school_roster
from candidates.validators import mask_id_number

from . import PAGE_SIZE, school_cohort, staff_school


def _filtered(request):
    """Return the filter form, the school and its candidates that match the filters, most urgent first."""
    school = staff_school(request)
    form = AtRiskFilterForm(request.GET or None, school=school)
    # An invalid field (a cohort of another school, a made-up level) is dropped; the valid ones still apply.
    filters = {}
    if form.is_bound:
        form.is_valid()
        filters = form.cleaned_data
    roster = school_roster(school, cohort=filters.get("cohort"), search=(filters.get("q") or "").strip())
    chosen = at_risk(roster, situation=filters.get("situation", ""), level=filters.get("level", ""),
                     specialty=filters.get("specialty", ""), province=filters.get("province"),
                     subject=filters.get("subject", ""))
    return form, school, chosen


def at_risk_list(request):
    """Show the candidates at risk, ranked: last-chance passes first, then more remaining, then earliest deadline."""
    form, school, chosen = _filtered(request)
    page = entries_page(chosen, request.GET.get("page"), school, size=PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "candidates/staff/at_risk.html", {
        "form": form, "page": page, "total": page.paginator.count, "query": query.urlencode(),
    })


def export_headers() -> list[str]:
    return [_("Name"), _("ID number"), _("Mobile"), _("Province"), _("Level"), _("Specialty"), _("Cohort"),
            _("State"), _("Still needs"), _("Lapsing passes"), _("Deadline")]


def export_rows(request, entries) -> list[list]:
    full = request.user.has_perm("candidates.view_full_id_number")
    return [[
        e.candidate.full_name, e.candidate.id_number if full else mask_id_number(e.candidate.id_number),
        e.candidate.mobile, e.candidate.province.name_zh, e.candidate.get_level_display(),
        e.candidate.get_specialty_display(), e.cohort.name, e.situation.label, e.remaining_names, e.lapsing_names,
        e.deadline or "",
    ] for e in entries]


def export_response(name: str, fmt: str, headers, rows) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(csv_bytes(headers, rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(name, headers, rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


def at_risk_export(request, fmt: str):
    """Download the filtered at-risk list as CSV or XLSX."""
    _form, school, chosen = _filtered(request)
    return export_response("at-risk", fmt, export_headers(), export_rows(request, entries_of(chosen, school)))


def roster_export(request, pk: int, fmt: str):
    """Download a cohort's roster as CSV or XLSX."""
    cohort = school_cohort(request, pk)
    entries = entries_of(school_roster(cohort.school, cohort=cohort), cohort.school, cohort=cohort)
    return export_response(f"cohort-{cohort.pk}", fmt, export_headers(), export_rows(request, entries))
