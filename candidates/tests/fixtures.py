"""Fixtures for the roles every access test walks: two candidates, two schools' staff, an administrator."""
import pytest
from django.contrib.auth.models import Group

from candidates.roles import ADMINISTRATOR_GROUP, CANDIDATE_GROUP
from candidates.tests import factories


@pytest.fixture
def school1(db):
    return factories.SchoolFactory(name="第一培训学校", slug="school-one")


@pytest.fixture
def school2(db):
    return factories.SchoolFactory(name="第二培训学校", slug="school-two")


@pytest.fixture
def staff1(school1):
    return factories.StaffMembershipFactory(school=school1, user__username="staff1").user


@pytest.fixture
def staff2(school2):
    return factories.StaffMembershipFactory(school=school2, user__username="staff2").user


@pytest.fixture
def administrator(db):
    user = factories.UserFactory(username="administrator", is_staff=True)
    user.groups.add(Group.objects.get(name=ADMINISTRATOR_GROUP))
    return user


@pytest.fixture
def superuser(db):
    return factories.UserFactory(username="root", is_staff=True, is_superuser=True)


def _candidate_with_login(username, school, **kwargs):
    user = factories.UserFactory(username=username)
    user.groups.add(Group.objects.get(name=CANDIDATE_GROUP))
    candidate = factories.CandidateFactory(user=user, **kwargs)
    factories.EnrolmentFactory(candidate=candidate, cohort=factories.CohortFactory(school=school))
    return candidate


@pytest.fixture
def candidate_a(school1):
    return _candidate_with_login("cand_a", school1, full_name="甲考生")


@pytest.fixture
def candidate_b(school2):
    return _candidate_with_login("cand_b", school2, full_name="乙考生")
