"""Every named URL × role × method answers as access_expectations declares; a URL without an entry fails."""
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from candidates.models import ExamYear, Notification
from candidates.services.imports import upload_store
from reviews.models import Certificate, Material, Review
from zhuan.tests.access_expectations import EXPECTATIONS, LOGIN, NOT_ALLOWED, NOT_FOUND, ORDER, REDIRECT

pytestmark = pytest.mark.django_db

# The admin site has its own access rules (is_staff and model permissions): see test_admin_access below.
OWN_TESTS = {"admin"}
MISSING_PK = 987_654_321


def named_urls(resolver=None, namespace="") -> set[str]:
    """Return the name (with namespaces) of every named URL pattern, recursively."""
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in OWN_TESTS:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_urls(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_named_url_has_expectations():
    urls = named_urls()
    missing = sorted(urls - set(EXPECTATIONS))
    stale = sorted(set(EXPECTATIONS) - urls)
    assert not missing, f"URLs without an entry in zhuan/tests/access_expectations.py: {missing}"
    assert not stale, f"entries in access_expectations.py for URLs that no longer exist: {stale}"


@dataclass
class World:
    """The objects of candidate A and school 1 that the URLs are called with, and one client per role."""

    candidate_a: object
    candidate_b: object
    cohort: object
    enrolment: object
    upload: object
    message_a: object
    review: object
    material: object
    uidb64_a: str
    token_a: str
    published_year: int
    unpublished_year: int
    clients: dict

    ALIASES = {"a": "candidate_a", "b": "candidate_b", "note": "message_a"}

    def __getitem__(self, key):
        """Let apps' expectations read the world as a mapping: world["a"], world["cohort"]."""
        return getattr(self, self.ALIASES.get(key, key))


IMPORT_CSV = "身份证号,姓名,安全生产法律法规\n".encode()


@pytest.fixture
def world(candidate_a, candidate_b, staff1, staff2, administrator, tmp_path, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}}}
    enrolment = candidate_a.enrolments.select_related("cohort").get()
    published = ExamYear.objects.published().order_by("-year").first()
    unpublished, _ = ExamYear.objects.get_or_create(year=ExamYear.objects.pending_exam_year())
    users = {"candidate_a": candidate_a.user, "candidate_b": candidate_b.user, "staff1": staff1,
             "staff2": staff2, "administrator": administrator}
    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    review = Review.objects.create(candidate=candidate_a, exam_year_id=2025, state="materials_due")
    material = Material(review=review, item="identity", original_name="id.pdf", content_type="application/pdf")
    material.file.save("material", ContentFile(b"%PDF-1.4"), save=False)
    material.save()
    Certificate.objects.create(review=review, kind="qualification", specialty=candidate_a.specialty)
    return World(
        review=review, material=material, candidate_a=candidate_a, candidate_b=candidate_b,
        cohort=enrolment.cohort, enrolment=enrolment,
        upload=upload_store(content=IMPORT_CSV, name="results.csv", school=staff1.staff_membership.school,
                            exam_year=published.year, by=staff1),
        message_a=Notification.objects.create(recipient=candidate_a.user, kind="reminder", event_key="test:a",
                                              title="A's message", body="for A only"),
        uidb64_a=urlsafe_base64_encode(force_bytes(candidate_a.user.pk)),
        token_a=default_token_generator.make_token(candidate_a.user),
        published_year=published.year, unpublished_year=unpublished.year, clients=clients,
    )


def answer_of(response, path: str):
    """Classify a response as LOGIN (sent to log in, coming back), REDIRECT (elsewhere) or its status code."""
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if location.startswith(resolve_url(settings.LOGIN_URL) + "?next="):
            return LOGIN
        return REDIRECT
    return response.status_code


def matches(answer, expected) -> bool:
    """Return whether an answer is the expected one; a tuple lists several acceptable answers."""
    if isinstance(expected, tuple):
        return any(matches(answer, one) for one in expected)
    if expected == 302:
        return answer in (LOGIN, REDIRECT)
    return answer == expected


def call(client, method: str, url: str, headers: dict):
    return client.get(url, headers=headers) if method == "GET" else client.post(url, {}, headers=headers)


CASES = [
    pytest.param(name, index, id=f"{name}[{case.label or index}]")
    for name, cases in sorted(EXPECTATIONS.items()) for index, case in enumerate(cases)
]


@pytest.mark.parametrize(("name", "index"), CASES)
def test_url_answers_each_role_as_expected(world, name, index):
    case = EXPECTATIONS[name][index]
    kwargs = case.kwargs(world)
    url = reverse(name, kwargs=kwargs) + (f"?{case.query}" if case.query else "")
    wrong = []
    for method, expected in (("GET", case.get), ("POST", case.post)):
        if expected is None:
            continue
        for role in ORDER:
            response = call(world.clients[role], method, url, case.headers)
            got = answer_of(response, url)
            if not matches(got, expected[role]):
                wrong.append(f"{method} {url} as {role}: expected {expected[role]}, got {got}")
            if role != "anonymous" and response.status_code == 200:
                assert "no-store" in response.get("Cache-Control", ""), f"{method} {url} as {role} may be cached"
    assert not wrong, "\n".join(wrong)



@pytest.mark.parametrize(("name", "index"), CASES)
def test_missing_object_is_the_same_404_as_another_users(world, name, index):
    case = EXPECTATIONS[name][index]
    kwargs = case.kwargs(world)
    if "pk" not in kwargs:
        pytest.skip("no object id in this URL")
    url = reverse(name, kwargs={**kwargs, "pk": MISSING_PK})
    for method, expected in (("GET", case.get), ("POST", case.post)):
        if expected is None:
            continue
        for role, client in world.clients.items():
            if expected[role] in (LOGIN, NOT_ALLOWED):
                continue
            # Outsiders and the owner alike get a 404 for an object that does not exist.
            assert answer_of(call(client, method, url, case.headers), url) == NOT_FOUND, (method, url, role)


ADMIN_LOGIN = "/admin/login/"


def admin_paths(world) -> list[str]:
    return ["/admin/", "/admin/candidates/candidate/", f"/admin/candidates/candidate/{world.candidate_a.pk}/change/"]


def test_admin_sends_visitors_to_log_in(world):
    for path in admin_paths(world):
        response = world.clients["anonymous"].get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith((ADMIN_LOGIN, resolve_url(settings.LOGIN_URL) + "?next=")), path


@pytest.mark.parametrize("role", ["candidate_a", "candidate_b", "staff1", "staff2"])
def test_admin_sends_candidates_and_school_staff_to_the_admin_login(world, role):
    for path in admin_paths(world):
        response = world.clients[role].get(path)
        assert response.status_code == 302 and response["Location"].startswith(ADMIN_LOGIN), (role, path)


def test_admin_opens_for_administrators(world):
    client = world.clients["administrator"]
    for path in admin_paths(world):
        assert client.get(path).status_code == 200, path
