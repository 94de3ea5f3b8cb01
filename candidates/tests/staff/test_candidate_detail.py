"""The candidate page staff see: the candidate's own progress view, every attempt, enrolments and the audit history."""
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from candidates.models import Candidate, Enrolment
from candidates.progress import assessment_for
from candidates.services.cohorts import enrolment_end
from candidates.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def detailed(school1, staff1):
    """Return a candidate of school1 with a verified, an unverified and a voided result and an ended enrolment."""
    candidate = factories.CandidateFactory(full_name="王五")
    old = factories.EnrolmentFactory(candidate=candidate, cohort=factories.CohortFactory(school=school1, name="旧班"))
    enrolment_end(enrolment=old, by=staff1, reason="转班")
    factories.EnrolmentFactory(candidate=candidate, cohort=factories.CohortFactory(school=school1, name="新班"))
    verified = factories.SubjectResultFactory(candidate=candidate, exam_year_id=2024, subject="law", score=71,
                                              verified_by=staff1, verified_at=timezone.now())
    verified.history.update(history_user=staff1)
    factories.SubjectResultFactory(candidate=candidate, exam_year_id=2024, subject="management", score=58)
    factories.SubjectResultFactory(candidate=candidate, exam_year_id=2023, subject="technology", score=66,
                                   voided=True, void_reason="审核未通过")
    candidate.mobile = "13711112222"
    candidate._history_user = staff1
    candidate.save()
    return candidate


def test_detail_shows_the_progress_attempts_enrolments_and_history(client, staff1, detailed):
    client.force_login(staff1)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("candidates:staff_candidate_detail", args=[detailed.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["standing"].assessment == assessment_for(detailed)
    assert page.count("<h1") == 1
    for text in ("71", "58", "66", "审核未通过", "Verified", "Unverified", "Voided", "旧班", "新班", "转班"):
        assert text in page, text
    history = response.context["history"]
    assert any(entry.user == staff1 and "2024" in entry.what and "71" in entry.what for entry in history)
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        mobile_label = str(Candidate._meta.get_field("mobile").verbose_name)
    assert any(entry.user == staff1 and mobile_label in entry.what for entry in history)
    assert staff1.username in page


def test_detail_speaks_chinese_by_default(client, staff1, detailed):
    client.force_login(staff1)
    page = client.get(reverse("candidates:staff_candidate_detail", args=[detailed.pk])).content.decode()
    for text in ("已核实", "未核实", "已作废", "历次考试", "变更记录"):
        assert text in page, text


def test_detail_masks_the_id_number_unless_the_user_may_see_it(client, staff1, detailed):
    client.force_login(staff1)
    page = client.get(reverse("candidates:staff_candidate_detail", args=[detailed.pk])).content.decode()
    assert detailed.id_number not in page and detailed.id_number[:6] in page


def test_detail_costs_the_same_queries_with_1_or_20_results(client, staff1, school1, django_assert_num_queries):
    client.force_login(staff1)
    counts = []
    for results in (1, 20):
        candidate = factories.CandidateFactory()
        factories.EnrolmentFactory(candidate=candidate, cohort=factories.CohortFactory(school=school1))
        for n in range(results):
            factories.SubjectResultFactory(candidate=candidate, exam_year_id=2019 + n % 7,
                                           subject=["law", "management", "technology"][n // 7])
        url = reverse("candidates:staff_candidate_detail", args=[candidate.pk])
        client.get(url)
        with django_assert_num_queries(15) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_a_candidate_who_left_the_school_stays_visible_with_their_history(client, staff1, detailed):
    for enrolment in Enrolment.objects.filter(candidate=detailed, left_on__isnull=True):
        enrolment_end(enrolment=enrolment, by=staff1)
    client.force_login(staff1)
    assert client.get(reverse("candidates:staff_candidate_detail", args=[detailed.pk])).status_code == 200
