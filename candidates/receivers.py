"""Reactions to `candidates.signals`: queue the flag refresh for candidates whose results changed."""
import logging

from django.db import transaction
from django.dispatch import receiver

from candidates.signals import results_changed

logger = logging.getLogger(__name__)


def _queue_refresh(candidate_ids: list[int]) -> None:
    from candidates.tasks import flags_refresh_candidates_task

    try:
        flags_refresh_candidates_task.delay(candidate_ids)
    except Exception:
        # The results are saved; the nightly refresh catches the flags up. Never fail the user's request for this.
        logger.exception("could not queue the flag refresh of %d candidates; the nightly run will catch up",
                         len(candidate_ids))


@receiver(results_changed, dispatch_uid="candidates.refresh_flags_on_results_changed")
def refresh_flags_on_results_changed(sender, candidate_ids, **kwargs) -> None:
    """Queue the flag refresh of `candidate_ids` once the transaction that changed their results commits."""
    ids = sorted({int(pk) for pk in candidate_ids})
    if ids:
        transaction.on_commit(lambda: _queue_refresh(ids))
