"""The candidate admin: masking, the state filter, progress, inlines and the administrator group."""
import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from candidates.models import ExcusedYear, ExpiryFlag, SubjectResult
from candidates.models.choices import ResultSource
from candidates.tests import factories
from candidates.validators import mask_id_number

CHANGELIST = reverse("admin:candidates_candidate_changelist")


def change_url(candidate):
    return reverse("admin:candidates_candidate_change", args=[candidate.pk])


@pytest.fixture
def viewer(db):
    """A staff user who may view candidates but not full ID numbers."""
    user = factories.UserFactory(username="viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_candidate"))
    return user


def test_id_numbers_are_masked_in_the_list_without_the_permission(client, viewer):
    candidate = factories.CandidateFactory()
    client.force_login(viewer)
    content = client.get(CHANGELIST).content.decode()
    assert mask_id_number(candidate.id_number) in content
    assert candidate.id_number not in content


def test_id_numbers_show_in_full_with_the_permission(client, viewer):
    candidate = factories.CandidateFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_full_id_number"))
    client.force_login(viewer)
    assert candidate.id_number in client.get(CHANGELIST).content.decode()


def test_search_finds_candidates_by_name_id_number_and_mobile(client, superuser):
    wanted = factories.CandidateFactory(full_name="张三丰", mobile="13712345678")
    factories.CandidateFactory(full_name="李四")
    client.force_login(superuser)
    for query in ["张三丰", wanted.id_number, wanted.id_number[:17], "13712345678"]:
        result_list = client.get(CHANGELIST, {"q": query}).context["cl"].result_list
        assert list(result_list) == [wanted], query


@pytest.mark.parametrize(
    ("situation", "expected"),
    [("last_chance", {"last"}), ("expired", {"expired"}), ("no_flag", {"clean", "resolved"}),
     ("not_started", {"last", "expired", "resolved"})],
)
def test_state_filter_selects_candidates_by_their_open_flags(client, superuser, situation, expected):
    people = {name: factories.CandidateFactory(full_name=name) for name in ["last", "expired", "clean", "resolved"]}
    factories.SubjectResultFactory(candidate=people["clean"])
    for name, kind, resolved in [("last", "last_chance", None), ("expired", "expired", None),
                                 ("resolved", "expired", "2024-01-01T00:00Z")]:
        ExpiryFlag.objects.create(
            candidate=people[name], subject="law", pass_year=2020, kind=kind, valid_through=2023, resolved_at=resolved
        )
    client.force_login(superuser)
    result_list = client.get(CHANGELIST, {"situation": situation}).context["cl"].result_list
    assert {candidate.full_name for candidate in result_list} == expected


@pytest.mark.parametrize(
    "params",
    [{"province__id__exact": "1"}, {"level__exact": "full"}, {"specialty__exact": "chemical"},
     {"enrolments__cohort__school__id__exact": "1"}, {"enrolments__cohort__id__exact": "1"},
     {"results__exam_year__year__exact": "2024"}],
)
def test_every_candidate_filter_answers(client, superuser, params):
    factories.EnrolmentFactory()
    client.force_login(superuser)
    response = client.get(CHANGELIST, params)
    assert response.status_code == 200  # an unknown filter would redirect to ?e=1


def test_change_page_shows_progress_per_subject(client, superuser):
    candidate = factories.CandidateFactory()
    factories.SubjectResultFactory(candidate=candidate, subject="law", score=80)
    client.force_login(superuser)
    response = client.get(change_url(candidate))
    content = response.content.decode()
    assert "<table><caption>" in content
    assert "安全生产法律法规" in content or "Safety production law and regulations" in content


def test_change_page_query_count_does_not_grow_with_results(client, superuser, django_assert_num_queries):
    candidate = factories.CandidateFactory()
    factories.SubjectResultFactory(candidate=candidate)
    client.force_login(superuser)
    with django_assert_num_queries(15):
        client.get(change_url(candidate))
    for subject in ["management", "technology"]:
        factories.SubjectResultFactory(candidate=candidate, subject=subject)
    factories.ExcusedYearFactory(candidate=candidate)
    factories.EnrolmentFactory(candidate=candidate)
    factories.EnrolmentFactory(candidate=candidate)
    ContentType.objects.clear_cache()
    with django_assert_num_queries(15):
        client.get(change_url(candidate))


def inline_post_data(candidate, **extra):
    data = {
        "full_name": candidate.full_name, "id_number": candidate.id_number, "mobile": candidate.mobile,
        "email": candidate.email, "province": candidate.province_id, "level": candidate.level,
        "specialty": candidate.specialty, "held_specialty": "", "education": "", "major": "",
        "major_is_safety_related": "unknown", "safety_work_since": "", "needs_attention": "", "attention_reason": "",
        "notes": "", "user": "",
    }
    for prefix in ["enrolments", "results", "excused_years"]:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(extra)
    return data


def test_results_and_excused_years_added_inline_record_the_administrator(client, superuser):
    candidate = factories.CandidateFactory()
    client.force_login(superuser)
    response = client.post(change_url(candidate), inline_post_data(
        candidate,
        **{"results-TOTAL_FORMS": "1", "results-0-exam_year": "2023", "results-0-subject": "law",
           "results-0-score": "70", "results-0-void_reason": "",
           "excused_years-TOTAL_FORMS": "1", "excused_years-0-exam_year": "2021",
           "excused_years-0-reason": "cancelled"},
    ))
    assert response.status_code == 302, response.context["errors"] if response.context else response
    result = SubjectResult.objects.get(candidate=candidate)
    assert (result.source, result.entered_by, result.passed) == (ResultSource.ADMIN, superuser, True)
    assert ExcusedYear.objects.get(candidate=candidate).granted_by == superuser


def test_an_inline_result_breaking_the_model_rules_is_refused(client, superuser):
    candidate = factories.CandidateFactory()
    client.force_login(superuser)
    response = client.post(change_url(candidate), inline_post_data(
        candidate,
        **{"results-TOTAL_FORMS": "1", "results-0-exam_year": "2023", "results-0-subject": "practice",
           "results-0-score": "70", "results-0-void_reason": ""},
    ))
    assert response.status_code == 200
    assert not SubjectResult.objects.exists()


def test_history_pages_load_for_candidates_and_results(client, superuser):
    result = factories.SubjectResultFactory()
    client.force_login(superuser)
    for model, pk in [("candidate", result.candidate_id), ("subjectresult", result.pk)]:
        response = client.get(reverse(f"admin:candidates_{model}_history", args=[pk]))
        assert response.status_code == 200


def test_administrator_group_member_uses_the_admin_without_being_superuser(client, administrator):
    candidate = factories.CandidateFactory()
    client.force_login(administrator)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(CHANGELIST).status_code == 200
    assert client.get(change_url(candidate)).status_code == 200
    assert client.get(reverse("admin:candidates_candidate_import")).status_code == 200
    assert client.get(reverse("admin:candidates_subjectresult_import")).status_code == 200
    assert candidate.id_number in client.get(CHANGELIST).content.decode()


def test_school_staff_cannot_open_the_admin(client, staff1):
    client.force_login(staff1)
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert "login" in response.url
