"""Database constraints refuse what the forms refuse: each invariant is tested at the database."""
import pytest
from django.db import IntegrityError, transaction

from candidates.models import ExamYear, PassMark, Province, Sitting, SubjectResult
from candidates.models.choices import Level, ResultCode, Specialty, Subject

from . import factories

pytestmark = pytest.mark.django_db


def refused(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_reference_data_has_32_provinces_and_the_known_calendar():
    assert Province.objects.count() == 32
    assert Province.objects.get(code="66").name_zh == "新疆生产建设兵团"
    assert list(ExamYear.objects.values_list("year", flat=True)) == list(range(2019, 2026))
    assert Sitting.objects.filter(exam_year=2022).count() == 2
    assert ExamYear.objects.get(year=2025).results_published_on.isoformat() == "2025-12-26"


def test_pending_exam_year_is_the_first_unpublished_year(settings):
    import datetime

    assert ExamYear.objects.pending_exam_year(today=datetime.date(2026, 11, 24)) == 2026
    assert ExamYear.objects.pending_exam_year(today=datetime.date(2025, 12, 25)) == 2025
    assert ExamYear.objects.pending_exam_year(today=datetime.date(2025, 12, 26)) == 2026
    ExamYear.objects.create(year=2026)
    assert ExamYear.objects.pending_exam_year(today=datetime.date(2027, 6, 1)) == 2026


def test_one_result_per_candidate_year_subject_and_specialty():
    result = factories.SubjectResultFactory()
    refused(lambda: factories.SubjectResultFactory(candidate=result.candidate, subject=result.subject))


def test_practice_result_needs_a_specialty_and_others_refuse_one():
    candidate = factories.CandidateFactory()
    refused(lambda: factories.SubjectResultFactory(candidate=candidate, subject=Subject.PRACTICE, specialty=""))
    refused(lambda: factories.SubjectResultFactory(candidate=candidate, subject=Subject.LAW, specialty="coal"))


def test_score_in_range_and_score_or_code():
    candidate = factories.CandidateFactory()
    refused(lambda: factories.SubjectResultFactory(candidate=candidate, score=101))
    refused(lambda: factories.SubjectResultFactory(candidate=candidate, score=-1))
    refused(lambda: factories.SubjectResultFactory(candidate=candidate, score=None, code=""))
    refused(lambda: factories.SubjectResultFactory(candidate=candidate, score=50, code=ResultCode.ABSENT))


def test_a_voided_result_needs_its_reason():
    result = factories.SubjectResultFactory()
    result.voided = True
    refused(result.save)


def test_passed_follows_the_pass_mark_of_its_year_and_subject():
    candidate = factories.CandidateFactory()
    assert factories.SubjectResultFactory(candidate=candidate, score=60).passed
    assert not factories.SubjectResultFactory(candidate=candidate, subject=Subject.MANAGEMENT, score="59.5").passed
    PassMark.objects.create(exam_year_id=2024, subject=Subject.TECHNOLOGY, pass_mark=65)
    assert not factories.SubjectResultFactory(candidate=candidate, subject=Subject.TECHNOLOGY, score=64).passed
    absent = factories.SubjectResultFactory(
        candidate=candidate, subject=Subject.PRACTICE, score=None, code=ResultCode.ABSENT
    )
    assert not absent.passed


def test_pass_mark_range():
    refused(lambda: PassMark.objects.create(exam_year_id=2024, subject=Subject.LAW, pass_mark=0))
    refused(lambda: PassMark.objects.create(exam_year_id=2024, subject=Subject.LAW, pass_mark=101))


def test_id_number_is_unique():
    candidate = factories.CandidateFactory()
    refused(lambda: factories.CandidateFactory(id_number=candidate.id_number))


def test_held_specialty_only_for_adding_a_specialty_and_different_from_the_new_one():
    refused(lambda: factories.CandidateFactory(level=Level.FULL, held_specialty=Specialty.COAL))
    refused(lambda: factories.CandidateFactory(level=Level.ADD_SPECIALTY, held_specialty=""))
    refused(
        lambda: factories.CandidateFactory(
            level=Level.ADD_SPECIALTY, specialty=Specialty.COAL, held_specialty=Specialty.COAL
        )
    )
    factories.CandidateFactory(level=Level.ADD_SPECIALTY, specialty=Specialty.COAL, held_specialty=Specialty.CHEMICAL)


def test_one_open_enrolment_per_cohort_but_history_is_kept():
    import datetime

    enrolment = factories.EnrolmentFactory()
    refused(lambda: factories.EnrolmentFactory(candidate=enrolment.candidate, cohort=enrolment.cohort))
    enrolment.left_on = datetime.date.today()
    enrolment.save()
    factories.EnrolmentFactory(candidate=enrolment.candidate, cohort=enrolment.cohort)


def test_leaving_before_enrolling_is_refused():
    import datetime

    enrolment = factories.EnrolmentFactory(enrolled_on=datetime.date(2025, 3, 1))
    enrolment.left_on = datetime.date(2025, 2, 1)
    refused(enrolment.save)


def test_one_excused_year_per_candidate_and_year():
    excused = factories.ExcusedYearFactory()
    refused(lambda: factories.ExcusedYearFactory(candidate=excused.candidate, exam_year=excused.exam_year))


def test_model_validation_gives_field_messages():
    from django.core.exceptions import ValidationError

    result = SubjectResult(subject=Subject.PRACTICE, specialty="", score=None, code="")
    with pytest.raises(ValidationError) as caught:
        result.clean()
    assert set(caught.value.message_dict) == {"specialty", "score"}
