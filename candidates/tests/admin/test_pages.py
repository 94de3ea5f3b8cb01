"""Every admin changelist, add and change page loads for the superuser at a pinned query count."""
import datetime

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from candidates import models
from candidates.tests import factories

from .builders import BUILDERS

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
FEW, MANY = 1, 30

# Queries per page for the superuser, counted with the session and user lookups; the same for 1 row and 30.
CHANGELIST_QUERIES = {
    "reviews.ReviewPolicy": 7,
    "reviews.Review": 7,
    "reviews.Material": 6,
    "reviews.Certificate": 5,
    "axes.AccessAttempt": 8,
    "axes.AccessFailureLog": 8,
    "axes.AccessLog": 8,
    "candidates.ImportUpload": 7,
    "auth.Group": 5,
    "auth.User": 6,
    "candidates.Candidate": 9,
    "candidates.Cohort": 7,
    "candidates.Enrolment": 9,
    "candidates.ExamYear": 5,
    "candidates.ExcusedYear": 6,
    "candidates.ExpiryFlag": 6,
    "candidates.Notification": 7,
    "candidates.NotificationPreference": 5,
    "candidates.PassMark": 6,
    "candidates.Province": 5,
    "candidates.School": 6,
    "candidates.Sitting": 6,
    "candidates.StaffMembership": 6,
    "candidates.SubjectResult": 8,
    "django_celery_beat.ClockedSchedule": 5,
    "django_celery_beat.CrontabSchedule": 5,
    "django_celery_beat.IntervalSchedule": 5,
    "django_celery_beat.PeriodicTask": 8,
    "django_celery_beat.SolarSchedule": 5,
}
ADD_QUERIES = {
    "reviews.ReviewPolicy": 5,
    "reviews.Review": 4,
    "reviews.Material": 5,
    "reviews.Certificate": 4,
    "axes.AccessAttempt": 5,
    "axes.AccessFailureLog": 5,
    "axes.AccessLog": 5,
    "candidates.ImportUpload": 5,
    "auth.Group": 4,
    "auth.User": 3,
    "candidates.Candidate": 8,
    "candidates.Cohort": 4,
    "candidates.Enrolment": 4,
    "candidates.ExamYear": 7,
    "candidates.ExcusedYear": 3,
    "candidates.ExpiryFlag": 2,
    "candidates.Notification": 2,
    "candidates.NotificationPreference": 3,
    "candidates.PassMark": 4,
    "candidates.Province": 3,
    "candidates.School": 4,
    "candidates.Sitting": 4,
    "candidates.StaffMembership": 4,
    "candidates.SubjectResult": 5,
    "django_celery_beat.ClockedSchedule": 3,
    "django_celery_beat.CrontabSchedule": 3,
    "django_celery_beat.IntervalSchedule": 3,
    "django_celery_beat.PeriodicTask": 8,
    "django_celery_beat.SolarSchedule": 3,
}
CHANGE_QUERIES = {
    "reviews.ReviewPolicy": 7,
    "reviews.Review": 8,
    "reviews.Material": 9,
    "reviews.Certificate": 8,
    "axes.AccessAttempt": 5,
    "axes.AccessFailureLog": 4,
    "axes.AccessLog": 4,
    "candidates.ImportUpload": 8,
    "auth.Group": 6,
    "auth.User": 8,
    "candidates.Candidate": 15,
    "candidates.Cohort": 6,
    "candidates.Enrolment": 8,
    "candidates.ExamYear": 10,
    "candidates.ExcusedYear": 7,
    "candidates.ExpiryFlag": 5,
    "candidates.Notification": 5,
    "candidates.NotificationPreference": 6,
    "candidates.PassMark": 5,
    "candidates.Province": 4,
    "candidates.School": 6,
    "candidates.Sitting": 5,
    "candidates.StaffMembership": 8,
    "candidates.SubjectResult": 8,
    "django_celery_beat.ClockedSchedule": 5,
    "django_celery_beat.CrontabSchedule": 5,
    "django_celery_beat.IntervalSchedule": 5,
    "django_celery_beat.PeriodicTask": 9,
    "django_celery_beat.SolarSchedule": 5,
}


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_registered_model_has_a_builder_and_pinned_counts(model):
    assert model in BUILDERS, f"add a builder for {model._meta.label} in candidates/tests/admin/builders.py"
    label = model._meta.label
    assert label in CHANGELIST_QUERIES and label in ADD_QUERIES and label in CHANGE_QUERIES, label


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_changelist_costs_the_same_queries_for_1_row_and_30(model, client, superuser, django_assert_num_queries):
    client.force_login(superuser)
    build = BUILDERS[model]
    build(0)
    with django_assert_num_queries(CHANGELIST_QUERIES[model._meta.label]):
        assert client.get(url(model, "changelist")).status_code == 200
    for i in range(FEW, MANY):
        build(i)
    with django_assert_num_queries(CHANGELIST_QUERIES[model._meta.label]):
        response = client.get(url(model, "changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_add_page_loads_at_pinned_query_count(model, client, superuser, django_assert_num_queries):
    client.force_login(superuser)
    if not admin.site._registry[model].has_add_permission(_request(superuser)):
        assert client.get(url(model, "add")).status_code == 403
        return
    with django_assert_num_queries(ADD_QUERIES[model._meta.label]):
        assert client.get(url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_change_page_loads_at_pinned_query_count(model, client, superuser, django_assert_num_queries):
    client.force_login(superuser)
    instance = BUILDERS[model](0)
    with django_assert_num_queries(CHANGE_QUERIES[model._meta.label]):
        assert client.get(url(model, "change", instance.pk)).status_code == 200


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    return request


def _school_with_staff(n):
    school = factories.SchoolFactory()
    for _ in range(n):
        factories.StaffMembershipFactory(school=school)
    return school


def _cohort_with_enrolments(n):
    cohort = factories.CohortFactory()
    for _ in range(n):
        factories.EnrolmentFactory(cohort=cohort)
    return cohort


def _exam_year_with_sittings_and_marks(n):
    year = models.ExamYear.objects.create(year=2040 + n)
    for i in range(n):
        day = datetime.date(year.year, 10, 1) + datetime.timedelta(days=7 * i)
        models.Sitting.objects.create(exam_year=year, starts_on=day, ends_on=day)
    for subject in list(models.choices.Subject)[:n]:
        models.PassMark.objects.create(exam_year=year, subject=subject, pass_mark=58)
    return year


def _candidate_with_rows(n):
    candidate = factories.CandidateFactory()
    for subject in list(models.choices.Subject)[:n]:
        factories.SubjectResultFactory(candidate=candidate, subject=subject, entered_by=factories.UserFactory())
    for year in [2020, 2021, 2022][:n]:
        factories.ExcusedYearFactory(candidate=candidate, exam_year=year)
    for _ in range(n):
        factories.EnrolmentFactory(candidate=candidate)
    return candidate


@pytest.mark.parametrize(
    ("build", "queries"),
    [(_school_with_staff, 6), (_cohort_with_enrolments, 6), (_exam_year_with_sittings_and_marks, 10),
     (_candidate_with_rows, 15)],
    ids=["school", "cohort", "exam-year", "candidate"],
)
def test_change_page_with_inlines_costs_the_same_for_1_row_and_3(
    build, queries, client, superuser, django_assert_num_queries
):
    client.force_login(superuser)
    for n in (1, 3):
        instance = build(n)
        ContentType.objects.clear_cache()
        with django_assert_num_queries(queries):
            assert client.get(url(type(instance), "change", instance.pk)).status_code == 200
