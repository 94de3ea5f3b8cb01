"""`visible_to` is the one place that decides which rows a user may see."""
import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from candidates.models import Candidate, Cohort, SubjectResult

from . import factories

pytestmark = pytest.mark.django_db


def test_candidate_sees_only_their_own_record(candidate_a, candidate_b):
    assert list(Candidate.objects.visible_to(candidate_a.user)) == [candidate_a]
    factories.SubjectResultFactory(candidate=candidate_b)
    assert not SubjectResult.objects.visible_to(candidate_a.user).exists()


def test_staff_see_candidates_ever_enrolled_at_their_school(staff1, school1, candidate_a, candidate_b):
    former = factories.EnrolmentFactory(
        cohort=factories.CohortFactory(school=school1),
        enrolled_on=datetime.date(2023, 1, 1), left_on=datetime.date(2024, 1, 1),
    ).candidate
    never = factories.CandidateFactory()
    visible = set(Candidate.objects.visible_to(staff1))
    assert visible == {candidate_a, former}
    assert candidate_b not in visible and never not in visible


def test_staff_see_their_school_cohorts_only(staff1, school1, school2):
    own = factories.CohortFactory(school=school1)
    factories.CohortFactory(school=school2)
    assert list(Cohort.objects.visible_to(staff1)) == [own]


def test_administrators_and_superusers_see_everything(administrator, superuser, candidate_a, candidate_b):
    assert set(Candidate.objects.visible_to(administrator)) == {candidate_a, candidate_b}
    assert set(Candidate.objects.visible_to(superuser)) == {candidate_a, candidate_b}


def test_anonymous_and_plain_users_see_nothing(candidate_a):
    assert not Candidate.objects.visible_to(AnonymousUser()).exists()
    assert not Candidate.objects.visible_to(factories.UserFactory()).exists()


def test_inactive_users_see_nothing(candidate_a):
    candidate_a.user.is_active = False
    assert not Candidate.objects.visible_to(candidate_a.user).exists()


def test_a_candidate_enrolled_in_both_schools_appears_once_for_each(staff1, staff2, candidate_a, school2):
    factories.EnrolmentFactory(candidate=candidate_a, cohort=factories.CohortFactory(school=school2))
    assert list(Candidate.objects.visible_to(staff1)) == [candidate_a]
    assert list(Candidate.objects.visible_to(staff2)) == [candidate_a]
