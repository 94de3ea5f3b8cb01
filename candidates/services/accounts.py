"""Account writes: self sign-up with email confirmation, profile changes that staff must look at, preferences."""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from candidates.models import Candidate, NotificationPreference
from candidates.models.choices import Level, Specialty
from candidates.models.notifications import NotificationKind
from candidates.roles import CANDIDATE_GROUP
from candidates.validators import normalize_id_number

SIGNUP_SALT = "zhuan.services.accounts.signup"
WATCHED_FIELDS = ("level", "specialty", "held_specialty")
CANDIDATE_FIELDS = ("full_name", "id_number", "mobile", "email", "province", "level", "specialty", "held_specialty")
FIELD_CHOICES = {"level": Level, "specialty": Specialty, "held_specialty": Specialty}


class SignupTokenGenerator(PasswordResetTokenGenerator):
    """Tokens for confirming a sign-up: they stop working once the account is active (one use)."""

    key_salt = "zhuan.services.accounts.SignupTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


signup_token_generator = SignupTokenGenerator()


class SignupConflict(Exception):
    """Another sign-up took the same ID number or username between the form's check and the save."""

    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


def signup_create(*, data: dict, base_url: str) -> Candidate:
    """Create an inactive account and its candidate record together, then email the confirmation link.

    Raise `SignupConflict(field)` when a concurrent sign-up took the ID number or username; nothing is saved then.
    """
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                data["username"], email=data["email"], password=data["password"], is_active=False
            )
            user.groups.add(Group.objects.get(name=CANDIDATE_GROUP))
            candidate = Candidate(user=user, **{name: data.get(name, "") for name in CANDIDATE_FIELDS})
            candidate._history_user = user
            candidate._change_reason = "self sign-up"
            candidate.save()
            link = base_url + signup_confirm_path(user)
            subject = _("Confirm your zhuan account")
            body = _(
                "Open this link within 3 days to confirm your email address and start using zhuan:\n%(link)s"
            ) % {"link": link}
            transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))
    except IntegrityError:
        if Candidate.objects.filter(id_number=normalize_id_number(data.get("id_number", ""))).exists():
            raise SignupConflict("id_number") from None
        if get_user_model().objects.filter(username__iexact=data["username"]).exists():
            raise SignupConflict("username") from None
        raise
    return candidate


def signup_confirm_path(user) -> str:
    """Return the path of the confirmation link for `user`'s sign-up: one signed, opaque token."""
    token = signing.dumps([user.pk, signup_token_generator.make_token(user)], salt=SIGNUP_SALT)
    return reverse("candidates:signup_confirm", args=[token])


@transaction.atomic
def signup_confirm(*, token: str):
    """Activate the inactive account a confirmation link names; return the user, or None if the link is bad."""
    try:
        pk, user_token = signing.loads(token, salt=SIGNUP_SALT)
        pk = int(pk)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    user = get_user_model().objects.select_for_update().filter(pk=pk, is_active=False, candidate__isnull=False).first()
    if user is None or not signup_token_generator.check_token(user, str(user_token)):
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def _label(field: str, value: str) -> str:
    return str(FIELD_CHOICES[field](value).label) if value else "—"


@transaction.atomic
def profile_update(*, candidate: Candidate, changed_fields, by) -> Candidate:
    """Save the profile; a change of level or specialty is kept in history and marked for staff attention."""
    changed = [name for name in WATCHED_FIELDS if name in changed_fields]
    if changed:
        before = Candidate.objects.select_for_update().get(pk=candidate.pk)
        details = "; ".join(
            f"{Candidate._meta.get_field(name).verbose_name}: "
            f"{_label(name, getattr(before, name))} → {_label(name, getattr(candidate, name))}"
            for name in changed
        )
        reason = _(
            "The candidate changed %(details)s. Check the registration and which passes still count: how the "
            "authority re-bases a window after such a change is undocumented."
        ) % {"details": details}
        candidate.flag_for_attention(reason)
        candidate._change_reason = reason[:100]
    candidate._history_user = by
    candidate.save()
    user = candidate.user
    if "email" in changed_fields and user is not None and user.email != candidate.email:
        user.email = candidate.email
        user.save(update_fields=["email"])
    return candidate


@transaction.atomic
def preferences_save(*, user, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store one preference row per kind of notification: {kind: (in_app, by_email)}."""
    for kind, (in_app, by_email) in choices.items():
        NotificationKind(kind)
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"in_app": in_app, "by_email": by_email}
        )
