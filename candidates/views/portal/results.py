"""My results: the list by exam year, and entering or correcting one published year's results."""
from collections import defaultdict

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidates import rules
from candidates.forms.portal import YearResultsForm
from candidates.models import ExamYear
from candidates.models.choices import ResultSource
from candidates.services.results import results_record

from . import signed_in_candidate

YEAR_NOT_PUBLISHED = gettext_lazy("The results of %(year)s are not published yet: enter them once they are.")
YEAR_NOT_SAT = gettext_lazy("The %(year)s sitting has not taken place yet: there is nothing to enter.")


def results(request):
    """List the candidate's results by exam year, with a link to enter each published year."""
    candidate = signed_in_candidate(request)
    rows = candidate.results.select_related("verified_by").order_by("-exam_year_id", "subject")
    by_year = defaultdict(list)
    for row in rows:
        by_year[row.exam_year_id].append(row)
    published = list(ExamYear.objects.published().order_by("-year").values_list("year", flat=True))
    years = [(year, by_year.get(year, [])) for year in published]
    return render(request, "candidates/portal/results.html", {"candidate": candidate, "years": years})


def result_add(request, year: int):
    """Enter or correct the signed-in candidate's results of one published exam year."""
    candidate = signed_in_candidate(request)
    if not rules.FIRST_EXAM_YEAR <= year <= rules.LAST_EXAM_YEAR:
        raise Http404
    exam_year = ExamYear.objects.filter(year=year).first()
    if exam_year is None or (
        not exam_year.is_published() and not exam_year.sittings.filter(starts_on__lte=timezone.localdate()).exists()
    ):
        messages.error(request, YEAR_NOT_SAT % {"year": year})
        return redirect("candidates:results")
    if not exam_year.is_published():
        messages.error(request, YEAR_NOT_PUBLISHED % {"year": year})
        return redirect("candidates:results")
    existing = {row.subject: row for row in candidate.results.filter(exam_year_id=year).select_related("verified_by")}
    locked = {subject: row for subject, row in existing.items() if row.verified_at is not None}
    form = YearResultsForm(request.POST or None, candidate=candidate, existing=existing, locked=locked)
    if request.method == "POST" and form.is_valid():
        results_record(candidate=candidate, exam_year=year, entries=form.entries(), by=request.user,
                       source=ResultSource.CANDIDATE)
        messages.success(request, _("Your %(year)s results are saved.") % {"year": year})
        return redirect("candidates:progress")
    return render(request, "candidates/portal/result_year.html", {
        "candidate": candidate, "form": form, "year": year,
    })
