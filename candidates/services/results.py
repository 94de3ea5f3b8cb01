"""Recording results: one subject, or one exam year's subjects for one candidate, all or nothing, with history."""
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from candidates.models import Candidate, PassMark, SubjectResult
from candidates.models.choices import ResultSource
from candidates.signals import results_changed


def _result_save(
    *, candidate: Candidate, exam_year: int, subject: str, row: SubjectResult | None, entry, by, source: str,
    pass_marks: dict,
) -> SubjectResult | None:
    """Create, change or (entry None) delete one row; history is written with `by` as its author."""
    if entry is None:
        if row is not None:
            row._history_user = by
            row.delete()
        return None
    score, code, specialty = entry
    row = row or SubjectResult(candidate=candidate, exam_year_id=exam_year, subject=subject)
    row.score = Decimal(score) if score is not None else None
    row.code = code or ""
    row.specialty = specialty or ""
    row.source = source
    row.entered_by = by
    if source != ResultSource.CANDIDATE:
        row.verified_by, row.verified_at = by, timezone.now()
    row.full_clean(exclude=["candidate", "exam_year", "entered_by", "verified_by"], validate_unique=False)
    row._history_user = by
    row.save(pass_marks=pass_marks)
    return row


@transaction.atomic
def result_record(
    *, candidate: Candidate, exam_year: int, subject: str, specialty: str = "", score=None, code: str = "", by,
    source: str = ResultSource.CANDIDATE,
) -> SubjectResult:
    """Save one subject's score or code of `candidate` at `exam_year`, with history; sends `results_changed`.

    A verified row is left as it is when the candidate writes (it is returned unchanged).
    """
    row = (
        candidate.results.select_for_update()
        .filter(exam_year_id=exam_year, subject=subject, specialty=specialty or "")
        .first()
    )
    if row is not None and row.verified_at is not None and source == ResultSource.CANDIDATE:
        return row
    pass_marks = PassMark.objects.filter(exam_year_id=exam_year).as_lookup()
    row = _result_save(
        candidate=candidate, exam_year=exam_year, subject=subject, row=row, entry=(score, code, specialty), by=by,
        source=source, pass_marks=pass_marks,
    )
    results_changed.send(sender=SubjectResult, candidate_ids=[candidate.pk])
    return row


@transaction.atomic
def results_record(*, candidate: Candidate, exam_year: int, entries: dict, by, source: str) -> list[SubjectResult]:
    """Save one exam year's results of `candidate`: {subject: (score, code, specialty) or None to clear}.

    Verified results are left untouched unless the writer is staff (source staff/import/admin); clearing a
    subject deletes its unverified row (the deletion is in the history). Sends `results_changed` once.
    """
    pass_marks = PassMark.objects.filter(exam_year_id=exam_year).as_lookup()
    existing = {row.subject: row for row in candidate.results.filter(exam_year_id=exam_year).select_for_update()}
    saved = []
    for subject, entry in entries.items():
        row = existing.get(subject)
        if row is not None and row.verified_at is not None and source == ResultSource.CANDIDATE:
            continue
        row = _result_save(
            candidate=candidate, exam_year=exam_year, subject=subject, row=row, entry=entry, by=by, source=source,
            pass_marks=pass_marks,
        )
        if row is not None:
            saved.append(row)
    results_changed.send(sender=SubjectResult, candidate_ids=[candidate.pk])
    return saved
