"""The exam's rolling-validity rules (DOMAIN.md §3): pure Python, no Django, the one place they live.

    from candidates.rules import Level, Subject, Specialty, State, Pass, assess
    assess(Level.FULL, [Pass(Subject.LAW, 2020)], as_of=2024, specialty=Specialty.CHEMICAL)
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TypeVar

FIRST_EXAM_YEAR = 2019
LAST_EXAM_YEAR = 2100

E = TypeVar("E", bound=StrEnum)


class Subject(StrEnum):
    LAW = "law"
    MANAGEMENT = "management"
    TECHNOLOGY = "technology"
    PRACTICE = "practice"


class Specialty(StrEnum):
    COAL = "coal"
    METAL_NONMETAL_MINE = "metal_nonmetal_mine"
    CHEMICAL = "chemical"
    METALLURGY = "metallurgy"
    CONSTRUCTION = "construction"
    ROAD_TRANSPORT = "road_transport"
    OTHER = "other"


class Level(StrEnum):
    FULL = "full"
    EXEMPT_ONE = "exempt_one"
    EXEMPT_TWO = "exempt_two"
    ADD_SPECIALTY = "add_specialty"


class State(StrEnum):
    VALID = "valid"
    LAST_CHANCE = "last_chance"
    EXPIRED = "expired"
    NEEDED = "needed"


LEVEL_SUBJECTS: Mapping[Level, tuple[Subject, ...]] = MappingProxyType({
    Level.FULL: (Subject.LAW, Subject.MANAGEMENT, Subject.TECHNOLOGY, Subject.PRACTICE),
    Level.EXEMPT_ONE: (Subject.LAW, Subject.MANAGEMENT, Subject.PRACTICE),
    Level.EXEMPT_TWO: (Subject.LAW, Subject.PRACTICE),
    Level.ADD_SPECIALTY: (Subject.PRACTICE,),
})

WINDOW: Mapping[Level, int] = MappingProxyType({
    Level.FULL: 4,
    Level.EXEMPT_ONE: 3,
    Level.EXEMPT_TWO: 2,
    Level.ADD_SPECIALTY: 1,
})


def _enum_member(enum: type[E], value: object, what: str) -> E:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise ValueError(f"unknown {what} {value!r}: expected one of {allowed}") from None


def _check_year(year: object, what: str) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise ValueError(f"{what} must be a whole exam year, got {year!r}")
    if not FIRST_EXAM_YEAR <= year <= LAST_EXAM_YEAR:
        raise ValueError(f"{what} {year} is outside the exam years {FIRST_EXAM_YEAR}–{LAST_EXAM_YEAR}")
    return year


def exempt_subjects(level: Level | str) -> tuple[Subject, ...]:
    """Return the subjects of the full exam that `level` does not sit."""
    level = _enum_member(Level, level, "level")
    return tuple(subject for subject in LEVEL_SUBJECTS[Level.FULL] if subject not in LEVEL_SUBJECTS[level])


def valid_through(pass_year: int, window: int, excused_years: Iterable[int] = ()) -> int:
    """Return the last exam year in which a pass from `pass_year` counts.

    An excused year E extends every pass obtained before E and still valid in E by one year; walking the excused
    years in order lets one extension bring the next excused year into the window (two in a row extend twice).
    """
    last = pass_year + window - 1
    for excused in sorted(set(excused_years)):
        if pass_year < excused <= last:
            last += 1
    return last


@dataclass(frozen=True)
class Pass:
    """A pass in one subject at one exam year; `practice` passes carry their specialty."""

    subject: Subject
    year: int
    specialty: Specialty | None = None

    def __post_init__(self) -> None:
        subject = _enum_member(Subject, self.subject, "subject")
        object.__setattr__(self, "subject", subject)
        _check_year(self.year, "pass year")
        if subject is Subject.PRACTICE:
            if self.specialty is None or self.specialty == "":
                raise ValueError("a practice pass needs its specialty")
            object.__setattr__(self, "specialty", _enum_member(Specialty, self.specialty, "specialty"))
        elif self.specialty is not None:
            raise ValueError(f"only a practice pass has a specialty, not a {subject.value} pass")


@dataclass(frozen=True)
class SubjectStatus:
    """Where one subject of the level stands at `as_of`: its latest counting pass and until when it counts."""

    subject: Subject
    state: State
    pass_year: int | None = None
    valid_through: int | None = None


@dataclass(frozen=True)
class Assessment:
    """A candidate's standing at exam year `as_of`."""

    level: Level
    as_of: int
    specialty: Specialty | None
    subjects: Mapping[Subject, SubjectStatus] = field(repr=False)
    qualified_year: int | None
    remaining: frozenset[Subject]
    deadline: int | None

    @property
    def qualified(self) -> bool:
        return self.qualified_year is not None

    @property
    def window(self) -> int:
        return WINDOW[self.level]

    @property
    def lapsing(self) -> tuple[SubjectStatus, ...]:
        """Return the passes that lapse after `as_of` unless the candidate qualifies at `as_of`."""
        if self.qualified:
            return ()
        return tuple(status for status in self.subjects.values() if status.state is State.LAST_CHANCE)


def _state(valid_until: int, as_of: int) -> State:
    if valid_until < as_of:
        return State.EXPIRED
    if valid_until == as_of:
        return State.LAST_CHANCE
    return State.VALID


def _first_qualifying_year(
    counting: Mapping[Subject, list[int]], window: int, excused: tuple[int, ...], as_of: int
) -> int | None:
    if not all(counting.values()):
        return None
    windows = {
        subject: [(year, valid_through(year, window, excused)) for year in years] for subject, years in counting.items()
    }
    first = min(year for years in counting.values() for year in years)
    for candidate_year in range(first, as_of + 1):
        if all(
            any(start <= candidate_year <= end for start, end in spans) for spans in windows.values()
        ):
            return candidate_year
    return None


def assess(
    level: Level | str,
    passes: Iterable[Pass],
    as_of: int,
    specialty: Specialty | str | None = None,
    excused_years: Iterable[int] = (),
) -> Assessment:
    """Assess a candidate of `level` with `passes` at exam year `as_of`.

    Passes after `as_of`, of subjects outside the level, or of `practice` in another specialty do not count.
    """
    level = _enum_member(Level, level, "level")
    _check_year(as_of, "as_of")
    subjects = LEVEL_SUBJECTS[level]
    if Subject.PRACTICE in subjects:
        if specialty is None or specialty == "":
            raise ValueError(f"level {level.value} includes practice: the candidate's specialty is required")
        specialty = _enum_member(Specialty, specialty, "specialty")
    elif specialty is not None:
        specialty = _enum_member(Specialty, specialty, "specialty")
    excused = tuple(sorted({_check_year(year, "excused year") for year in excused_years}))
    window = WINDOW[level]

    counting: dict[Subject, list[int]] = {subject: [] for subject in subjects}
    for passed in passes:
        if not isinstance(passed, Pass):
            raise ValueError(f"expected a Pass, got {passed!r}")
        if passed.year > as_of or passed.subject not in counting:
            continue
        if passed.subject is Subject.PRACTICE and passed.specialty != specialty:
            continue
        counting[passed.subject].append(passed.year)

    statuses: dict[Subject, SubjectStatus] = {}
    for subject in subjects:
        years = counting[subject]
        if not years:
            statuses[subject] = SubjectStatus(subject, State.NEEDED)
            continue
        latest = max(years)
        until = valid_through(latest, window, excused)
        statuses[subject] = SubjectStatus(subject, _state(until, as_of), latest, until)

    qualified_year = _first_qualifying_year(counting, window, excused, as_of)
    if qualified_year is not None:
        remaining: frozenset[Subject] = frozenset()
        deadline = None
    else:
        remaining = frozenset(s for s, st in statuses.items() if st.state in (State.NEEDED, State.EXPIRED))
        still_valid = [st.valid_through for st in statuses.values() if st.state in (State.VALID, State.LAST_CHANCE)]
        deadline = min(still_valid) if still_valid else None

    return Assessment(
        level=level,
        as_of=as_of,
        specialty=specialty,
        subjects=MappingProxyType(statuses),
        qualified_year=qualified_year,
        remaining=remaining,
        deadline=deadline,
    )
