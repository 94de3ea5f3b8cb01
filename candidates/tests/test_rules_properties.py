"""Property-based tests of the rules against an independent brute-force reference."""
from hypothesis import given, settings
from hypothesis import strategies as st

from candidates.rules import LEVEL_SUBJECTS, WINDOW, Level, Pass, Specialty, State, Subject, assess, valid_through

YEARS = st.integers(min_value=2019, max_value=2032)
SPECIALTIES = st.sampled_from(list(Specialty))


@st.composite
def passes(draw, max_size=8):
    result = []
    for _ in range(draw(st.integers(0, max_size))):
        subject = draw(st.sampled_from(list(Subject)))
        specialty = draw(SPECIALTIES) if subject is Subject.PRACTICE else None
        result.append(Pass(subject, draw(YEARS), specialty))
    return result


def covered_years(pass_year: int, window: int, excused: set[int]) -> set[int]:
    """Years a pass counts in, built year by year: each excused year still covered adds one more year."""
    years, remaining, year = set(), window, pass_year
    while remaining > 0:
        years.add(year)
        if not (year > pass_year and year in excused):
            remaining -= 1
        year += 1
    return years


def reference_qualified_year(level, passes, as_of, specialty, excused):
    window = WINDOW[level]
    for year in range(2019, as_of + 1):
        if all(
            any(
                p.subject is subject
                and p.year <= year
                and (subject is not Subject.PRACTICE or p.specialty == specialty)
                and year in covered_years(p.year, window, set(excused))
                for p in passes
            )
            for subject in LEVEL_SUBJECTS[level]
        ):
            return year
    return None


common = settings(max_examples=300, deadline=None)


@common
@given(
    level=st.sampled_from(list(Level)),
    passes=passes(),
    as_of=YEARS,
    specialty=SPECIALTIES,
    excused=st.sets(st.integers(2019, 2032), max_size=3),
)
def test_qualified_year_matches_the_brute_force_reference(level, passes, as_of, specialty, excused):
    a = assess(level, passes, as_of, specialty=specialty, excused_years=excused)
    assert a.qualified_year == reference_qualified_year(level, passes, as_of, specialty, excused)


@common
@given(pass_year=YEARS, window=st.integers(1, 4), excused=st.sets(st.integers(2019, 2040), max_size=4))
def test_valid_through_matches_year_by_year_coverage(pass_year, window, excused):
    assert valid_through(pass_year, window, excused) == max(covered_years(pass_year, window, excused))


@common
@given(level=st.sampled_from(list(Level)), data=st.data(), specialty=SPECIALTIES)
def test_one_pass_per_subject_qualifies_exactly_when_they_lie_within_the_window(level, data, specialty):
    subjects = LEVEL_SUBJECTS[level]
    years = {s: data.draw(st.integers(2019, 2028), label=str(s)) for s in subjects}
    passes = [Pass(s, y, specialty if s is Subject.PRACTICE else None) for s, y in years.items()]
    a = assess(level, passes, 2030, specialty=specialty)
    within = max(years.values()) - min(years.values()) <= WINDOW[level] - 1
    assert a.qualified == within
    if within:
        assert a.qualified_year == max(years.values())


@common
@given(
    level=st.sampled_from(list(Level)),
    passes=passes(),
    extra=passes(max_size=3),
    as_of=YEARS,
    specialty=SPECIALTIES,
    excused=st.sets(st.integers(2019, 2032), max_size=2),
)
def test_adding_a_pass_never_takes_a_qualification_away(level, passes, extra, as_of, specialty, excused):
    before = assess(level, passes, as_of, specialty=specialty, excused_years=excused)
    after = assess(level, passes + extra, as_of, specialty=specialty, excused_years=excused)
    if before.qualified:
        assert after.qualified and after.qualified_year <= before.qualified_year


@common
@given(
    level=st.sampled_from(list(Level)),
    passes=passes(),
    as_of=YEARS,
    specialty=SPECIALTIES,
    excused=st.sets(st.integers(2019, 2032), max_size=3),
)
def test_state_remaining_and_deadline_agree_with_valid_through(level, passes, as_of, specialty, excused):
    a = assess(level, passes, as_of, specialty=specialty, excused_years=excused)
    assert tuple(a.subjects) == LEVEL_SUBJECTS[level]
    for status in a.subjects.values():
        if status.state is State.NEEDED:
            assert status.valid_through is None and status.pass_year is None
        elif status.valid_through < as_of:
            assert status.state is State.EXPIRED
        elif status.valid_through == as_of:
            assert status.state is State.LAST_CHANCE
        else:
            assert status.state is State.VALID
    if a.qualified:
        assert a.remaining == frozenset() and a.deadline is None
    else:
        assert a.remaining == {s for s, st_ in a.subjects.items() if st_.state in (State.NEEDED, State.EXPIRED)}
        assert a.deadline is None or a.deadline >= as_of


@common
@given(pass_year=YEARS, window=st.integers(1, 4), excused=st.sets(st.integers(2019, 2040), max_size=4))
def test_excused_years_never_shorten_a_pass(pass_year, window, excused):
    assert valid_through(pass_year, window, excused) >= valid_through(pass_year, window)
