"""Worked examples and edge cases of the rolling-validity rules (DOMAIN.md §3)."""
import pytest

from candidates.rules import (
    LEVEL_SUBJECTS,
    WINDOW,
    Level,
    Pass,
    Specialty,
    State,
    Subject,
    assess,
    exempt_subjects,
    valid_through,
)

LAW, MANAGEMENT, TECHNOLOGY, PRACTICE = Subject.LAW, Subject.MANAGEMENT, Subject.TECHNOLOGY, Subject.PRACTICE
CHEMICAL, CONSTRUCTION = Specialty.CHEMICAL, Specialty.CONSTRUCTION


def practice(year, specialty=CHEMICAL):
    return Pass(PRACTICE, year, specialty)


def full(passes, as_of, **kwargs):
    return assess(Level.FULL, passes, as_of, specialty=CHEMICAL, **kwargs)


# --- the worked examples of DOMAIN.md §3 ---------------------------------------------------------------------


def test_law_2020_and_technology_2021_asked_in_2024():
    a = full([Pass(LAW, 2020), Pass(TECHNOLOGY, 2021)], as_of=2024)
    assert a.subjects[LAW].state is State.EXPIRED
    assert a.subjects[LAW].valid_through == 2023
    assert a.subjects[TECHNOLOGY].state is State.LAST_CHANCE
    assert a.subjects[TECHNOLOGY].valid_through == 2024
    assert a.qualified_year is None
    assert a.remaining == {LAW, MANAGEMENT, PRACTICE}
    assert a.deadline == 2024
    assert [s.subject for s in a.lapsing] == [TECHNOLOGY]


@pytest.mark.parametrize("subject", list(Subject))
def test_pass_from_2023_counts_through_2026_for_full_level(subject):
    passed = practice(2023) if subject is PRACTICE else Pass(subject, 2023)
    for year in (2023, 2024, 2025, 2026):
        status = full([passed], as_of=year).subjects[subject]
        assert status.valid_through == 2026
        assert status.state in (State.VALID, State.LAST_CHANCE)
    assert full([passed], as_of=2026).subjects[subject].state is State.LAST_CHANCE
    assert full([passed], as_of=2027).subjects[subject].state is State.EXPIRED


def test_three_passes_in_year_one_stay_valid_through_year_four():
    three = [Pass(LAW, 2021), Pass(MANAGEMENT, 2021), Pass(TECHNOLOGY, 2021)]
    for year in (2023, 2024):
        a = full(three, as_of=year)
        assert a.remaining == {PRACTICE}
        assert a.deadline == 2024
        assert full([*three, practice(year)], as_of=year).qualified_year == year
    late = full(three, as_of=2025)
    assert all(late.subjects[s].state is State.EXPIRED for s in (LAW, MANAGEMENT, TECHNOLOGY))
    assert full([*three, practice(2025)], as_of=2025).qualified_year is None


def test_exempt_two_law_2023_practice_2024_qualifies_in_2024():
    a = assess(Level.EXEMPT_TWO, [Pass(LAW, 2023), practice(2024)], 2024, specialty=CHEMICAL)
    assert a.qualified_year == 2024
    assert a.remaining == frozenset()
    assert a.deadline is None


def test_add_specialty_pass_qualifies_that_year_and_a_fail_carries_nothing():
    assert assess(Level.ADD_SPECIALTY, [practice(2024)], 2024, specialty=CHEMICAL).qualified_year == 2024
    nothing = assess(Level.ADD_SPECIALTY, [], 2025, specialty=CHEMICAL)
    assert nothing.subjects[PRACTICE].state is State.NEEDED
    assert nothing.deadline is None


def test_the_training_site_example_is_wrong_law_2023_does_not_expire_in_2025():
    assert full([Pass(LAW, 2023)], as_of=2025).subjects[LAW].state is State.VALID


# --- levels, windows and their edges ---------------------------------------------------------------------


def test_levels_sit_their_subjects_with_their_windows():
    assert LEVEL_SUBJECTS[Level.FULL] == (LAW, MANAGEMENT, TECHNOLOGY, PRACTICE)
    assert LEVEL_SUBJECTS[Level.EXEMPT_ONE] == (LAW, MANAGEMENT, PRACTICE)
    assert LEVEL_SUBJECTS[Level.EXEMPT_TWO] == (LAW, PRACTICE)
    assert LEVEL_SUBJECTS[Level.ADD_SPECIALTY] == (PRACTICE,)
    assert dict(WINDOW) == {Level.FULL: 4, Level.EXEMPT_ONE: 3, Level.EXEMPT_TWO: 2, Level.ADD_SPECIALTY: 1}
    assert exempt_subjects(Level.EXEMPT_ONE) == (TECHNOLOGY,)
    assert exempt_subjects(Level.EXEMPT_TWO) == (MANAGEMENT, TECHNOLOGY)
    assert exempt_subjects(Level.FULL) == ()


@pytest.mark.parametrize("level", list(Level))
def test_window_edges_of_each_level(level):
    window = WINDOW[level]
    last = 2022 + window - 1
    passed = practice(2022)
    states = {year: assess(level, [passed], year, specialty=CHEMICAL).subjects[PRACTICE] for year in range(2022, 2030)}
    assert all(s.valid_through == last for s in states.values())
    assert states[last].state is State.LAST_CHANCE
    assert states[last + 1].state is State.EXPIRED
    if window > 1:
        assert states[last - 1].state is State.VALID
    assert states[2022].state is (State.LAST_CHANCE if window == 1 else State.VALID)


@pytest.mark.parametrize("level", list(Level))
def test_every_subject_of_a_level_passed_within_the_window_qualifies(level):
    window = WINDOW[level]
    subjects = LEVEL_SUBJECTS[level]
    first, last = 2020, 2020 + window - 1
    passes = [practice(last) if s is PRACTICE else Pass(s, first) for s in subjects]
    assert assess(level, passes, last, specialty=CHEMICAL).qualified_year == last
    too_late = [practice(last + 1) if s is PRACTICE else Pass(s, first) for s in subjects]
    expected = last + 1 if len(subjects) == 1 else None
    assert assess(level, too_late, last + 1, specialty=CHEMICAL).qualified_year == expected


def test_subjects_outside_the_level_are_ignored_and_exempt_ones_are_not_listed():
    a = assess(Level.EXEMPT_TWO, [Pass(MANAGEMENT, 2024), Pass(TECHNOLOGY, 2024)], 2025, specialty=CHEMICAL)
    assert set(a.subjects) == {LAW, PRACTICE}
    assert a.remaining == {LAW, PRACTICE}


def test_level_given_as_its_code():
    assert assess("exempt_one", [], 2024, specialty="coal").level is Level.EXEMPT_ONE


# --- specialty ------------------------------------------------------------------------------------------


def test_practice_passed_in_another_specialty_does_not_count():
    a = full([practice(2024, CONSTRUCTION)], as_of=2024)
    assert a.subjects[PRACTICE].state is State.NEEDED
    assert a.subjects[PRACTICE].valid_through is None


def test_public_subjects_keep_counting_after_a_specialty_change():
    a = assess(Level.FULL, [Pass(LAW, 2023), practice(2023, CONSTRUCTION)], 2024, specialty=CHEMICAL)
    assert a.subjects[LAW].state is State.VALID
    assert a.subjects[PRACTICE].state is State.NEEDED


# --- re-pass and passes after as_of -----------------------------------------------------------------------


def test_the_latest_pass_of_a_subject_counts():
    a = full([Pass(LAW, 2020), Pass(LAW, 2023)], as_of=2024)
    assert a.subjects[LAW].pass_year == 2023
    assert a.subjects[LAW].valid_through == 2026


def test_passes_after_as_of_are_ignored():
    a = full([Pass(LAW, 2020), Pass(LAW, 2025)], as_of=2024)
    assert a.subjects[LAW].pass_year == 2020
    assert a.subjects[LAW].state is State.EXPIRED


def test_qualification_is_kept_once_reached_even_when_passes_expire_later():
    passes = [Pass(LAW, 2020), Pass(MANAGEMENT, 2020), Pass(TECHNOLOGY, 2020), practice(2021)]
    a = full(passes, as_of=2030)
    assert a.qualified_year == 2021
    assert a.remaining == frozenset()
    assert a.deadline is None
    assert a.lapsing == ()


def test_rolling_qualification_when_early_passes_drop_away():
    passes = [Pass(LAW, 2019), Pass(MANAGEMENT, 2020), Pass(TECHNOLOGY, 2021), practice(2023)]
    a = full(passes, as_of=2023)
    assert a.subjects[LAW].state is State.EXPIRED
    assert a.qualified_year is None
    assert full([*passes, Pass(LAW, 2023)], as_of=2023).qualified_year == 2023


def test_no_valid_pass_means_no_deadline():
    a = full([Pass(LAW, 2019)], as_of=2024)
    assert a.deadline is None
    assert a.remaining == set(LEVEL_SUBJECTS[Level.FULL])


# --- excused years ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("excused", "expected"),
    [
        ((), 2022),
        ((2020,), 2023),
        ((2020, 2021), 2024),
        ((2021, 2020), 2024),
        ((2020, 2020), 2023),
        ((2019,), 2022),  # the pass year itself: obtained in, not before
        ((2018,), 2022),  # before the pass
        ((2023,), 2022),  # after the window
        ((2022,), 2023),  # the last valid year
        ((2022, 2023), 2024),  # the extension brings the next excused year into the window
    ],
)
def test_excused_years_extend_a_pass_still_valid_in_them(excused, expected):
    assert valid_through(2019, 4, excused) == expected


def test_excused_year_changes_state_and_qualification():
    passes = [Pass(LAW, 2019), Pass(MANAGEMENT, 2019), Pass(TECHNOLOGY, 2019), practice(2023)]
    assert full(passes, as_of=2023).qualified_year is None
    excused = full(passes, as_of=2023, excused_years=[2020])
    assert excused.qualified_year == 2023
    assert full(passes[:3], as_of=2023, excused_years=[2020]).subjects[LAW].state is State.LAST_CHANCE


# --- invalid input ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Pass(PRACTICE, 2024), "practice pass needs its specialty"),
        (lambda: Pass(LAW, 2024, CHEMICAL), "only a practice pass has a specialty"),
        (lambda: Pass(LAW, 2018), "2018 is outside"),
        (lambda: Pass(LAW, 2101), "2101 is outside"),
        (lambda: Pass(LAW, "2024"), "whole exam year"),
        (lambda: Pass("history", 2024), "unknown subject 'history'"),
        (lambda: Pass(PRACTICE, 2024, "fire"), "unknown specialty 'fire'"),
        (lambda: assess("expert", [], 2024, specialty=CHEMICAL), "unknown level 'expert'"),
        (lambda: assess(Level.FULL, [], 2024), "specialty is required"),
        (lambda: assess(Level.FULL, [], 2018, specialty=CHEMICAL), "as_of 2018 is outside"),
        (lambda: assess(Level.FULL, [], 2024, specialty=CHEMICAL, excused_years=[1999]), "excused year 1999"),
        (lambda: assess(Level.FULL, [("law", 2020)], 2024, specialty=CHEMICAL), "expected a Pass"),
    ],
)
def test_invalid_input_raises_a_value_error_that_says_what_is_wrong(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_codes_are_accepted_as_strings():
    assert Pass("practice", 2024, "chemical") == Pass(PRACTICE, 2024, CHEMICAL)
