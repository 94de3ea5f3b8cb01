"""Every admin page loads for the superuser at a fixed query count; imports save all rows or none."""
import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from candidates.models import Candidate, SubjectResult
from candidates.tests import factories

pytestmark = pytest.mark.django_db
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_add_and_change_pages_load_with_a_fixed_query_count(client, superuser, model):
    call_demo = __import__("django.core.management", fromlist=["call_command"]).call_command
    client.force_login(superuser)
    few = queries_for(client, admin_url(model, "changelist"))
    call_demo("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    factories.CandidateFactory.create_batch(5)
    many = queries_for(client, admin_url(model, "changelist"))
    assert many <= few + 2, f"{model._meta.label}: {few} queries with few rows, {many} with many"
    assert many <= 25
    if admin.site._registry[model].has_add_permission(type("R", (), {"user": superuser})()):
        assert client.get(admin_url(model, "add")).status_code == 200
    instance = model._default_manager.first()
    if instance is not None:
        assert client.get(admin_url(model, "change", instance.pk)).status_code == 200


def test_candidate_change_page_shows_the_computed_progress(client, superuser, candidate_a):
    factories.SubjectResultFactory(candidate=candidate_a, exam_year_id=2023, subject="law", score=80)
    client.force_login(superuser)
    body = client.get(admin_url(Candidate, "change", candidate_a.pk)).content.decode()
    assert "2023" in body and "2026" in body


def test_candidate_list_masks_id_numbers_without_the_permission(client, administrator, candidate_a):
    from django.contrib.auth.models import Permission

    clerk = factories.UserFactory(is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_candidate"))
    client.force_login(clerk)
    body = client.get(admin_url(Candidate, "changelist")).content.decode()
    assert candidate_a.id_number not in body and candidate_a.id_number[:6] in body
    client.force_login(administrator)
    assert candidate_a.id_number in client.get(admin_url(Candidate, "changelist")).content.decode()


def import_file(client, model, content: str):
    response = client.post(admin_url(model, "import"), {
        "import_file": SimpleUploadedFile("rows.csv", content.encode("utf-8")),
        "format": "0", "resource": "0",
    })
    return response


def test_results_import_with_one_bad_row_reports_it_and_saves_nothing(client, superuser, candidate_a, candidate_b):
    client.force_login(superuser)
    content = (
        "id_number,exam_year,subject,specialty,score,code,source,voided,void_reason\n"
        f"{candidate_a.id_number},2024,law,,75,,admin,0,\n"
        f"{candidate_b.id_number},2024,law,,175,,admin,0,\n"
    )
    response = import_file(client, SubjectResult, content)
    body = response.content.decode()
    assert response.status_code == 200
    import re

    text = re.sub(r"<[^>]+>", " ", body)
    errors = text[text.find("void_reason"):]
    assert re.search(r"^\s*2\s*$", errors, re.MULTILINE), "the bad row's number is shown"
    assert "100" in errors and "score" in errors, "the bad field and the rule are shown"
    assert not SubjectResult.objects.exists()


def test_a_good_results_file_imports_every_row_with_history(client, superuser, candidate_a, candidate_b):
    client.force_login(superuser)
    content = (
        "id_number,exam_year,subject,specialty,score,code,source,voided,void_reason\n"
        f"{candidate_a.id_number},2024,law,,75,,admin,0,\n"
        f"{candidate_b.id_number},2024,practice,chemical,66,,admin,0,\n"
    )
    response = import_file(client, SubjectResult, content)
    assert response.status_code == 200
    confirm = response.context["confirm_form"]
    data = dict(confirm.initial)
    response = client.post(admin_url(SubjectResult, "process_import"), data)
    assert response.status_code == 302
    assert SubjectResult.objects.count() == 2
    assert SubjectResult.history.count() == 2
