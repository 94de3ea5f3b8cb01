"""Hypothesis: random bytes, cells, encodings and huge cells never give a server error or a partial save."""
import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.imports.parsing import UnreadableFile, read_table
from candidates.imports.results import results_preview
from candidates.models import ImportUpload, SubjectResult
from candidates.services.imports import ImportRefused, results_import_confirm, upload_store
from candidates.tests import factories

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
HEADERS = ["身份证号", "姓名", "安全生产法律法规", "安全生产管理", "安全生产技术基础", "安全生产专业实务", "专业", "??"]


@pytest.fixture
def known(school1):
    cohort = factories.CohortFactory(school=school1)
    people = [factories.CandidateFactory() for _ in range(3)]
    for person in people:
        factories.EnrolmentFactory(candidate=person, cohort=cohort)
    return people


def cell_text(people):
    return st.one_of(
        st.sampled_from([p.id_number for p in people]), st.text(max_size=30), st.sampled_from(
            ["60", "100", "101", "-1", "-2", "-4", "缺考", "违纪", "成绩无效", "NaN", "1e400", "=1+1", "化工安全", ""]),
        st.text(min_size=150, max_size=400),
    )


@FUZZ
@given(data=st.binary(max_size=3000), name=st.sampled_from(["a.csv", "a.xlsx", "a.txt", "a"]))
def test_random_bytes_are_refused_cleanly_or_previewed(known, school1, data, name):
    try:
        table = read_table(data, name)
    except UnreadableFile as error:
        assert str(error)
        return
    results_preview(table, school=school1, exam_year=2025)


@FUZZ
@given(st.data())
def test_random_cells_save_all_rows_or_none(known, school1, staff1, data):
    header = data.draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8))
    rows = data.draw(st.lists(st.lists(cell_text(known), min_size=len(header), max_size=len(header)), max_size=6))
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    text = "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in [header, *rows])
    try:
        content = text.encode(encoding)
    except UnicodeEncodeError:
        return
    before = SubjectResult.objects.count()
    upload = upload_store(content=content, name="f.csv", school=school1, exam_year=2025, by=staff1)
    try:
        preview = results_import_confirm(upload=upload, by=staff1)
    except (ImportRefused, UnreadableFile):
        assert SubjectResult.objects.count() == before
    else:
        changed = sum(len(r.entries) for r in preview.rows if r.status in ("new", "changed"))
        assert SubjectResult.objects.count() <= before + changed
    finally:
        ImportUpload.objects.all().delete()


@FUZZ
@given(data=st.binary(max_size=2000))
def test_the_upload_and_preview_pages_never_fail(known, staff1, client, data):
    client.force_login(staff1)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("candidates:staff_import"), {"exam_year": 2025,
                                                                "file": SimpleUploadedFile("x.csv", data or b"x")})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code == 200
