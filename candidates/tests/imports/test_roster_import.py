"""The roster import: new candidates are created and enrolled, known ones join, any bad row saves nothing."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidates.imports import roster
from candidates.models import Candidate, Enrolment, ImportUpload
from candidates.tests import factories

pytestmark = pytest.mark.django_db
HEADER = "姓名,身份证号,手机号码,电子邮箱,报考省份,报考级别,专业类别"


@pytest.fixture
def cohort(school1):
    return factories.CohortFactory(school=school1)


def roster_file(lines, encoding="utf-8", name="roster.csv"):
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode(encoding), content_type="text/csv")


def new_line(n, **overrides):
    values = {"name": f"新考生{n}", "id": factories.make_id_number(5000 + n), "mobile": f"1390000{n:04d}",
              "email": f"new{n}@example.org", "province": "广东省", "level": "免一科", "specialty": "建筑施工"}
    values.update(overrides)
    return ",".join(values.values())


def upload(client, cohort, file):
    response = client.post(reverse("candidates:staff_import_roster"), {"cohort": cohort.pk, "file": file})
    assert response.status_code == 302, response.content.decode()[:800]
    return client.get(response["Location"])


def test_a_roster_creates_new_candidates_enrols_known_ones_and_keeps_history(staff1, client, cohort, school1,
                                                                             django_capture_on_commit_callbacks):
    known = factories.CandidateFactory()
    factories.EnrolmentFactory(candidate=known, cohort=factories.CohortFactory(school=school1))
    already = factories.CandidateFactory()
    factories.EnrolmentFactory(candidate=already, cohort=cohort)
    client.force_login(staff1)
    lines = [HEADER, new_line(1), new_line(2, level="", email=""),
             new_line(3, id=known.id_number), new_line(4, id=already.id_number)]
    page = upload(client, cohort, roster_file(lines, encoding="gbk"))
    assert page.context["outcome"].counts == {"new": 2, "changed": 1, "unchanged": 1, "error": 0}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("candidates:staff_import_confirm", args=[ImportUpload.objects.get().pk]))
    assert response["Location"] == reverse("candidates:staff_cohort_detail", args=[cohort.pk])
    first = Candidate.objects.get(full_name="新考生1")
    assert (first.province.code, first.level, first.specialty) == ("44", "exempt_one", "construction")
    assert Candidate.objects.get(full_name="新考生2").level == "full"
    assert first.history.get().history_user == staff1
    assert set(Enrolment.objects.current().filter(cohort=cohort).values_list("candidate", flat=True)) == {
        first.pk, Candidate.objects.get(full_name="新考生2").pk, known.pk, already.pk}
    assert not ImportUpload.objects.exists()


@pytest.mark.parametrize(("line", "message"), [
    (new_line(1, mobile="12345"), roster.BAD_MOBILE),
    (new_line(1, province="火星"), roster.UNKNOWN_PROVINCE % {"value": "火星"}),
    (new_line(1, level="增报专业"), roster.ADD_SPECIALTY_ONE_AT_A_TIME),
    (new_line(1, specialty="消防"), roster.UNKNOWN_SPECIALTY % {"value": "消防"}),
    (new_line(1, email="not-an-email"), roster.BAD_EMAIL % {"value": "not-an-email"}),
    (new_line(1, name=""), roster.NAME_MISSING),
])
def test_each_bad_cell_is_reported_and_nothing_is_saved(staff1, client, cohort, line, message):
    client.force_login(staff1)
    page = upload(client, cohort, roster_file([HEADER, new_line(2), line]))
    errors = page.context["outcome"].errors()
    assert len(errors) == 1 and errors[0]["message"] == str(message) and errors[0]["row"] == 3
    confirm = reverse("candidates:staff_import_confirm", args=[ImportUpload.objects.get().pk])
    assert client.post(confirm).status_code == 302
    assert not Candidate.objects.filter(full_name__startswith="新考生").exists()


def test_a_candidate_of_another_school_is_refused(staff1, client, cohort, candidate_b):
    client.force_login(staff1)
    page = upload(client, cohort, roster_file([HEADER, new_line(1, id=candidate_b.id_number)]))
    assert page.context["outcome"].errors()[0]["message"] == str(roster.REGISTERED_ELSEWHERE)


def test_a_missing_column_is_named(staff1, client, cohort):
    client.force_login(staff1)
    page = upload(client, cohort, roster_file(["姓名,身份证号", "张三,x"]))
    assert any("手机号码" in error["message"] for error in page.context["outcome"].errors())


def test_another_schools_cohort_cannot_be_chosen(staff1, client, school2):
    client.force_login(staff1)
    other = factories.CohortFactory(school=school2)
    response = client.post(reverse("candidates:staff_import_roster"),
                           {"cohort": other.pk, "file": roster_file([HEADER, new_line(1)])})
    assert response.status_code == 200 and "cohort" in response.context["form"].errors
    assert not ImportUpload.objects.exists()


def test_the_roster_page_is_staff_only(client, candidate_a, staff2):
    url = reverse("candidates:staff_import_roster")
    assert client.get(url).status_code == 302
    client.force_login(candidate_a.user)
    assert client.get(url).status_code == 404


def test_roster_preview_query_count_does_not_grow_with_rows(staff1, client, cohort):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff1)
    counts = []
    for size in (3, 60):
        response = client.post(reverse("candidates:staff_import_roster"), {
            "cohort": cohort.pk, "file": roster_file([HEADER, *(new_line(n + size) for n in range(size))])})
        with CaptureQueriesContext(connection) as queries:
            client.get(response["Location"])
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_roster_template_has_chinese_headers(staff1, client):
    client.force_login(staff1)
    body = client.get(reverse("candidates:staff_import_template", args=["csv"]) + "?kind=roster").content
    assert body.decode("utf-8-sig").startswith(HEADER)


def test_another_schools_staff_get_404_on_a_roster_upload(staff1, staff2, client, cohort):
    client.force_login(staff1)
    upload(client, cohort, roster_file([HEADER, new_line(1)]))
    pk = ImportUpload.objects.get().pk
    client.force_login(staff2)
    assert client.get(reverse("candidates:staff_import_preview", args=[pk])).status_code == 404
    assert client.post(reverse("candidates:staff_import_confirm", args=[pk])).status_code == 404
    assert client.post(reverse("candidates:staff_import_cancel", args=[pk])).status_code == 404
    assert ImportUpload.objects.exists() and not Candidate.objects.filter(full_name="新考生1").exists()
