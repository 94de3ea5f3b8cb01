"""Stored standings (`StandingSnapshot`): computed by the rules, deleted when their inputs change, recomputed on read.

Staff lists count, filter and order a school's candidates by their situation in SQL over these rows; each row is
what `candidates.progress.assessments_for` says at the pending sitting, never a rule of its own.

- `snapshots_invalidate` deletes the snapshots of candidates whose results, excused years, level or specialty
  changed (the receivers in `candidates.receivers` call it, in or after the writer's transaction).
- `snapshots_bring_current` recomputes, before a list is read, the snapshots of its candidates that are missing or
  were computed against another pending sitting; `snapshots_refresh_stale` does the same for the whole table
  (nightly, and after a sitting's results are published), so that readers rarely have to.

Both a refresh and an invalidation first lock the candidates' rows (FOR NO KEY UPDATE, in id order), and a
refresh reads the passes only once it holds them. So an invalidation that follows a change either waits for a
refresh that read the data before the change and then deletes its snapshot, or runs first and makes the refresh
wait and read the change: a snapshot can never outlive the data it was computed from.
"""
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from candidates import rules
from candidates.models import Candidate, StandingSnapshot
from candidates.progress import assessments_for, pending_exam_year, situation_of

BATCH = 2000  # candidates refreshed per transaction (and per IN list: well inside SQLite's variable limit)
SCAN = 20_000  # ids examined per step of the whole-table refresh
SNAPSHOT_FIELDS = ["as_of", "situation", "remaining", "remaining_count", "lapsing", "deadline"]
SUBJECT_ORDER = list(rules.Subject)


def snapshot_of(candidate_id: int, assessment: rules.Assessment) -> StandingSnapshot:
    """Return the snapshot row of one assessment."""
    remaining = sorted(assessment.remaining, key=SUBJECT_ORDER.index)
    lapsing = sorted(assessment.lapsing, key=lambda status: (status.pass_year, SUBJECT_ORDER.index(status.subject)))
    return StandingSnapshot(
        candidate_id=candidate_id,
        as_of=assessment.as_of,
        situation=situation_of(assessment).value,
        remaining="".join(f",{subject}" for subject in remaining) + ("," if remaining else ""),
        remaining_count=len(remaining),
        lapsing=",".join(f"{status.pass_year}:{status.subject}" for status in lapsing),
        deadline=assessment.deadline,
    )


def remaining_subjects(snapshot: StandingSnapshot) -> list[str]:
    return [code for code in snapshot.remaining.split(",") if code]


def lapsing_passes(snapshot: StandingSnapshot) -> list[tuple[int, str]]:
    return [(int(year), subject) for year, subject in
            (item.split(":") for item in snapshot.lapsing.split(",") if item)]


def _ordered_ids(candidate_ids: Iterable[int]) -> list[int]:
    return sorted({int(pk) for pk in candidate_ids})


def _lock(ids: list[int]) -> list[Candidate]:
    """Lock the candidates' rows in id order (inside a transaction) and return them with what the rules read.

    Both a refresh and an invalidation take these locks, so that neither crosses the other (see above).
    """
    return list(
        Candidate.objects.select_for_update(no_key=True).filter(pk__in=ids).order_by("pk")
        .only("pk", "level", "specialty")
    )


def snapshots_refresh(candidate_ids: Iterable[int], *, as_of: int | None = None) -> int:
    """Recompute and store the snapshots of `candidate_ids`; return how many were stored.

    A fixed number of queries per batch of 2,000 candidates: lock, passes, excused years, upsert.
    """
    as_of = as_of if as_of is not None else pending_exam_year()
    ids = _ordered_ids(candidate_ids)
    stored = 0
    for start in range(0, len(ids), BATCH):
        with transaction.atomic():
            candidates = _lock(ids[start:start + BATCH])
            assessed = assessments_for(candidates, as_of=as_of)
            StandingSnapshot.objects.bulk_create(
                [snapshot_of(pk, assessment) for pk, assessment in assessed.items()],
                update_conflicts=True, unique_fields=["candidate"], update_fields=SNAPSHOT_FIELDS,
            )
        stored += len(candidates)
    return stored


def snapshots_invalidate(candidate_ids: Iterable[int]) -> None:
    """Delete the snapshots of `candidate_ids`, after any refresh of them in progress has committed."""
    ids = _ordered_ids(candidate_ids)
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        with transaction.atomic():
            _lock(batch)
            StandingSnapshot.objects.filter(candidate_id__in=batch).delete()


def stale(candidates: QuerySet, *, as_of: int) -> QuerySet:
    """Return those of `candidates` without a snapshot at `as_of`."""
    return candidates.filter(~Exists(StandingSnapshot.objects.filter(candidate=OuterRef("pk"), as_of=as_of)))


def snapshots_bring_current(candidates: QuerySet, *, as_of: int) -> int:
    """Recompute the snapshots of `candidates` that are missing or stale: one query when none is; return how many."""
    return snapshots_refresh(stale(candidates, as_of=as_of).values_list("pk", flat=True), as_of=as_of)


def snapshots_refresh_stale() -> int:
    """Bring every candidate's snapshot current, scanning the table by id range; return how many were recomputed.

    Run twice, the second run recomputes nothing.
    """
    as_of = pending_exam_year()
    recomputed, after = 0, 0
    while True:
        ids = list(Candidate.objects.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:SCAN])
        if not ids:
            return recomputed
        after = ids[-1]
        in_range = Candidate.objects.filter(pk__gte=ids[0], pk__lte=after)
        recomputed += snapshots_bring_current(in_range, as_of=as_of)
