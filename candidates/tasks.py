"""Celery tasks: thin, id-based, safe to run twice (each calls a service that converges to the same state)."""
import logging

from celery import group, shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

from candidates.services import flags, notifications, snapshots

logger = logging.getLogger(__name__)

# Retried with backoff only for transient failures: the database or the broker being unreachable for a moment.
TRANSIENT = (OperationalError, InterfaceError, BrokerError, ConnectionError)
IDEMPOTENT = {
    "acks_late": True, "reject_on_worker_lost": True, "autoretry_for": TRANSIENT, "retry_backoff": True,
    "retry_backoff_max": 600, "max_retries": 5,
}


@shared_task(**IDEMPOTENT)
def flags_refresh_task(first_id: int, last_id: int) -> dict:
    """Refresh the flags of the candidates with ids in [first_id, last_id]."""
    return flags.flags_refresh(first_id=first_id, last_id=last_id).as_dict()


@shared_task(**IDEMPOTENT)
def flags_refresh_candidates_task(candidate_ids: list[int]) -> dict:
    """Refresh the flags of the given candidates (after results were saved, imported or voided)."""
    report = flags.RefreshReport()
    for first, last in flags.ranges_of(candidate_ids):
        report += flags.flags_refresh(first_id=first, last_id=last)
    return report.as_dict()


@shared_task(**IDEMPOTENT)
def flags_refresh_all_task() -> int:
    """Fan the whole candidate table out to workers as a group of id ranges; return how many ranges."""
    ranges = flags.id_ranges()
    if ranges:
        group(flags_refresh_task.si(first, last) for first, last in ranges).apply_async()
    return len(ranges)


@shared_task(**IDEMPOTENT)
def snapshots_refresh_stale_task() -> int:
    """Bring every candidate's stored standing current (nightly, and once a sitting's results are published);
    return how many were recomputed."""
    return snapshots.snapshots_refresh_stale()


@shared_task(**IDEMPOTENT)
def reminders_send_task() -> int:
    """Create today's reminders (last chance, results day, electronic certificate); return how many are new."""
    return notifications.reminders_send()


@shared_task(**IDEMPOTENT)
def digests_send_task() -> int:
    """Email each person one digest of their notifications not yet emailed; return how many emails."""
    return notifications.digests_send()


@shared_task(**IDEMPOTENT)
def staff_digest_task() -> int:
    """Notify each school's staff of their at-risk candidates for this week; return how many notifications."""
    return notifications.staff_digests_send()
