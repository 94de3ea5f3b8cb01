"""Importing a results spreadsheet: preview every row, then save all of them or none, with history."""
import datetime

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from candidates import roles
from candidates.imports.parsing import read_table
from candidates.imports.results import CHANGED, NEW, Preview, results_preview
from candidates.imports.roster import RosterPreview, roster_preview
from candidates.models import Candidate, Enrolment, ImportUpload, PassMark, SubjectResult
from candidates.models.choices import ResultSource
from candidates.services.history import history_copy
from candidates.signals import results_changed


class ImportRefused(Exception):
    """The import cannot be confirmed: the message says why."""


def upload_store(*, content: bytes, name: str, school, exam_year: int, by) -> ImportUpload:
    """Keep an uploaded file privately, under a generated name, until it is confirmed or cancelled."""
    upload = ImportUpload(school=school, exam_year_id=exam_year, original_name=name[:200], uploaded_by=by)
    upload.file.save("upload", ContentFile(content), save=False)
    upload.save()
    return upload


STALE_AFTER = datetime.timedelta(days=1)


def import_uploads_discard_stale(*, now: datetime.datetime | None = None) -> int:
    """Delete the uploads (rows and files) left unconfirmed for more than a day; return how many."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    stale = list(ImportUpload.objects.filter(created_at__lt=cutoff))
    for upload in stale:
        upload.discard()
    return len(stale)


def results_import_preview(*, upload: ImportUpload) -> Preview:
    """Read the upload and validate every row (UnreadableFile if the file as a whole cannot be read)."""
    table = read_table(upload.content(), upload.original_name)
    return results_preview(table, school=upload.school, exam_year=upload.exam_year_id)


def results_import_confirm(*, upload: ImportUpload, by) -> Preview:
    """Save every new or changed result of the upload, or nothing if any row is wrong; then delete the upload."""
    if roles.school_of(by) is None or roles.school_of(by).pk != upload.school_id:
        raise ImportRefused("not staff of the upload's school")
    preview = results_import_preview(upload=upload)
    if preview.errors:
        raise ImportRefused("the file has errors")
    now = timezone.now()
    pass_marks = PassMark.objects.filter(exam_year_id=upload.exam_year_id).as_lookup()
    created, changed = [], []
    for row in preview.rows:
        for entry in row.entries:
            if entry.status not in (NEW, CHANGED):
                continue
            result = entry.existing or SubjectResult(
                candidate=row.candidate, exam_year_id=upload.exam_year_id, subject=entry.subject,
                specialty=entry.specialty, created_at=now,
            )
            result.score, result.code = entry.score, entry.code
            result.source, result.entered_by, result.verified_by, result.verified_at = ResultSource.IMPORT, by, by, now
            result.voided, result.void_reason = False, ""
            result.passed = result.is_pass(pass_marks)
            result.updated_at = now
            (changed if entry.existing else created).append(result)
    with transaction.atomic():
        SubjectResult.objects.bulk_create(created, batch_size=2000)
        _update_results(changed)
        history_copy(SubjectResult, [result.pk for result in created], history_type="+", by=by, reason="import",
                     when=now)
        history_copy(SubjectResult, [result.pk for result in changed], history_type="~", by=by, reason="import",
                     when=now)
        touched = sorted({row.candidate.pk for row in preview.rows if row.status in (NEW, CHANGED)})
        results_changed.send(sender=ImportUpload, candidate_ids=touched)
        transaction.on_commit(upload.discard)
    return preview


UPDATE_BATCH = 1000
UPDATE_SQL = """
UPDATE candidates_subjectresult SET score = v.score, code = v.code, passed = v.passed, source = v.source,
    entered_by_id = v.entered_by_id, verified_by_id = v.verified_by_id, verified_at = v.verified_at,
    voided = v.voided, void_reason = v.void_reason, updated_at = v.updated_at
FROM (
    SELECT column1 AS id, column2 AS score, column3 AS code, column4 AS passed, column5 AS source,
           column6 AS entered_by_id, column7 AS verified_by_id, column8 AS verified_at, column9 AS voided,
           column10 AS void_reason, column11 AS updated_at
    FROM (VALUES {rows}) AS changed_rows
) AS v
WHERE candidates_subjectresult.id = v.id
"""


def _update_results(results: list[SubjectResult]) -> None:
    """Write changed results in batches of one UPDATE ... FROM (VALUES ...) each (Django's bulk_update is slow)."""
    cast = connection.vendor == "postgresql"
    row = (
        "(%s::bigint, %s::numeric, %s, %s::boolean, %s, %s::integer, %s::integer, %s::timestamptz, %s::boolean, %s,"
        " %s::timestamptz)" if cast else "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(results), UPDATE_BATCH):
            batch = results[start:start + UPDATE_BATCH]
            params = []
            for r in batch:
                params += [r.pk, r.score, r.code, r.passed, r.source, r.entered_by_id, r.verified_by_id, r.verified_at,
                           r.voided, r.void_reason, r.updated_at]
            cursor.execute(UPDATE_SQL.format(rows=", ".join([row] * len(batch))), params)


def roster_upload_store(*, content: bytes, name: str, cohort, by) -> ImportUpload:
    """Keep an uploaded roster privately, under a generated name, until it is confirmed or cancelled."""
    upload = ImportUpload(kind=ImportUpload.Kind.ROSTER, school=cohort.school, cohort=cohort,
                          original_name=name[:200], uploaded_by=by)
    upload.file.save("upload", ContentFile(content), save=False)
    upload.save()
    return upload


def roster_import_preview(*, upload: ImportUpload) -> RosterPreview:
    """Read the roster upload and validate every row for its cohort (UnreadableFile if the file cannot be read)."""
    return roster_preview(read_table(upload.content(), upload.original_name), cohort=upload.cohort)


def roster_import_confirm(*, upload: ImportUpload, by) -> RosterPreview:
    """Create the new candidates and enrol them and the joining ones in the cohort, all rows or none."""
    if roles.school_of(by) is None or roles.school_of(by).pk != upload.school_id:
        raise ImportRefused("not staff of the upload's school")
    with transaction.atomic():
        upload = ImportUpload.objects.select_for_update(of=("self",)).select_related("cohort").get(pk=upload.pk)
        if upload.cohort is None or upload.cohort.school_id != upload.school_id or upload.cohort.is_archived:
            raise ImportRefused("the cohort is gone or archived")
        preview = roster_import_preview(upload=upload)
        if preview.errors:
            raise ImportRefused("the file has errors")
        new = preview.new_candidates()
        if new:
            bulk_create_with_history(new, Candidate, batch_size=2000, default_user=by,
                                     default_change_reason="roster import")
        new_ids = list(Candidate.objects.filter(id_number__in=[c.id_number for c in new]).values_list("pk", flat=True))
        enrolments = [Enrolment(candidate_id=pk, cohort=upload.cohort) for pk in [*new_ids, *preview.joining_ids()]]
        if enrolments:
            bulk_create_with_history(enrolments, Enrolment, batch_size=2000, default_user=by,
                                     default_change_reason="roster import")
        transaction.on_commit(upload.discard)
    return preview
