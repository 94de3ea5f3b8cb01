"""factory_boy factories shared by every test module of the project."""
import datetime

import factory
from django.contrib.auth import get_user_model

from candidates import models
from candidates.roles import STAFF_GROUP
from candidates.validators import id_number_check_character


def make_id_number(n: int, region: str = "110105") -> str:
    """Return a valid, distinct ID number for each n."""
    birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=n // 1000)
    first_17 = f"{region}{birth:%Y%m%d}{n % 1000:03d}"
    return first_17 + id_number_check_character(first_17)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "pw-zhuan-test")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.School
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"School {n}")
    slug = factory.Sequence(lambda n: f"school-{n}")


class StaffMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.StaffMembership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory)
    role = models.StaffMembership.Role.MANAGER

    @factory.post_generation
    def join_staff_group(obj, create, extracted, **kwargs):
        if create:
            from django.contrib.auth.models import Group

            obj.user.groups.add(Group.objects.get_or_create(name=STAFF_GROUP)[0])


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Cohort

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    target_exam_year = 2026


def province(code: str = "11") -> models.Province:
    return models.Province.objects.get(code=code)


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Candidate

    full_name = factory.Sequence(lambda n: f"考生{n}")
    id_number = factory.Sequence(make_id_number)
    mobile = factory.Sequence(lambda n: f"138{n % 100000000:08d}")
    email = factory.Sequence(lambda n: f"candidate{n}@example.org")
    province = factory.LazyFunction(province)
    level = models.choices.Level.FULL
    specialty = models.choices.Specialty.CHEMICAL


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Enrolment

    candidate = factory.SubFactory(CandidateFactory)
    cohort = factory.SubFactory(CohortFactory)


class SubjectResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SubjectResult

    candidate = factory.SubFactory(CandidateFactory)
    exam_year = factory.LazyFunction(lambda: models.ExamYear.objects.get(year=2024))
    subject = models.choices.Subject.LAW
    specialty = factory.LazyAttribute(
        lambda o: (o.candidate.specialty if o.subject == models.choices.Subject.PRACTICE else "")
    )
    score = 75
    code = ""
    source = models.choices.ResultSource.STAFF


class ExcusedYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ExcusedYear

    candidate = factory.SubFactory(CandidateFactory)
    exam_year = 2021
    reason = models.ExcusedYear.Reason.APPLICATION
    granted_by = factory.SubFactory(UserFactory)
