"""The dashboard, the at-risk list and the exports cost the same pinned number of queries for 10 or 1,000 candidates."""
import pytest
from django.urls import reverse

from candidates.models import Candidate, Cohort, Enrolment, ExcusedYear, StaffMembership, SubjectResult
from candidates.models.choices import Subject
from candidates.tests import factories

pytestmark = pytest.mark.django_db

SUBJECTS = [Subject.LAW, Subject.MANAGEMENT, Subject.TECHNOLOGY, Subject.PRACTICE]


def bulk_cohort(school, size: int, *, first: int, by) -> Cohort:
    """Create a cohort of `size` candidates with a mix of passes, fails and excused years, in a few queries."""
    cohort = factories.CohortFactory(school=school, name=f"班{size}")
    province = factories.province()
    candidates = Candidate.objects.bulk_create([
        Candidate(full_name=f"考生{first + n}", id_number=factories.make_id_number(first + n),
                  mobile=f"139{first + n:08d}", province=province, level="full", specialty="chemical")
        for n in range(size)
    ])
    Enrolment.objects.bulk_create([Enrolment(candidate=candidate, cohort=cohort) for candidate in candidates])
    results = []
    for n, candidate in enumerate(candidates):
        for offset, subject in enumerate(SUBJECTS[: 1 + n % 4]):
            score = 50 + (n * 7 + offset * 13) % 50
            results.append(SubjectResult(
                candidate=candidate, exam_year_id=2022 + (n + offset) % 3, subject=subject,
                specialty="chemical" if subject == Subject.PRACTICE else "", score=score, passed=score >= 60,
                source="staff",
            ))
    SubjectResult.objects.bulk_create(results)
    ExcusedYear.objects.bulk_create([
        ExcusedYear(candidate=candidate, exam_year=2022, reason="cancelled", granted_by=by)
        for candidate in candidates[::10]
    ])
    return cohort


PAGES = {
    "dashboard": (lambda cohort: reverse("candidates:staff_cohort_detail", args=[cohort.pk]), 11),
    "dashboard_page_2": (lambda cohort: reverse("candidates:staff_cohort_detail", args=[cohort.pk]) + "?page=2", 11),
    "at_risk": (lambda cohort: reverse("candidates:staff_at_risk") + f"?cohort={cohort.pk}", 12),
    "at_risk_filtered": (
        lambda cohort: reverse("candidates:staff_at_risk") + f"?cohort={cohort.pk}&subject=practice&province=11", 10),
    "at_risk_page_3": (lambda cohort: reverse("candidates:staff_at_risk") + f"?cohort={cohort.pk}&page=3", 12),
    "at_risk_csv": (
        lambda cohort: reverse("candidates:staff_at_risk_export", args=["csv"]) + f"?cohort={cohort.pk}", 10),
    "at_risk_xlsx": (
        lambda cohort: reverse("candidates:staff_at_risk_export", args=["xlsx"]) + f"?cohort={cohort.pk}", 10),
    "roster_csv": (lambda cohort: reverse("candidates:staff_roster_export", args=[cohort.pk, "csv"]), 9),
    "roster_xlsx": (lambda cohort: reverse("candidates:staff_roster_export", args=[cohort.pk, "xlsx"]), 9),
}


@pytest.fixture(scope="module")
def cohorts(django_db_setup, django_db_blocker):
    """Build a cohort of 10 and one of 1,000 once for the module, and remove them afterwards."""
    with django_db_blocker.unblock():
        from django.contrib.auth import get_user_model

        school = factories.SchoolFactory(name="查询学校", slug="query-school")
        staff = factories.StaffMembershipFactory(school=school, user__username="query-staff").user
        small = bulk_cohort(school, 10, first=500_000, by=staff)
        large = bulk_cohort(school, 1000, first=600_000, by=staff)
    yield staff, small, large
    with django_db_blocker.unblock():
        ids = list(Enrolment.objects.filter(cohort__school=school).values_list("candidate_id", flat=True))
        cohort_ids = [small.pk, large.pk]
        Enrolment.objects.filter(cohort__school=school).delete()
        Candidate.objects.filter(pk__in=ids).delete()
        Cohort.objects.filter(school=school).delete()
        membership = staff.staff_membership.pk
        school.delete()
        get_user_model().objects.filter(pk=staff.pk).delete()
        # Deleting writes history rows, and SQLite reuses freed ids: leave no history for later tests to see.
        Cohort.history.filter(id__in=cohort_ids).delete()
        StaffMembership.history.filter(id=membership).delete()
        Enrolment.history.filter(candidate_id__in=ids).delete()
        Candidate.history.filter(id__in=ids).delete()
        SubjectResult.history.filter(candidate_id__in=ids).delete()
        ExcusedYear.history.filter(candidate_id__in=ids).delete()


@pytest.mark.parametrize("page", list(PAGES))
def test_page_costs_a_fixed_number_of_queries_for_10_or_1000_candidates(client, cohorts, page,
                                                                         django_assert_num_queries):
    staff, small, large = cohorts
    url_of, pinned = PAGES[page]
    client.force_login(staff)
    for cohort in (small, large):
        client.get(url_of(cohort))  # the first visit may bring stale standings current
        with django_assert_num_queries(pinned):
            response = client.get(url_of(cohort))
        assert response.status_code == 200


def test_the_large_dashboard_counts_every_candidate_once(client, cohorts):
    staff, _small, large = cohorts
    client.force_login(staff)
    response = client.get(reverse("candidates:staff_cohort_detail", args=[large.pk]))
    assert sum(count for _situation, count in response.context["counts"]) == 1000
    assert response.context["size"] == 1000


def test_the_large_dashboard_lists_everyone_once_fifty_to_a_page(client, cohorts):
    staff, _small, large = cohorts
    client.force_login(staff)
    url = reverse("candidates:staff_cohort_detail", args=[large.pk])
    seen = []
    for number in range(1, 21):
        page = client.get(url, {"page": number}).context["page"]
        assert len(page.object_list) == 50
        seen += [entry.candidate.pk for entry in page.object_list]
    assert len(set(seen)) == 1000
    assert not client.get(url, {"page": 20}).context["page"].has_next()


def test_the_large_csv_export_has_a_row_per_candidate_and_a_header(client, cohorts):
    staff, _small, large = cohorts
    client.force_login(staff)
    body = client.get(reverse("candidates:staff_roster_export", args=[large.pk, "csv"])).content.decode("utf-8-sig")
    assert len(body.strip().splitlines()) == 1001


def test_the_first_visit_after_the_standings_changed_costs_a_few_queries_more_for_10_or_1000(client, cohorts):
    """Missing standings are recomputed in a fixed number of queries (per 2,000 candidates), then read.

    SQLite takes at most 999 values per INSERT, so there the upsert is split into a few statements.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from candidates.models import StandingSnapshot

    staff, small, large = cohorts
    client.force_login(staff)
    counts = []
    for cohort in (small, large):
        url = reverse("candidates:staff_cohort_detail", args=[cohort.pk])
        StandingSnapshot.objects.filter(candidate__enrolments__cohort=cohort).delete()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "candidates_standingsnapshot"')]
        assert len(inserts) == 1 or connection.vendor == "sqlite"
        counts.append(len(queries) - len(inserts) + 1)
        stored = StandingSnapshot.objects.filter(candidate__enrolments__cohort=cohort).count()
        assert stored == cohort.enrolments.count()
    assert counts[0] == counts[1] <= PAGES["dashboard"][1] + 8, counts  # the refresh, and counting again
