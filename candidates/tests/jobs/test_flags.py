"""The set-based flag refresh agrees with `rules.assess`, converges, and resolves flags with their reason."""
import random

import pytest
from django.core.management import call_command

from candidates import rules
from candidates.models import Candidate, ExcusedYear, ExpiryFlag, SubjectResult
from candidates.progress import assessment_for
from candidates.services.flags import flags_refresh, flags_refresh_all, id_ranges, ranges_of
from candidates.tests import factories

pytestmark = pytest.mark.django_db
AS_OF = 2026


def expected_flags(candidate, as_of=AS_OF) -> set[tuple]:
    """Return the flags `rules.assess` implies: last-chance passes, and passes that lapsed at the last sitting."""
    active = candidate.user_id is not None or candidate.enrolments.filter(left_on__isnull=True).exists()
    assessment = assessment_for(candidate, as_of=as_of)
    if not active or assessment.qualified:
        return set()
    found = set()
    for status in assessment.subjects.values():
        if status.state is rules.State.LAST_CHANCE:
            found.add((candidate.pk, status.subject.value, status.pass_year, "last_chance"))
        elif status.state is rules.State.EXPIRED and status.valid_through == as_of - 1:
            found.add((candidate.pk, status.subject.value, status.pass_year, "expired"))
    return found


def open_flags() -> set[tuple]:
    return set(ExpiryFlag.objects.open().values_list("candidate_id", "subject", "pass_year", "kind"))


def random_population(rng: random.Random, size: int, granted_by) -> None:
    specialties = list(rules.Specialty)
    for _ in range(size):
        level = rng.choice(list(rules.Level))
        specialty = rng.choice(specialties)
        held = rng.choice([s for s in specialties if s != specialty]) if level is rules.Level.ADD_SPECIALTY else ""
        candidate = factories.CandidateFactory(level=level.value, specialty=specialty.value, held_specialty=held)
        if rng.random() < 0.8:
            factories.EnrolmentFactory(candidate=candidate)
        for year in rng.sample(range(2019, 2026), rng.randint(0, 5)):
            for subject in rules.Subject:
                if rng.random() < 0.5:
                    continue
                practice_specialty = ""
                if subject is rules.Subject.PRACTICE:
                    practice_specialty = (specialty if rng.random() < 0.85 else rng.choice(specialties)).value
                voided = rng.random() < 0.05
                SubjectResult.objects.create(
                    candidate=candidate, exam_year_id=year, subject=subject.value, specialty=practice_specialty,
                    score=rng.choice([45, 59, 60, 72, 88]), source="import", voided=voided,
                    void_reason="审核未通过" if voided else "",
                )
        for year in rng.sample([2020, 2021, 2022], rng.choice([0, 0, 0, 1, 2])):
            ExcusedYear.objects.create(candidate=candidate, exam_year=year, reason="application", granted_by=granted_by)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_flags_agree_with_the_rules_on_random_candidates(seed, administrator):
    random_population(random.Random(seed), 120, administrator)
    flags_refresh_all(as_of=AS_OF)
    expected = set().union(*(expected_flags(c) for c in Candidate.objects.with_assessment_data()))
    assert open_flags() == expected
    assert expected, "the random population has some flags to compare"


def test_flags_agree_with_the_rules_on_the_demo_data():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    flags_refresh_all(as_of=AS_OF)
    expected = set().union(*(expected_flags(c) for c in Candidate.objects.with_assessment_data()))
    assert open_flags() == expected
    lastchance = Candidate.objects.get(user__username="lastchance")
    assert {(f.subject, f.pass_year, f.kind) for f in lastchance.expiry_flags.all()} == {("law", 2023, "last_chance")}


def test_refresh_flags_twice_on_the_demo_data_reports_nothing_new_the_second_time(capsys):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("refresh_flags")
    call_command("refresh_flags")
    assert capsys.readouterr().out.splitlines()[-1] == "Flags raised: 0; resolved: 0."


def test_excused_years_extend_passes_like_the_rules(administrator):
    candidate = factories.CandidateFactory(level="full", specialty="chemical")
    factories.EnrolmentFactory(candidate=candidate)
    factories.SubjectResultFactory(candidate=candidate, exam_year_id=2021, subject="law", score=70)
    ExcusedYear.objects.create(candidate=candidate, exam_year=2022, reason="application", granted_by=administrator)
    flags_refresh(first_id=candidate.pk, last_id=candidate.pk, as_of=2025)
    assert open_flags() == {(candidate.pk, "law", 2021, "last_chance")}


def test_qualifying_resolves_the_flags_as_qualified():
    candidate = factories.CandidateFactory(level="exempt_two", specialty="chemical")
    factories.EnrolmentFactory(candidate=candidate)
    factories.SubjectResultFactory(candidate=candidate, exam_year_id=2024, subject="law", score=70)
    flags_refresh(first_id=candidate.pk, last_id=candidate.pk, as_of=2025)
    assert open_flags() == {(candidate.pk, "law", 2024, "last_chance")}
    factories.SubjectResultFactory(candidate=candidate, exam_year_id=2025, subject="practice", specialty="chemical",
                                   score=66)
    report = flags_refresh(first_id=candidate.pk, last_id=candidate.pk, as_of=2025)
    assert (report.raised, report.resolved) == (0, 1)
    assert ExpiryFlag.objects.get().resolution == "qualified"


def test_passing_again_resolves_and_a_new_year_lapses_the_flag():
    candidate = factories.CandidateFactory(level="full", specialty="chemical")
    factories.EnrolmentFactory(candidate=candidate)
    factories.SubjectResultFactory(candidate=candidate, exam_year_id=2022, subject="law", score=70)
    flags_refresh(first_id=candidate.pk, last_id=candidate.pk, as_of=2025)
    flags_refresh(first_id=candidate.pk, last_id=candidate.pk, as_of=2026)
    flags = {(f.kind, f.resolution) for f in ExpiryFlag.objects.all()}
    assert flags == {("last_chance", "lapsed"), ("expired", "")}
    factories.SubjectResultFactory(candidate=candidate, exam_year_id=2025, subject="law", score=80)
    flags_refresh(first_id=candidate.pk, last_id=candidate.pk, as_of=2026)
    assert ExpiryFlag.objects.get(kind="expired").resolution == "passed_again"


def test_a_candidate_who_left_gets_no_flag_and_open_ones_resolve_as_left():
    candidate = factories.CandidateFactory(level="full", specialty="chemical")
    enrolment = factories.EnrolmentFactory(candidate=candidate)
    factories.SubjectResultFactory(candidate=candidate, exam_year_id=2023, subject="law", score=70)
    flags_refresh(first_id=candidate.pk, last_id=candidate.pk, as_of=2026)
    assert open_flags()
    enrolment.left_on = enrolment.enrolled_on
    enrolment.save()
    flags_refresh(first_id=candidate.pk, last_id=candidate.pk, as_of=2026)
    assert ExpiryFlag.objects.get().resolution == "left"


def test_voiding_a_result_resolves_its_flag():
    candidate = factories.CandidateFactory(level="full", specialty="chemical")
    factories.EnrolmentFactory(candidate=candidate)
    result = factories.SubjectResultFactory(candidate=candidate, exam_year_id=2023, subject="law", score=70)
    flags_refresh(first_id=candidate.pk, last_id=candidate.pk, as_of=2026)
    result.voided, result.void_reason = True, "审核未通过"
    result.save()
    flags_refresh(first_id=candidate.pk, last_id=candidate.pk, as_of=2026)
    assert ExpiryFlag.objects.get().resolution == "no_longer_applies"


def test_id_ranges_cover_the_table_and_touched_ids_group_into_ranges():
    candidates = factories.CandidateFactory.create_batch(5)
    ids = [c.pk for c in candidates]
    ranges = id_ranges(size=2)
    assert ranges[0][0] == min(ids) and ranges[-1][1] == max(ids)
    assert all(last - first < 2 for first, last in ranges)
    assert ranges_of([10, 11, 500, 12], size=100) == [(10, 12), (500, 500)]
