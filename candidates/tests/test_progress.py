"""`candidates.progress` turns a candidate's rows into one `rules.assess`: voided results and fails do not count."""
import pytest

from candidates import rules
from candidates.models import Candidate
from candidates.models.choices import Level, ResultCode, Subject
from candidates.progress import Situation, assessment_for, assessments_for, pending_exam_year, situation_of

from . import factories

pytestmark = pytest.mark.django_db


def result(candidate, year, subject, score=75, **kwargs):
    return factories.SubjectResultFactory(
        candidate=candidate, exam_year_id=year, subject=subject, score=score, **kwargs
    )


def test_pending_exam_year_follows_the_calendar():
    assert pending_exam_year() == 2026  # 2019–2025 are published by the reference data


def test_assessment_uses_passes_and_ignores_fails_codes_and_voided_results():
    candidate = factories.CandidateFactory(level=Level.FULL)
    result(candidate, 2023, Subject.LAW)
    result(candidate, 2023, Subject.MANAGEMENT, score=59)
    result(candidate, 2024, Subject.TECHNOLOGY, score=None, code=ResultCode.ABSENT)
    result(candidate, 2025, Subject.PRACTICE, voided=True, void_reason="review failed")
    assessment = assessment_for(candidate)
    assert assessment.as_of == 2026
    assert assessment.subjects[rules.Subject.LAW].state is rules.State.LAST_CHANCE
    assert assessment.subjects[rules.Subject.MANAGEMENT].state is rules.State.NEEDED
    assert assessment.subjects[rules.Subject.PRACTICE].state is rules.State.NEEDED


def test_excused_years_extend_the_candidates_passes():
    candidate = factories.CandidateFactory(level=Level.FULL)
    result(candidate, 2019, Subject.LAW)
    factories.ExcusedYearFactory(candidate=candidate, exam_year=2020)
    assert assessment_for(candidate, as_of=2023).subjects[rules.Subject.LAW].valid_through == 2023


def test_bulk_assessment_costs_a_fixed_number_of_queries(django_assert_num_queries):
    for _ in range(5):
        candidate = factories.CandidateFactory()
        result(candidate, 2024, Subject.LAW)
        factories.ExcusedYearFactory(candidate=candidate, exam_year=2021)
    with django_assert_num_queries(4):  # candidates, passes, excused years, pending exam year
        assessments = assessments_for(Candidate.objects.all())
    assert len(assessments) == 5
    assert all(a.subjects[rules.Subject.LAW].valid_through == 2027 for a in assessments.values())


@pytest.mark.parametrize(
    ("passes", "as_of", "expected"),
    [
        ([], 2026, Situation.NOT_STARTED),
        ([("law", 2025)], 2026, Situation.ON_TRACK),
        ([("law", 2023)], 2026, Situation.LAST_CHANCE),
        ([("law", 2022)], 2026, Situation.EXPIRED),
        ([("law", 2022), ("management", 2023)], 2026, Situation.LAST_CHANCE),
        ([("law", 2022), ("management", 2025)], 2026, Situation.EXPIRED),
        ([("law", 2023), ("management", 2023), ("technology", 2024), ("practice", 2025)], 2026, Situation.QUALIFIED),
    ],
)
def test_situation_of(passes, as_of, expected):
    found = [rules.Pass(subject, year, "chemical" if subject == "practice" else None) for subject, year in passes]
    assessment = rules.assess("full", found, as_of, specialty="chemical")
    assert situation_of(assessment) is expected
