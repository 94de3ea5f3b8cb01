"""Key dates of the pending exam year, and the personal calendar feed behind a private token."""
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from candidates.calendar_feed import calendar_for
from candidates.models import Candidate, ExamYear
from candidates.models.candidates import new_calendar_token
from candidates.progress import pending_exam_year
from candidates.views.portal import signed_in_candidate


def key_dates(request):
    """Show the pending exam year's calendar and the candidate's private feed address."""
    candidate = signed_in_candidate(request)
    pending = pending_exam_year()
    exam_year = ExamYear.objects.filter(year=pending).prefetch_related("sittings").first()
    feed = request.build_absolute_uri(reverse("candidates:calendar_feed", args=[candidate.calendar_token]))
    return render(request, "candidates/account/key_dates.html", {
        "pending": pending, "exam_year": exam_year, "feed": feed,
    })


@login_not_required
def calendar_feed(request, token: str):
    """Serve the .ics feed of the candidate whose private token this is; any other token is a 404."""
    candidate = get_object_or_404(Candidate, calendar_token=token)
    response = HttpResponse(calendar_for(candidate), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store, private"
    response["Content-Disposition"] = 'attachment; filename="zhuan.ics"'
    return response


@require_POST
def calendar_reset(request):
    """Give the feed a new private address; the old one stops working at once."""
    candidate = signed_in_candidate(request)
    candidate.calendar_token = new_calendar_token()
    candidate.save(update_fields=["calendar_token"])
    messages.success(request, _("Your calendar has a new address: subscribe again with it."))
    return redirect("candidates:key_dates")
