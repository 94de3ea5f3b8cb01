"""Writes of the staff pages: enrolments and invitations, each atomic and in the audit history."""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from candidates.models import Candidate, Cohort, Enrolment
from candidates.roles import CANDIDATE_GROUP


@transaction.atomic
def enrolment_create(*, candidate: Candidate, cohort: Cohort, by) -> Enrolment:
    """Enrol `candidate` in `cohort` from today."""
    enrolment = Enrolment(candidate=candidate, cohort=cohort)
    enrolment._history_user = by
    enrolment.save()
    return enrolment


@transaction.atomic
def enrolment_end(*, enrolment: Enrolment, by, reason: str = "") -> Enrolment:
    """End an enrolment today; the row stays, with its history."""
    enrolment.left_on = timezone.localdate()
    enrolment.left_reason = reason
    enrolment._history_user = by
    enrolment.save(update_fields=["left_on", "left_reason"])
    return enrolment


@transaction.atomic
def enrolment_move(*, enrolment: Enrolment, to: Cohort, by) -> Enrolment:
    """Move a candidate to another cohort of the same school: end this enrolment, start the new one."""
    enrolment_end(enrolment=enrolment, by=by, reason=_("Moved to %(cohort)s") % {"cohort": to.name})
    return enrolment_create(candidate=enrolment.candidate, cohort=to, by=by)


def _username_for(candidate: Candidate) -> str:
    user_model = get_user_model()
    base = candidate.mobile
    return base if not user_model.objects.filter(username=base).exists() else f"{base}-{candidate.pk}"


@transaction.atomic
def invitation_send(*, candidate: Candidate, by, base_url: str) -> str:
    """Create the candidate's login (no password yet) if needed and email a one-time link to set the password."""
    if not candidate.email:
        raise ValueError("the candidate has no email address")
    user = candidate.user
    if user is None:
        user = get_user_model().objects.create_user(_username_for(candidate), email=candidate.email)
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=CANDIDATE_GROUP))
        candidate.user = user
        candidate._history_user = by
        candidate.save(update_fields=["user"])
    link = base_url + reverse("candidates:invitation_accept", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user),
    })
    transaction.on_commit(lambda: send_mail(
        _("Your zhuan account"),
        _("Your training school invites you to zhuan, where you can see which exam passes still count.\n\n"
          "Your username: %(username)s\nSet your password here (the link works once, for %(days)s days):\n%(link)s")
        % {"username": user.username, "link": link, "days": settings.PASSWORD_RESET_TIMEOUT // 86400},
        None, [candidate.email],
    ))
    return link
