"""A candidate as the school sees them, and the enrolment actions: enrol, create, move, end, invite."""
from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from candidates.forms.staff import CandidateForm, EnrolExistingForm, MoveForm
from candidates.models import Enrolment, SubjectResult
from candidates.services.cohorts import enrolment_create, enrolment_end, enrolment_move, invitation_send
from candidates.standing import standing_of
from candidates.timeline import timeline_for
from candidates.validators import mask_id_number

from . import is_manager, require_manager, school_candidate, school_cohort, staff_school

NO_EMAIL = gettext_lazy("Add the candidate's email address first: the invitation goes by email.")
HISTORY_ROWS = 30


@dataclass
class HistoryEntry:
    """One line of a candidate's audit history: when, who, what kind of change and to what."""

    date: object
    user: object
    kind: str
    what: str


def _changed_fields(record, older) -> str:
    if older is None:
        return ""
    delta = record.diff_against(older)
    return ", ".join(str(record.instance._meta.get_field(change.field).verbose_name) for change in delta.changes)


def _result_text(record) -> str:
    outcome = record.score if record.score is not None else record.get_code_display()
    state = _("Voided") if record.voided else (_("Verified") if record.verified_by_id else _("Unverified"))
    return f"{record.exam_year_id} {record.get_subject_display()}: {outcome} ({state})"


def history_of(candidate) -> list[HistoryEntry]:
    """Return the latest changes to the candidate and their results, newest first, in two queries."""
    people = list(candidate.history.select_related("history_user").order_by("-history_date")[:HISTORY_ROWS + 1])
    results = SubjectResult.history.filter(candidate_id=candidate.pk).select_related("history_user")
    entries = [
        HistoryEntry(record.history_date, record.history_user, record.get_history_type_display(),
                     _changed_fields(record, people[index + 1] if index + 1 < len(people) else None))
        for index, record in enumerate(people[:HISTORY_ROWS])
    ] + [
        HistoryEntry(record.history_date, record.history_user,
                     f"{record.get_history_type_display()} · {SubjectResult._meta.verbose_name}", _result_text(record))
        for record in results.order_by("-history_date")[:HISTORY_ROWS]
    ]
    return sorted(entries, key=lambda entry: entry.date, reverse=True)[:HISTORY_ROWS]


def candidate_detail(request, pk: int):
    """Show a candidate's progress (the same view the candidate sees), attempts, enrolments and history."""
    school = staff_school(request)
    candidate = school_candidate(request, pk)
    standing = standing_of(candidate)
    enrolments = candidate.enrolments.filter(cohort__school=school).select_related("cohort").order_by("-enrolled_on")
    full_id = request.user.has_perm("candidates.view_full_id_number")
    return render(request, "candidates/staff/candidate_detail.html", {
        "candidate": candidate, "standing": standing,
        "timeline": timeline_for(standing.rows, standing.pending, standing.headline),
        "enrolments": enrolments, "history": history_of(candidate), "is_manager": is_manager(request),
        "id_number": candidate.id_number if full_id else mask_id_number(candidate.id_number),
    })


def enrol(request, pk: int):
    """Enrol an existing candidate (by ID number) in the cohort."""
    cohort = school_cohort(request, pk)
    form = EnrolExistingForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        enrolment_create(candidate=form.candidate, cohort=cohort, by=request.user)
        messages.success(request, _("%(name)s enrolled.") % {"name": form.candidate.full_name})
        return redirect("candidates:staff_cohort_detail", pk=cohort.pk)
    return render(request, "candidates/staff/enrol.html", {"form": form, "cohort": cohort})


def candidate_create(request, pk: int):
    """Create a new candidate and enrol them in the cohort, in one step."""
    cohort = school_cohort(request, pk)
    form = CandidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            candidate = form.save(commit=False)
            candidate._history_user = request.user
            candidate.save()
            enrolment_create(candidate=candidate, cohort=cohort, by=request.user)
        messages.success(request, _("%(name)s created and enrolled.") % {"name": candidate.full_name})
        return redirect("candidates:staff_candidate_detail", pk=candidate.pk)
    return render(request, "candidates/staff/candidate_form.html", {"form": form, "cohort": cohort})


def _school_enrolment(request, pk: int) -> Enrolment:
    school = staff_school(request)
    return get_object_or_404(
        Enrolment.objects.select_related("cohort", "candidate").filter(cohort__school=school, left_on__isnull=True),
        pk=pk,
    )


def enrolment_move_view(request, pk: int):
    """Move a candidate to another cohort of the school."""
    enrolment = _school_enrolment(request, pk)
    form = MoveForm(request.POST or None, school=enrolment.cohort.school, current=enrolment.cohort)
    if request.method == "POST" and form.is_valid():
        enrolment_move(enrolment=enrolment, to=form.cleaned_data["cohort"], by=request.user)
        messages.success(request, _("%(name)s moved.") % {"name": enrolment.candidate.full_name})
        return redirect("candidates:staff_cohort_detail", pk=form.cleaned_data["cohort"].pk)
    return render(request, "candidates/staff/enrolment_move.html", {"form": form, "enrolment": enrolment})


@require_POST
def enrolment_end_view(request, pk: int):
    """Remove a candidate from a cohort: the enrolment ends today and its history stays."""
    enrolment = _school_enrolment(request, pk)
    enrolment_end(enrolment=enrolment, by=request.user, reason=request.POST.get("reason", "")[:200])
    messages.success(request, _("%(name)s left %(cohort)s.") % {
        "name": enrolment.candidate.full_name, "cohort": enrolment.cohort.name})
    return redirect("candidates:staff_cohort_detail", pk=enrolment.cohort_id)


@require_POST
def invite(request, pk: int):
    """Email the candidate a one-time link to set a password and use their account (managers only)."""
    candidate = school_candidate(request, pk)
    require_manager(request)
    if not candidate.email:
        messages.error(request, NO_EMAIL)
    else:
        invitation_send(candidate=candidate, by=request.user, base_url=request.build_absolute_uri("/")[:-1])
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": candidate.email})
    return redirect("candidates:staff_candidate_detail", pk=candidate.pk)
