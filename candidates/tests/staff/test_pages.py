"""Staff pages: own school only, fixed query counts, the ranking of the at-risk list, enrolment actions."""
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.forms.staff import UNKNOWN_ID_NUMBER
from candidates.models import Candidate, Cohort, Enrolment
from candidates.tests import factories

pytestmark = pytest.mark.django_db


def school1_cohort():
    return Cohort.objects.get(school__slug="demo-school-1", name="2026 注安全科班")


def test_staff_see_their_cohorts_dashboard_and_at_risk_list(demo, logged_in):
    client = logged_in("staff")
    cohort = school1_cohort()
    assert cohort.name in client.get(reverse("candidates:staff_cohort_list")).content.decode()
    dashboard = client.get(reverse("candidates:staff_cohort_detail", args=[cohort.pk]))
    assert dashboard.status_code == 200
    counts = {s.value: n for s, n in dashboard.context["counts"]}
    assert counts["qualified"] >= 2 and counts["last_chance"] >= 2
    assert '<svg class="chart-svg"' in dashboard.content.decode()
    at_risk = client.get(reverse("candidates:staff_at_risk"), {"cohort": cohort.pk})
    entries = list(at_risk.context["page"].object_list)
    assert entries[0].situation == "last_chance"
    assert all(entry.situation != "qualified" for entry in entries)
    keys = [(entry.situation != "last_chance", -len(entry.remaining), entry.deadline or 10_000,
             entry.candidate.full_name) for entry in entries]
    assert keys == sorted(keys)


def test_at_risk_filters_and_search(demo, logged_in):
    client = logged_in("staff")
    lastchance = Candidate.objects.get(user__username="lastchance")
    page = client.get(reverse("candidates:staff_at_risk"), {"q": lastchance.full_name}).context["page"]
    assert [e.candidate.pk for e in page.object_list] == [lastchance.pk]
    page = client.get(reverse("candidates:staff_at_risk"), {"subject": "practice", "situation": "last_chance"})
    assert all("practice" in e.remaining for e in page.context["page"].object_list)
    assert client.get(reverse("candidates:staff_at_risk"), {"q": lastchance.id_number[-6:]}).context["total"] == 1


def build_cohort(school, size):
    cohort = factories.CohortFactory(school=school)
    for _ in range(size):
        candidate = factories.CandidateFactory()
        factories.EnrolmentFactory(candidate=candidate, cohort=cohort)
        factories.SubjectResultFactory(candidate=candidate, exam_year_id=2023, subject="law", score=70)
    return cohort


def page_url(name, cohort):
    if name == "staff_at_risk":
        return reverse("candidates:staff_at_risk") + f"?cohort={cohort.pk}"
    if name == "staff_roster_export":
        return reverse("candidates:staff_roster_export", args=[cohort.pk, "xlsx"])
    return reverse("candidates:staff_cohort_detail", args=[cohort.pk])


@pytest.mark.parametrize("name", ["staff_cohort_detail", "staff_at_risk", "staff_roster_export"])
def test_pages_cost_the_same_queries_for_10_or_40_candidates(staff1, school1, client, name):
    client.force_login(staff1)
    counts = []
    for size in (10, 40):
        cohort = build_cohort(school1, size)
        url = page_url(name, cohort)

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_another_schools_staff_candidates_and_admins_get_404(demo, logged_in):
    cohort = school1_cohort()
    candidate = Candidate.objects.get(user__username="lastchance")
    enrolment = Enrolment.objects.filter(cohort=cohort).first()
    urls = [
        reverse("candidates:staff_cohort_detail", args=[cohort.pk]),
        reverse("candidates:staff_cohort_edit", args=[cohort.pk]),
        reverse("candidates:staff_enrol", args=[cohort.pk]),
        reverse("candidates:staff_candidate_create", args=[cohort.pk]),
        reverse("candidates:staff_roster_export", args=[cohort.pk, "csv"]),
        reverse("candidates:staff_candidate_detail", args=[candidate.pk]),
        reverse("candidates:staff_enrolment_move", args=[enrolment.pk]),
    ]
    for username in ("staff2", "lastchance", "admin"):
        client = logged_in(username)
        for url in urls:
            assert client.get(url).status_code == 404, (username, url)
        assert client.post(reverse("candidates:staff_enrolment_end", args=[enrolment.pk])).status_code == 404
        assert client.post(reverse("candidates:staff_cohort_archive", args=[cohort.pk])).status_code == 404
        assert client.post(reverse("candidates:staff_invite", args=[candidate.pk])).status_code == 404
    assert Enrolment.objects.get(pk=enrolment.pk).left_on is None


def test_exports_neutralise_formulas_and_mask_id_numbers(staff1, school1, client):
    cohort = factories.CohortFactory(school=school1)
    candidate = factories.CandidateFactory(full_name="=HYPERLINK(\"http://x\")")
    factories.EnrolmentFactory(candidate=candidate, cohort=cohort)
    client.force_login(staff1)
    body = client.get(reverse("candidates:staff_roster_export", args=[cohort.pk, "csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert candidate.id_number not in body and candidate.id_number[:6] in body
    import io

    from openpyxl import load_workbook
    xlsx = client.get(reverse("candidates:staff_roster_export", args=[cohort.pk, "xlsx"]))
    assert "no-store" in xlsx["Cache-Control"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert any(cell.value == "'=HYPERLINK(\"http://x\")" for cell in cells)


def test_cohort_create_archive_enrol_move_and_end_keep_history(staff1, school1, client):
    client.force_login(staff1)
    response = client.post(reverse("candidates:staff_cohort_create"), {"name": "冲刺班", "target_exam_year": 2026})
    cohort = Cohort.objects.get(name="冲刺班")
    assert response["Location"] == reverse("candidates:staff_cohort_detail", args=[cohort.pk])
    other = factories.CohortFactory(school=school1)
    candidate = factories.CandidateFactory()
    client.post(reverse("candidates:staff_enrol", args=[cohort.pk]), {"id_number": candidate.id_number})
    enrolment = Enrolment.objects.get(candidate=candidate, cohort=cohort)
    client.post(reverse("candidates:staff_enrolment_move", args=[enrolment.pk]), {"cohort": other.pk})
    enrolment.refresh_from_db()
    assert enrolment.left_on is not None and Enrolment.objects.get(candidate=candidate, cohort=other).left_on is None
    assert enrolment.history.count() == 2
    client.post(reverse("candidates:staff_cohort_archive", args=[cohort.pk]))
    cohort.refresh_from_db()
    assert cohort.archived_at is not None and Enrolment.objects.filter(cohort=cohort).exists()


def test_enrol_refuses_an_unknown_id_number_at_the_field(staff1, school1, client):
    client.force_login(staff1)
    cohort = factories.CohortFactory(school=school1)
    response = client.post(reverse("candidates:staff_enrol", args=[cohort.pk]),
                           {"id_number": factories.make_id_number(999)})
    assert str(UNKNOWN_ID_NUMBER) in response.context["form"].errors["id_number"]


def test_new_candidate_with_a_wrong_check_digit_is_refused(staff1, school1, client):
    client.force_login(staff1)
    cohort = factories.CohortFactory(school=school1)
    good = factories.make_id_number(5)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = client.post(reverse("candidates:staff_candidate_create", args=[cohort.pk]), {
        "full_name": "新人", "id_number": bad, "mobile": "13900000000", "province": "11", "level": "full",
        "specialty": "chemical",
    })
    assert response.status_code == 200 and "id_number" in response.context["form"].errors
    assert not Candidate.objects.filter(full_name="新人").exists()


def test_invitation_is_a_one_time_link(staff1, school1, client, django_capture_on_commit_callbacks):
    cohort = factories.CohortFactory(school=school1)
    candidate = factories.CandidateFactory(email="new@example.org", user=None)
    factories.EnrolmentFactory(candidate=candidate, cohort=cohort)
    client.force_login(staff1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidates:staff_invite", args=[candidate.pk]))
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/invite/" in line)
    path = link[link.index("/invite/"):]
    client.logout()
    assert client.get(path).status_code == 200
    response = client.post(path, {"new_password1": "a-long-Passw0rd!", "new_password2": "a-long-Passw0rd!"})
    assert response.status_code == 302
    client.logout()
    assert client.get(path).status_code == 400
    candidate.refresh_from_db()
    assert candidate.user.check_password("a-long-Passw0rd!")
