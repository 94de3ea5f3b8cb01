"""Review reminders through the notification ledger: each (person, event) once, however often this runs."""
from celery import shared_task
from django.conf import settings
from django.utils import timezone, translation

from candidates.models.notifications import NotificationKind
from candidates.services.notifications import notify
from candidates.tasks import IDEMPOTENT

from .services import reminders_due


@shared_task(**IDEMPOTENT)
def review_reminders_task() -> int:
    """Notify candidates of review deadlines in 3 days, appointments tomorrow and certificates ready."""
    created = 0
    with translation.override(settings.LANGUAGE_CODE):
        for review, event_key, title in reminders_due(timezone.localdate()):
            user = review.candidate.user
            if user is not None:
                created += notify(recipient=user, kind=NotificationKind.REVIEW_DEADLINE, event_key=event_key,
                                  title=str(title), link="/review/")
    return created
