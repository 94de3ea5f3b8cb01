"""Self sign-up: email confirmation, one-use links, refusal of existing ID numbers, errors at the field."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.urls import reverse

from candidates.forms.account import (
    EMAIL_TAKEN,
    HELD_SPECIALTY_REQUIRED,
    ID_NUMBER_TAKEN,
    SIGNUP_THROTTLED,
    SPECIALTY_SAME_AS_HELD,
    USERNAME_TAKEN,
)
from candidates.models import Candidate
from candidates.roles import CANDIDATE_GROUP
from candidates.services.accounts import SignupConflict, signup_create
from candidates.tests import factories
from candidates.views.account.signup import SIGNUP_ATTEMPTS_PER_HOUR

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    return {"username": "newbie", "password": "Quite-long-passw0rd", "full_name": "新考生",
            "id_number": factories.make_id_number(4242), "mobile": "13912345678", "email": "newbie@example.org",
            "province": "11", "level": "full", "specialty": "chemical", "held_specialty": "", **overrides}


def confirmation_path() -> str:
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    return link[link.index("/signup/"):]


def test_signup_creates_an_inactive_account_and_record_then_the_link_activates_and_signs_in(
    english, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(reverse("candidates:signup"), signup_data())
    assert response.status_code == 200
    assert "We sent a confirmation link to newbie@example.org" in response.content.decode()
    candidate = Candidate.objects.select_related("user").get(full_name="新考生")
    assert not candidate.user.is_active and candidate.user.email == "newbie@example.org"
    assert candidate.user.groups.filter(name=CANDIDATE_GROUP).exists()
    assert candidate.history.first().history_user == candidate.user
    assert not english.login(username="newbie", password="Quite-long-passw0rd")
    assert mail.outbox[0].to == ["newbie@example.org"]

    response = english.get(confirmation_path())
    assert response.status_code == 302 and response["Location"] == reverse("candidates:progress")
    candidate.user.refresh_from_db()
    assert candidate.user.is_active
    assert "No results yet" in english.get(reverse("candidates:progress")).content.decode()


def test_a_confirmation_link_works_once(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidates:signup"), signup_data())
    path = confirmation_path()
    assert client.get(path).status_code == 302
    client.logout()
    assert client.get(path).status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_forged_or_garbled_confirmation_link_is_refused(english, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        english.post(reverse("candidates:signup"), signup_data())
    user = get_user_model().objects.get(username="newbie")
    forged = signing.dumps([user.pk, "c0ffee-deadbeef"], salt="zhuan.services.accounts.signup")
    response = english.get(reverse("candidates:signup_confirm", args=[forged]))
    assert response.status_code == 400 and "This link does not work" in response.content.decode()
    unsigned = signing.dumps([user.pk, "c0ffee-deadbeef"], salt="another salt")
    assert english.get(reverse("candidates:signup_confirm", args=[unsigned])).status_code == 400
    assert english.get(reverse("candidates:signup_confirm", args=["garbage"])).status_code == 400
    assert not get_user_model().objects.get(username="newbie").is_active


def test_a_confirmation_link_cannot_reactivate_a_school_candidate(client, candidate_a):
    from candidates.services.accounts import signup_confirm_path

    user = candidate_a.user
    user.is_active = False
    user.save()
    other = factories.UserFactory(username="other", is_active=False)
    path = signup_confirm_path(other)
    assert client.get(path).status_code == 400  # no candidate record behind that account
    user.refresh_from_db()
    assert not user.is_active


def test_signup_with_an_existing_id_number_is_refused_and_takes_nothing_over(client, candidate_a):
    typed_lower = candidate_a.id_number.lower()
    response = client.post(reverse("candidates:signup"), signup_data(id_number=typed_lower))
    assert response.context["form"].errors["id_number"] == [str(ID_NUMBER_TAKEN)]
    candidate_a.refresh_from_db()
    assert candidate_a.user.username == "cand_a"
    assert not Candidate.objects.filter(full_name="新考生").exists()
    assert not get_user_model().objects.filter(username="newbie").exists()
    assert not mail.outbox


def test_a_concurrent_signup_with_the_same_id_number_saves_nothing(candidate_a):
    data = {**signup_data(id_number=candidate_a.id_number), "province": candidate_a.province}
    with pytest.raises(SignupConflict) as conflict:
        signup_create(data=data, base_url="http://testserver")
    assert conflict.value.field == "id_number"
    assert not get_user_model().objects.filter(username="newbie").exists()


@pytest.mark.parametrize(("field", "value"), [
    ("id_number", "110105197001011015"), ("id_number", "123"), ("mobile", "123"), ("password", "123"),
    ("email", ""), ("email", "not-an-address"), ("full_name", ""), ("specialty", ""), ("province", "99"),
])
def test_signup_bad_input_is_reported_at_the_field_and_nothing_is_saved(client, field, value):
    response = client.post(reverse("candidates:signup"), signup_data(**{field: value}))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Candidate.objects.exists() and not get_user_model().objects.filter(username="newbie").exists()


def test_signup_with_a_taken_username_or_email_says_so_at_the_field(client, candidate_a):
    response = client.post(reverse("candidates:signup"), signup_data(username="CAND_A", email=candidate_a.user.email))
    errors = response.context["form"].errors
    assert errors["username"] == [str(USERNAME_TAKEN)] and errors["email"] == [str(EMAIL_TAKEN)]


def test_adding_a_specialty_needs_the_held_specialty_at_its_field(client):
    response = client.post(reverse("candidates:signup"), signup_data(level="add_specialty"))
    assert response.context["form"].errors == {"held_specialty": [str(HELD_SPECIALTY_REQUIRED)]}
    response = client.post(reverse("candidates:signup"), signup_data(level="add_specialty", held_specialty="chemical"))
    assert response.context["form"].errors == {"specialty": [str(SPECIALTY_SAME_AS_HELD)]}
    assert not Candidate.objects.exists()


def test_adding_a_specialty_signs_up_with_the_held_one(client):
    client.post(reverse("candidates:signup"), signup_data(level="add_specialty", held_specialty="construction"))
    candidate = Candidate.objects.get()
    assert (candidate.level, candidate.specialty, candidate.held_specialty) == (
        "add_specialty", "chemical", "construction")


def test_a_held_specialty_is_dropped_for_other_levels(client):
    client.post(reverse("candidates:signup"), signup_data(held_specialty="construction"))
    assert Candidate.objects.get().held_specialty == ""


def test_signup_is_throttled_per_address(client):
    for _ in range(SIGNUP_ATTEMPTS_PER_HOUR):
        client.post(reverse("candidates:signup"), signup_data(mobile="1"))
    response = client.post(reverse("candidates:signup"), signup_data())
    assert response.status_code == 429
    assert str(SIGNUP_THROTTLED) in response.context["form"].non_field_errors()
    assert not Candidate.objects.exists()


def test_an_empty_sign_up_says_what_is_missing_even_when_throttled(client):
    response = client.post(reverse("candidates:signup"), {})
    assert response.status_code == 200 and response.context["form"].errors["username"]
    for _ in range(SIGNUP_ATTEMPTS_PER_HOUR):
        client.post(reverse("candidates:signup"), {})
    response = client.post(reverse("candidates:signup"), {})
    assert response.status_code == 429
    assert str(SIGNUP_THROTTLED) in response.context["form"].non_field_errors()


def test_a_signed_in_user_is_sent_home_from_signup(client, candidate_a):
    client.force_login(candidate_a.user)
    assert client.get(reverse("candidates:signup"))["Location"] == reverse("candidates:home")


def test_signup_page_shows_the_form_with_labels_and_advice(english):
    body = english.get(reverse("candidates:signup")).content.decode()
    assert body.count("<h1") == 1
    for label in ["Username", "ID number", "Mobile number", "Email", "Specialty already held"]:
        assert label in body
    assert "ask it for an invitation" in body
