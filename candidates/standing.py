"""A candidate's standing as people read it: the headline, one row per subject, the timeline's bars.

Built from the one assessment (`candidates.progress.assessment_for`) and the candidate's result rows; shown the
same way to the candidate (progress page) and to their school's staff (candidate detail).
"""
from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidates import rules
from candidates.models import Candidate
from candidates.models.choices import State, Subject
from candidates.progress import Situation, assessment_for, pending_exam_year, situation_of

STATE_ICONS = {
    "valid": "bi-check-circle-fill",
    "last_chance": "bi-exclamation-triangle-fill",
    "expired": "bi-x-circle-fill",
    "needed": "bi-circle",
    "exempt": "bi-dash-circle",
}
EXEMPT_LABEL = gettext_lazy("Exempt")


@dataclass
class SubjectRow:
    """One subject of the level, or an exempt one, as the progress table shows it."""

    subject: str
    label: str
    state: str
    state_label: str
    pass_year: int | None = None
    score: object = None
    valid_through: int | None = None
    attempts: int = 0

    @property
    def icon(self) -> str:
        return STATE_ICONS[self.state]


@dataclass
class Standing:
    """Everything the progress view shows about one candidate at the pending sitting."""

    candidate: Candidate
    assessment: rules.Assessment
    situation: Situation
    headline: str
    advice: str
    rows: list[SubjectRow]
    results: list = field(repr=False)

    @property
    def pending(self) -> int:
        return self.assessment.as_of


def subject_names(subjects) -> str:
    """Join subject labels in the order of the exam ("A、B" in Chinese, "A and B" in English)."""
    order = list(rules.Subject)
    labels = [str(Subject(s).label) for s in sorted(subjects, key=order.index)]
    if len(labels) <= 1:
        return "".join(labels)
    return format_lazy(_("{} and {}"), _(", ").join(labels[:-1]), labels[-1])


def headline_for(assessment: rules.Assessment, situation: Situation, has_results: bool) -> tuple[str, str]:
    """Return (headline, advice) in plain words for the assessment."""
    pending = assessment.as_of
    needed = subject_names(assessment.remaining)
    if situation is Situation.QUALIFIED:
        return (
            _("You qualified in %(year)s.") % {"year": assessment.qualified_year},
            _("Next come the post-exam review and the certificate: watch the review notice of your province."),
        )
    if situation is Situation.LAST_CHANCE:
        lapsing = subject_names(status.subject for status in assessment.lapsing)
        years = sorted({status.pass_year for status in assessment.lapsing})
        return (
            _("At the %(pending)s sitting you must pass %(needed)s; if you don't, your %(years)s %(lapsing)s pass "
              "lapses.") % {"pending": pending, "needed": needed, "years": "/".join(map(str, years)),
                            "lapsing": lapsing},
            _("Passes count only for a rolling window of %(window)s exam years: this is the last sitting at which "
              "they still count.") % {"window": assessment.window},
        )
    if situation is Situation.ON_TRACK:
        return (
            _("To qualify, pass %(needed)s by the %(deadline)s sitting.") % {
                "needed": needed, "deadline": assessment.deadline},
            _("Your passes count until the %(deadline)s sitting; each later pass starts its own window.")
            % {"deadline": assessment.deadline},
        )
    if situation is Situation.EXPIRED:
        return (
            _("Your passes all lapsed: start again. You need %(needed)s.") % {"needed": needed},
            _("Passes count only for a rolling window of %(window)s exam years.") % {"window": assessment.window},
        )
    if has_results:
        return (
            _("No pass yet. To qualify you need %(needed)s within %(window)s consecutive exam years.") % {
                "needed": needed, "window": assessment.window},
            _("Enter each sitting's results when they are published to keep this page right."),
        )
    return (
        _("No results yet. To qualify you need %(needed)s within %(window)s consecutive exam years.") % {
            "needed": needed, "window": assessment.window},
        _("Start by entering the results of any sitting you have taken, or plan the next one."),
    )


def _expired_only_situation(assessment: rules.Assessment, situation: Situation) -> Situation:
    """A candidate with an expired pass but other valid ones is on track, not 'all lapsed'."""
    if situation is Situation.EXPIRED and any(
        status.state is rules.State.VALID for status in assessment.subjects.values()
    ):
        return Situation.ON_TRACK
    return situation


def standing_of(candidate: Candidate, *, as_of: int | None = None) -> Standing:
    """Assess `candidate` (two queries: results and excused years) and lay it out for the progress view."""
    results = list(candidate.results.order_by("exam_year_id", "subject", "pk"))
    candidate.counting_passes = [row for row in results if row.passed and not row.voided]
    candidate.excused_year_rows = list(candidate.excused_years.all())
    assessment = assessment_for(candidate, as_of=as_of if as_of is not None else pending_exam_year())
    situation = situation_of(assessment)
    headline, advice = headline_for(assessment, _expired_only_situation(assessment, situation), bool(results))
    return Standing(candidate, assessment, situation, headline, advice, subject_rows(candidate, assessment, results),
                    results)


def _counts_for(candidate: Candidate, row, subject: str) -> bool:
    return row.subject == subject and not row.voided and (
        subject != rules.Subject.PRACTICE or row.specialty == candidate.specialty
    )


def subject_rows(candidate: Candidate, assessment: rules.Assessment, results: list) -> list[SubjectRow]:
    """Return one row per subject of the exam: the level's subjects with their state, the others as exempt."""
    rows = []
    for subject in rules.Subject:
        label = str(Subject(subject).label)
        status = assessment.subjects.get(subject)
        if status is None:
            if subject in rules.exempt_subjects(assessment.level):
                rows.append(SubjectRow(subject.value, label, "exempt", str(EXEMPT_LABEL)))
            continue
        attempts = [row for row in results if _counts_for(candidate, row, subject)]
        score = next((row.score for row in attempts if row.exam_year_id == status.pass_year and row.passed), None)
        rows.append(SubjectRow(
            subject.value, label, status.state.value, str(State(status.state).label), status.pass_year, score,
            status.valid_through, len(attempts),
        ))
    return rows
