"""A school's candidates with their assessments: the data behind the cohort dashboard, at-risk list and exports.

A fixed number of queries whatever the cohort size: the current enrolments and the candidates, then their counting
passes and excused years as plain values; the assessments themselves are computed in Python by
`candidates.progress`.
"""
from dataclasses import dataclass

from django.db.models import Count, Q

from candidates import rules
from candidates.models import Candidate, Cohort, Enrolment, SubjectResult
from candidates.progress import Situation, assessments_for, pending_exam_year, situation_of
from candidates.standing import subject_names

NO_DEADLINE = 10_000


@dataclass
class RosterEntry:
    candidate: Candidate
    assessment: rules.Assessment
    situation: Situation
    cohort: object

    @property
    def remaining_names(self) -> str:
        return str(subject_names(self.assessment.remaining))

    @property
    def lapsing_names(self) -> str:
        return ", ".join(f"{status.pass_year} {subject_names([status.subject])}" for status in self.assessment.lapsing)

    def urgency(self) -> tuple:
        """Sort key: a last-chance pass first, then more subjects remaining, then the earliest deadline."""
        return (
            self.situation is not Situation.LAST_CHANCE,
            -len(self.assessment.remaining),
            self.assessment.deadline or NO_DEADLINE,
            self.candidate.full_name,
        )


def school_roster(school, *, cohort=None, search: str = "") -> list[RosterEntry]:
    """Return the candidates currently enrolled at `school` (or in `cohort`), each with their assessment."""
    enrolments = Enrolment.objects.current().filter(cohort__school=school)
    if cohort is not None:
        enrolments = enrolments.filter(cohort=cohort)
    cohorts = {cohort.pk: cohort} if cohort is not None else Cohort.objects.filter(school=school).in_bulk()
    cohort_of = {}
    for candidate_id, cohort_id in enrolments.values_list("candidate_id", "cohort_id"):
        cohort_of.setdefault(candidate_id, cohorts[cohort_id])
    # The enrolments again as a subquery rather than a list of a thousand ids: cheaper to send and to plan.
    chosen = Candidate.objects.filter(pk__in=enrolments.values("candidate_id"))
    if search:
        chosen = chosen.filter(
            Q(full_name__icontains=search) | Q(id_number__endswith=search.upper()) | Q(mobile__endswith=search)
        )
    candidates = list(chosen.select_related("province").order_by("full_name", "pk"))
    assessed = assessments_for(candidates, as_of=pending_exam_year(), among=chosen.values("pk"))
    return [
        RosterEntry(candidate, assessed[candidate.pk], situation_of(assessed[candidate.pk]), cohort_of[candidate.pk])
        for candidate in candidates
    ]


def at_risk(entries: list[RosterEntry], *, situation: str = "", level: str = "", specialty: str = "",
            province=None, subject: str = "") -> list[RosterEntry]:
    """Return the entries not yet qualified that match the filters, most urgent first."""
    chosen = [entry for entry in entries if entry.situation is not Situation.QUALIFIED]
    if situation:
        chosen = [entry for entry in chosen if entry.situation == situation]
    if level:
        chosen = [entry for entry in chosen if entry.candidate.level == level]
    if specialty:
        chosen = [entry for entry in chosen if entry.candidate.specialty == specialty]
    if province is not None:
        chosen = [entry for entry in chosen if entry.candidate.province_id == province.pk]
    if subject:
        chosen = [entry for entry in chosen if subject in entry.assessment.remaining]
    return sorted(chosen, key=RosterEntry.urgency)


def situation_counts(entries: list[RosterEntry]) -> list[tuple[Situation, int]]:
    """Return how many entries are in each situation, in the order of `Situation`."""
    counts = dict.fromkeys(Situation, 0)
    for entry in entries:
        counts[entry.situation] += 1
    return list(counts.items())


def pass_rates(cohort) -> dict:
    """Return pass rates per subject of the cohort's current candidates: {year: {subject: (passed, sat)}}."""
    current = Enrolment.objects.current().filter(cohort=cohort).values("candidate_id")
    rows = (
        SubjectResult.objects
        .filter(candidate_id__in=current, voided=False, score__isnull=False)
        .values("exam_year_id", "subject")
        .annotate(sat=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
        .order_by("exam_year_id", "subject")
    )
    rates: dict[int, dict[str, tuple[int, int]]] = {}
    for row in rows:
        rates.setdefault(row["exam_year_id"], {})[row["subject"]] = (row["passed"], row["sat"])
    return rates
