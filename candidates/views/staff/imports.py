"""Import a sitting's results from a spreadsheet: upload, preview every row, confirm all or cancel."""
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from candidates.exports import csv_bytes, xlsx_bytes
from candidates.forms.imports import ResultsUploadForm, RosterUploadForm
from candidates.imports.columns import TEMPLATE_HEADERS
from candidates.imports.outcome import STATUSES, ImportOutcome
from candidates.imports.results import CHANGED, ERROR, NEW, UNCHANGED
from candidates.imports.roster import ROSTER_TEMPLATE_HEADERS
from candidates.models import ImportUpload
from candidates.services.imports import (
    ImportRefused,
    PreviewOutdated,
    import_outcome_refresh,
    results_import_confirm,
    roster_import_confirm,
    roster_upload_store,
    upload_store,
)

from . import staff_school

ROWS_PER_PAGE = 100  # per page of an import preview: rows, and rows with errors in the error list
PREVIEW_OUTDATED = gettext_lazy(
    "Nothing was imported: the data changed since the preview. Review the updated preview, then confirm again."
)
ALL_ROWS, ROWS_WITH_ERRORS = gettext_lazy("all rows"), gettext_lazy("rows with errors")
STATUS_FILTERS = {
    ImportUpload.Kind.RESULTS: [("", ALL_ROWS), (ERROR, ROWS_WITH_ERRORS), (NEW, gettext_lazy("new")),
                                (CHANGED, gettext_lazy("changed")), (UNCHANGED, gettext_lazy("unchanged"))],
    ImportUpload.Kind.ROSTER: [("", ALL_ROWS), (ERROR, ROWS_WITH_ERRORS), (NEW, gettext_lazy("new candidates")),
                               (CHANGED, gettext_lazy("joining the cohort")),
                               (UNCHANGED, gettext_lazy("already in the cohort"))],
}

TEMPLATE_EXAMPLE = ["110105198001010011", "张三", "72", "58", "缺考", "65.5", "化工安全"]
ROSTER_EXAMPLE = ["张三", "110105198001010011", "13800000000", "zhangsan@example.org", "北京", "考全科", "化工安全"]


def _school_upload(request, pk: int) -> ImportUpload:
    return get_object_or_404(ImportUpload.objects.select_related("school", "cohort"), pk=pk,
                             school=staff_school(request))


def roster_upload(request):
    """Upload a roster (name, ID number, mobile, email, province, level, specialty) for one cohort."""
    school = staff_school(request)
    form = RosterUploadForm(request.POST or None, request.FILES or None, school=school)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        upload = roster_upload_store(content=file.read(), name=file.name, cohort=form.cleaned_data["cohort"],
                                     by=request.user)
        return redirect("candidates:staff_import_preview", pk=upload.pk)
    return render(request, "candidates/staff_import/roster_upload.html", {"form": form})


def import_upload(request):
    """Upload a results file for one exam year; the next page previews every row."""
    school = staff_school(request)
    form = ResultsUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        upload = upload_store(content=file.read(), name=file.name, school=school,
                              exam_year=form.cleaned_data["exam_year"], by=request.user)
        return redirect("candidates:staff_import_preview", pk=upload.pk)
    return render(request, "candidates/staff/import_upload.html", {"form": form})


def import_preview(request, pk: int):
    """Show the upload's rows a page at a time, by status, with every error's row, column and message.

    The page reads the outcome stored at upload: no file is read and nothing is validated again.
    """
    upload = _school_upload(request, pk)
    if not upload.outcome:  # kept before outcomes were stored
        import_outcome_refresh(upload=upload)
    outcome = ImportOutcome(upload)
    status = request.GET.get("status", "")
    if status not in STATUSES:
        status = ""
    roster = upload.kind == ImportUpload.Kind.ROSTER
    template = "candidates/staff_import/roster_preview.html" if roster else "candidates/staff/import_preview.html"
    return render(request, template, {
        "upload": upload, "outcome": outcome, "status": status,
        "filters": [(value, label, outcome.counts[value] if value else outcome.row_count)
                    for value, label in STATUS_FILTERS[upload.kind]],
        "rows": Paginator(outcome.rows(status), ROWS_PER_PAGE).get_page(request.GET.get("page")),
        "rows_query": _query_without(request, "page"),
        "error_rows": Paginator(outcome.rows(ERROR), ROWS_PER_PAGE).get_page(request.GET.get("errors_page")),
        "error_rows_query": _query_without(request, "errors_page"),
    })


def _query_without(request, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


@require_POST
def import_confirm(request, pk: int):
    """Save all the rows of the upload or none of them."""
    upload = _school_upload(request, pk)
    try:
        if upload.kind == ImportUpload.Kind.ROSTER:
            preview = roster_import_confirm(upload=upload, by=request.user)
        else:
            preview = results_import_confirm(upload=upload, by=request.user)
    except PreviewOutdated:
        messages.warning(request, PREVIEW_OUTDATED)
        return redirect("candidates:staff_import_preview", pk=upload.pk)
    except ImportRefused:
        messages.error(request, _("Nothing was imported: fix the errors shown and upload the file again."))
        return redirect("candidates:staff_import_preview", pk=upload.pk)
    if upload.kind == ImportUpload.Kind.ROSTER:
        messages.success(request, _("Roster imported: %(new)s new candidates, %(changed)s joined the cohort; "
                                    "%(unchanged)s were already in it.") % preview.counts)
        return redirect("candidates:staff_cohort_detail", pk=upload.cohort_id)
    messages.success(
        request, _("Imported: %(new)s new and %(changed)s changed rows; %(unchanged)s unchanged.") % preview.counts
    )
    return redirect("candidates:staff_at_risk")


@require_POST
def import_cancel(request, pk: int):
    """Drop the upload and its file."""
    upload = _school_upload(request, pk)
    upload.discard()
    messages.info(request, _("The upload was discarded; nothing was imported."))
    return redirect("candidates:staff_import")


def import_template(request, fmt: str):
    """Download a results template (or with ?kind=roster a roster template): Chinese headers, one example row."""
    staff_school(request)
    roster = request.GET.get("kind") == ImportUpload.Kind.ROSTER
    headers, example = (ROSTER_TEMPLATE_HEADERS, ROSTER_EXAMPLE) if roster else (TEMPLATE_HEADERS, TEMPLATE_EXAMPLE)
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes("名单" if roster else "成绩", headers, [example]),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    elif fmt == "csv":
        response = HttpResponse(csv_bytes(headers, [example]), content_type="text/csv; charset=utf-8")
    else:
        return HttpResponse(status=404)
    name = "roster-template" if roster else "results-template"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
