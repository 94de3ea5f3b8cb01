"""The cohort dashboard and the at-risk list: counts per situation, SVG pass rates, urgency ranking, filters, search."""
import pytest
from django.urls import reverse

from candidates.charts import rate_chart
from candidates.progress import pending_exam_year
from candidates.tests import factories
from candidates.views.staff.at_risk import PAGE_SIZE

pytestmark = pytest.mark.django_db


def candidate_in(cohort, name, passes=(), **fields):
    candidate = factories.CandidateFactory(full_name=name, **fields)
    factories.EnrolmentFactory(candidate=candidate, cohort=cohort)
    for subject, year in passes:
        factories.SubjectResultFactory(candidate=candidate, exam_year_id=year, subject=subject, score=75)
    return candidate


@pytest.fixture
def ranked(school1):
    """Return a cohort whose candidates' expected urgency order is known, and that order."""
    cohort = factories.CohortFactory(school=school1, name="排序班")
    p = pending_exam_year()
    two_left = candidate_in(cohort, "E两科最后", [("law", p - 3), ("management", p - 1), ("technology", p - 1)])
    three_left = candidate_in(cohort, "A三科最后", [("law", p - 3)])
    late = candidate_in(cohort, "C期限晚", [("law", p - 1)])
    nothing = candidate_in(cohort, "B未开始")
    early = candidate_in(cohort, "D期限早", [("law", p - 2)])
    candidate_in(cohort, "Q已合格", [(s, p - 1) for s in ("law", "management", "technology")]
                 + [("practice", p - 1)])
    return cohort, [three_left, two_left, nothing, early, late]


def test_at_risk_list_ranks_last_chance_then_more_remaining_then_earliest_deadline(client, staff1, ranked):
    cohort, expected = ranked
    client.force_login(staff1)
    response = client.get(reverse("candidates:staff_at_risk"), {"cohort": cohort.pk})
    assert [entry.candidate for entry in response.context["page"].object_list] == expected
    page = response.content.decode()
    assert "Q已合格" not in page and page.count("<h1") == 1


def test_dashboard_counts_each_situation_and_draws_pass_rates_with_numbers(client, staff1, ranked):
    cohort, _expected = ranked
    client.force_login(staff1)
    response = client.get(reverse("candidates:staff_cohort_detail", args=[cohort.pk]))
    counts = {situation.value: n for situation, n in response.context["counts"]}
    assert counts == {"last_chance": 2, "expired": 0, "on_track": 2, "not_started": 1, "qualified": 1}
    page = response.content.decode()
    assert page.count('<svg class="chart-svg"') == len(response.context["charts"]) == 5
    latest = pending_exam_year() - 1
    assert response.context["charts"][0].rows[0].text == "100% (2/2)"
    assert str(latest) in response.context["charts"][0].title
    assert "100% (2/2)" in page and "style=" not in page.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert reverse("candidates:staff_import") in page


def test_rate_chart_draws_no_bar_where_nobody_sat():
    chart = rate_chart("t", [("law", 1, 4), ("practice", 0, 0)])
    assert [(row.text, row.width) for row in chart.rows] == [("25% (1/4)", 40), ("—", 0)]


def test_at_risk_search_finds_by_name_exact_id_number_last_digits_and_mobile(client, staff1, ranked):
    _cohort, expected = ranked
    target = expected[2]
    client.force_login(staff1)
    url = reverse("candidates:staff_at_risk")
    for query in (target.full_name, target.id_number, target.id_number[-4:].lower(), target.mobile, target.mobile[-4:]):
        found = [entry.candidate for entry in client.get(url, {"q": query}).context["page"].object_list]
        assert target in found, query


def test_at_risk_filters_by_state_subject_level_specialty_and_province(client, staff1, ranked, school1):
    cohort, expected = ranked
    other = candidate_in(cohort, "建筑省", specialty="construction", province=factories.province("31"))
    client.force_login(staff1)
    url = reverse("candidates:staff_at_risk")

    def names(**filters):
        return [entry.candidate for entry in client.get(url, filters).context["page"].object_list]

    assert names(situation="last_chance") == expected[:2]
    assert expected[1] not in names(subject="technology")
    assert names(specialty="construction") == [other]
    assert names(province=factories.province("31").pk) == [other]
    assert names(level="exempt_two") == []


def test_at_risk_list_is_paginated(client, staff1, school1):
    cohort = factories.CohortFactory(school=school1)
    for n in range(PAGE_SIZE + 3):
        candidate_in(cohort, f"人{n:03d}")
    client.force_login(staff1)
    second = client.get(reverse("candidates:staff_at_risk"), {"cohort": cohort.pk, "page": 2})
    assert len(second.context["page"].object_list) == 3 and second.context["total"] == PAGE_SIZE + 3


def test_archiving_keeps_the_cohort_its_enrolments_and_results(client, staff1, ranked):
    cohort, expected = ranked
    client.force_login(staff1)
    client.post(reverse("candidates:staff_cohort_archive", args=[cohort.pk]))
    cohort.refresh_from_db()
    assert cohort.is_archived and cohort.enrolments.count() == 6
    assert expected[0].results.count() == 1
    assert client.get(reverse("candidates:staff_cohort_detail", args=[cohort.pk])).status_code == 200


def test_at_risk_list_of_an_archived_cohort_still_filters_by_it(client, staff1, ranked, school1):
    cohort, expected = ranked
    candidate_in(factories.CohortFactory(school=school1), "别班")
    cohort.archived_at = "2026-01-01T00:00:00Z"
    cohort.save()
    client.force_login(staff1)
    page = client.get(reverse("candidates:staff_at_risk"), {"cohort": cohort.pk}).context["page"]
    assert [entry.candidate for entry in page.object_list] == expected


def test_another_schools_cohort_in_the_filter_shows_nothing_of_that_school(client, staff1, staff2, ranked, school2):
    theirs = factories.CohortFactory(school=school2)
    stranger = candidate_in(theirs, "外校")
    client.force_login(staff1)
    response = client.get(reverse("candidates:staff_at_risk"), {"cohort": theirs.pk, "level": "full"})
    assert "cohort" in response.context["form"].errors
    assert stranger not in [entry.candidate for entry in response.context["page"].object_list]
    assert "外校" not in response.content.decode()
