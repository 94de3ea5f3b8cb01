"""Reactions to `candidates.signals` and to saved inputs of the rules.

- Results changed: the candidates' stored standings are deleted at once, and their flag refresh is queued once the
  transaction commits.
- A result or an excused year saved or deleted, a candidate's level or specialty saved: their stored standing is
  deleted (the model signals cover every writer through the ORM; `results_changed` covers the bulk writes of
  imports, which bypass them).
"""
import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from candidates.models import Candidate, ExcusedYear, SubjectResult
from candidates.services.snapshots import snapshots_invalidate
from candidates.signals import results_changed

logger = logging.getLogger(__name__)

RULE_INPUTS = {"level", "specialty"}  # the fields of a candidate that `rules.assess` reads


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


@receiver(results_changed, dispatch_uid="candidates.invalidate_snapshots_on_results_changed")
def invalidate_snapshots_on_results_changed(sender, candidate_ids, **kwargs) -> None:
    snapshots_invalidate(candidate_ids)


@receiver(post_save, sender=SubjectResult, dispatch_uid="candidates.invalidate_snapshot_on_result_saved")
@receiver(post_delete, sender=SubjectResult, dispatch_uid="candidates.invalidate_snapshot_on_result_deleted")
@receiver(post_save, sender=ExcusedYear, dispatch_uid="candidates.invalidate_snapshot_on_excused_year_saved")
@receiver(post_delete, sender=ExcusedYear, dispatch_uid="candidates.invalidate_snapshot_on_excused_year_deleted")
def invalidate_snapshot_on_row_changed(sender, instance, **kwargs) -> None:
    snapshots_invalidate([instance.candidate_id])


@receiver(post_save, sender=Candidate, dispatch_uid="candidates.invalidate_snapshot_on_candidate_saved")
def invalidate_snapshot_on_candidate_saved(sender, instance, created, update_fields=None, **kwargs) -> None:
    if not created and (update_fields is None or RULE_INPUTS & set(update_fields)):
        snapshots_invalidate([instance.pk])
