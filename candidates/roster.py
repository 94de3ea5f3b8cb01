"""A school's current candidates with their situation: the data behind the cohort dashboard, at-risk list and exports.

Counting, filtering and ordering are SQL over the candidates' stored standings (`StandingSnapshot`), brought
current first by `candidates.services.snapshots` from the rules' own assessment; so a page costs a fixed number of
queries and reads only its own rows, whatever the cohort's size.
"""
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from candidates.models import Candidate, Cohort, Enrolment, SubjectResult
from candidates.progress import Situation, pending_exam_year
from candidates.services.snapshots import lapsing_passes, remaining_subjects, snapshots_bring_current
from candidates.standing import subject_names

NO_DEADLINE = 10_000
# Most urgent first: a last-chance pass, then more subjects still needed, then the earliest deadline.
URGENCY = (
    Case(When(snapshot__situation=Situation.LAST_CHANCE, then=Value(0)), default=Value(1),
         output_field=IntegerField()),
    F("snapshot__remaining_count").desc(),
    Coalesce("snapshot__deadline", Value(NO_DEADLINE)),
    "full_name",
    "pk",
)


@dataclass
class RosterEntry:
    """One candidate of a staff list as the list shows it."""

    candidate: Candidate
    cohort: Cohort

    @property
    def situation(self) -> Situation:
        return Situation(self.candidate.snapshot.situation)

    @property
    def remaining(self) -> list[str]:
        return remaining_subjects(self.candidate.snapshot)

    @property
    def deadline(self) -> int | None:
        return self.candidate.snapshot.deadline

    @property
    def remaining_names(self) -> str:
        return str(subject_names(self.remaining))

    @property
    def lapsing_names(self) -> str:
        return ", ".join(f"{year} {subject_names([subject])}" for year, subject in
                         lapsing_passes(self.candidate.snapshot))


def current_enrolments(school, *, cohort=None) -> QuerySet[Enrolment]:
    enrolments = Enrolment.objects.current().filter(cohort__school=school)
    return enrolments.filter(cohort=cohort) if cohort is not None else enrolments


def enrolled_candidates(school, *, cohort=None, search: str = "") -> QuerySet[Candidate]:
    """Return the candidates currently enrolled at `school` (or in `cohort`), optionally matching `search`."""
    # The enrolments as a subquery rather than a list of a thousand ids: cheaper to send and to plan.
    chosen = Candidate.objects.filter(pk__in=current_enrolments(school, cohort=cohort).values("candidate_id"))
    if search:
        chosen = chosen.filter(
            Q(full_name__icontains=search) | Q(id_number__endswith=search.upper()) | Q(mobile__endswith=search)
        )
    return chosen


def listed(candidates: QuerySet[Candidate], *, as_of: int) -> QuerySet[Candidate]:
    """Return `candidates` with their snapshots at `as_of`, by name (those without one are left out: bring them
    current first)."""
    return candidates.filter(snapshot__as_of=as_of).select_related("snapshot", "province").order_by("full_name", "pk")


def school_roster(school, *, cohort=None, search: str = "") -> QuerySet[Candidate]:
    """Return the candidates currently enrolled at `school` (or in `cohort`) with current snapshots, by name."""
    as_of = pending_exam_year()
    chosen = enrolled_candidates(school, cohort=cohort, search=search)
    snapshots_bring_current(chosen, as_of=as_of)
    return listed(chosen, as_of=as_of)


def at_risk(roster: QuerySet[Candidate], *, situation: str = "", level: str = "", specialty: str = "",
            province=None, subject: str = "") -> QuerySet[Candidate]:
    """Return the candidates of `roster` not yet qualified that match the filters, most urgent first."""
    chosen = roster.exclude(snapshot__situation=Situation.QUALIFIED)
    if situation:
        chosen = chosen.filter(snapshot__situation=situation)
    if level:
        chosen = chosen.filter(level=level)
    if specialty:
        chosen = chosen.filter(specialty=specialty)
    if province is not None:
        chosen = chosen.filter(province=province)
    if subject:
        chosen = chosen.filter(snapshot__remaining__contains=f",{subject},")
    return chosen.order_by(*URGENCY)


def situation_counts(candidates: QuerySet[Candidate], *, as_of: int) -> list[tuple[Situation, int]]:
    """Return how many of `candidates` are in each situation at `as_of`, in the order of `Situation`.

    One query when every snapshot is current; otherwise the stale ones are brought current and counted again.
    """
    current = Case(When(snapshot__as_of=as_of, then=F("snapshot__situation")), default=None)
    counting = candidates.order_by().values_list(current).annotate(n=Count("pk"))
    rows = list(counting)
    if any(situation is None for situation, _number in rows):
        snapshots_bring_current(candidates, as_of=as_of)
        rows = list(counting.all())
    counts = dict.fromkeys(Situation, 0)
    for situation, number in rows:
        counts[Situation(situation)] += number
    return list(counts.items())


def entries_of(candidates: Iterable[Candidate], school, *, cohort=None) -> list[RosterEntry]:
    """Return the list entries of `candidates`, each with their current cohort at `school` (one query, none if
    the cohort is given)."""
    candidates = list(candidates)
    if cohort is not None:
        return [RosterEntry(candidate, cohort) for candidate in candidates]
    cohort_of = {}
    enrolments = current_enrolments(school).filter(candidate__in=candidates).select_related("cohort")
    for enrolment in enrolments.order_by("enrolled_on", "pk"):
        cohort_of.setdefault(enrolment.candidate_id, enrolment.cohort)
    return [RosterEntry(candidate, cohort_of[candidate.pk]) for candidate in candidates]


def entries_page(candidates: QuerySet[Candidate], number, school, *, cohort=None, size: int,
                 count: int | None = None) -> Page:
    """Return page `number` of `candidates` as list entries; `count`, when known, saves the counting query."""
    paginator = Paginator(candidates, size)
    if count is not None:
        paginator.count = count  # a cached property: the count is already known from the situation counts
    page = paginator.get_page(number)
    page.object_list = entries_of(page.object_list, school, cohort=cohort)
    return page


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
