"""The what-if planner: tick the subjects you expect to pass and see the outcome. Nothing is saved."""
from django.shortcuts import render

from candidates import rules
from candidates.forms.portal import PlannerForm
from candidates.progress import assessment_for, situation_of
from candidates.standing import standing_of, subject_names

from . import signed_in_candidate


def planner(request):
    """Show the outcome of hypothetical passes at the pending sitting and optionally the one after."""
    candidate = signed_in_candidate(request)
    standing = standing_of(candidate)
    pending = standing.pending
    subjects = [rules.Subject(s) for s in rules.LEVEL_SUBJECTS[rules.Level(candidate.level)]]
    form = PlannerForm(request.GET or None, subjects=subjects, pending=pending)
    outcome = None
    if form.is_bound and form.is_valid():
        outcome = plan_outcome(candidate, pending, form.cleaned_data["now"], form.cleaned_data["later"])
    template = "candidates/portal/_planner_outcome.html" if request.headers.get("HX-Request") else \
        "candidates/portal/planner.html"
    return render(request, template, {"candidate": candidate, "standing": standing, "form": form,
                                      "outcome": outcome})


def plan_outcome(candidate, pending: int, now: list[str], later: list[str]) -> dict:
    """Assess the candidate with the ticked passes: at the pending sitting, and at the next one if any are ticked."""
    specialty = candidate.specialty

    def passes(subjects, year):
        return [rules.Pass(s, year, specialty if s == rules.Subject.PRACTICE else None) for s in subjects]

    first = assessment_for(candidate, as_of=pending, extra_passes=passes(now, pending))
    outcome = {"first": first, "first_situation": situation_of(first), "first_year": pending,
               "first_lapsing": subject_names(s.subject for s in first.lapsing),
               "first_remaining": subject_names(first.remaining)}
    if later and not first.qualified:
        second = assessment_for(candidate, as_of=pending + 1,
                                extra_passes=passes(now, pending) + passes(later, pending + 1))
        lost = [status for status in second.subjects.values() if status.state == rules.State.EXPIRED
                and status.valid_through == pending]
        outcome.update({"second": second, "second_year": pending + 1,
                        "second_remaining": subject_names(second.remaining),
                        "second_lost": subject_names(s.subject for s in lost)})
    return outcome
