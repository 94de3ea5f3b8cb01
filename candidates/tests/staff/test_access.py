"""Who reaches the staff pages: every URL walked for anonymous users, other schools, candidates, admins, teachers."""
import pytest
from django.urls import reverse

from candidates.models import Cohort, Enrolment, StaffMembership
from candidates.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(school1, candidate_a):
    """Return school1's cohort, its candidate and their enrolment."""
    enrolment = Enrolment.objects.get(candidate=candidate_a)
    return enrolment.cohort, candidate_a, enrolment


def object_urls(cohort, candidate, enrolment) -> list[tuple[str, str]]:
    """Return (method, url) of every staff URL that names an object of school1."""
    return [
        ("get", reverse("candidates:staff_cohort_detail", args=[cohort.pk])),
        ("get", reverse("candidates:staff_cohort_edit", args=[cohort.pk])),
        ("post", reverse("candidates:staff_cohort_archive", args=[cohort.pk])),
        ("get", reverse("candidates:staff_enrol", args=[cohort.pk])),
        ("get", reverse("candidates:staff_candidate_create", args=[cohort.pk])),
        ("get", reverse("candidates:staff_roster_export", args=[cohort.pk, "csv"])),
        ("get", reverse("candidates:staff_roster_export", args=[cohort.pk, "xlsx"])),
        ("get", reverse("candidates:staff_enrolment_move", args=[enrolment.pk])),
        ("post", reverse("candidates:staff_enrolment_end", args=[enrolment.pk])),
        ("get", reverse("candidates:staff_candidate_detail", args=[candidate.pk])),
        ("post", reverse("candidates:staff_invite", args=[candidate.pk])),
    ]


SCHOOL_URLS = [
    ("get", "candidates:staff_cohort_list", []),
    ("get", "candidates:staff_cohort_create", []),
    ("get", "candidates:staff_at_risk", []),
    ("get", "candidates:staff_at_risk_export", ["csv"]),
    ("get", "candidates:staff_at_risk_export", ["xlsx"]),
]


def test_anonymous_users_are_sent_to_the_login_page_from_every_staff_url(client, world):
    urls = object_urls(*world) + [(method, reverse(name, args=args)) for method, name, args in SCHOOL_URLS]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("who", ["staff2", "candidate_a", "candidate_b", "administrator", "superuser"])
def test_every_object_of_another_school_is_a_404(client, world, who, request):
    user = request.getfixturevalue(who)
    client.force_login(getattr(user, "user", user))
    for method, url in object_urls(*world):
        assert getattr(client, method)(url).status_code == 404, (who, url)
    cohort, candidate, enrolment = world
    enrolment.refresh_from_db()
    assert enrolment.left_on is None and not Cohort.objects.get(pk=cohort.pk).is_archived
    candidate.refresh_from_db()
    assert candidate.user.username == "cand_a"


@pytest.mark.parametrize("who", ["candidate_a", "administrator", "superuser"])
def test_people_who_are_not_school_staff_get_404_on_the_school_pages(client, who, request):
    user = request.getfixturevalue(who)
    client.force_login(getattr(user, "user", user))
    for method, name, args in SCHOOL_URLS:
        assert getattr(client, method)(reverse(name, args=args)).status_code == 404, name


def test_an_unknown_export_format_is_a_404(client, staff1, world):
    client.force_login(staff1)
    cohort = world[0]
    assert client.get(reverse("candidates:staff_roster_export", args=[cohort.pk, "pdf"])).status_code == 404
    assert client.get(reverse("candidates:staff_at_risk_export", args=["pdf"])).status_code == 404


def test_another_schools_cohort_cannot_be_chosen_to_move_into(client, staff1, staff2, world):
    _cohort, _candidate, enrolment = world
    elsewhere = Cohort.objects.filter(school__memberships__user=staff2).first() or factories.CohortFactory(
        school=staff2.staff_membership.school)
    client.force_login(staff1)
    response = client.post(reverse("candidates:staff_enrolment_move", args=[enrolment.pk]), {"cohort": elsewhere.pk})
    assert response.status_code == 200 and "cohort" in response.context["form"].errors
    assert not Enrolment.objects.filter(cohort=elsewhere).exists()


@pytest.fixture
def teacher(school1):
    return factories.StaffMembershipFactory(
        school=school1, user__username="teacher1", role=StaffMembership.Role.TEACHER).user


def test_teachers_view_and_enrol_but_only_managers_create_edit_archive_and_invite(client, teacher, world):
    cohort, candidate, _enrolment = world
    client.force_login(teacher)
    for url in [reverse("candidates:staff_cohort_list"), reverse("candidates:staff_cohort_detail", args=[cohort.pk]),
                reverse("candidates:staff_enrol", args=[cohort.pk]),
                reverse("candidates:staff_candidate_detail", args=[candidate.pk]),
                reverse("candidates:staff_at_risk")]:
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("candidates:staff_cohort_create")).status_code == 404
    assert client.get(reverse("candidates:staff_cohort_edit", args=[cohort.pk])).status_code == 404
    assert client.post(reverse("candidates:staff_cohort_archive", args=[cohort.pk])).status_code == 404
    assert client.post(reverse("candidates:staff_invite", args=[candidate.pk])).status_code == 404
    assert not Cohort.objects.get(pk=cohort.pk).is_archived
    detail = client.get(reverse("candidates:staff_cohort_detail", args=[cohort.pk])).content.decode()
    assert reverse("candidates:staff_cohort_edit", args=[cohort.pk]) not in detail
    assert reverse("candidates:staff_cohort_archive", args=[cohort.pk]) not in detail
    other = factories.CandidateFactory()
    client.post(reverse("candidates:staff_enrol", args=[cohort.pk]), {"id_number": other.id_number})
    assert Enrolment.objects.filter(candidate=other, cohort=cohort, left_on__isnull=True).exists()
