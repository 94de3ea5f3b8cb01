"""`import_results FILE --exam-year Y --school SLUG`: the staff import from the command line, all rows or none."""
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from candidates.imports.outcome import ImportOutcome
from candidates.models import ExamYear, School
from candidates.services.imports import results_import_confirm, upload_store


class Command(BaseCommand):
    help = "Import one exam year's results for a school's candidates from a CSV or XLSX file (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--exam-year", type=int, required=True)
        parser.add_argument("--school", required=True, help="the school's short name (slug)")
        parser.add_argument("--user", help="staff username recorded as importer (default: the school's manager)")
        parser.add_argument("--dry-run", action="store_true", help="check and report, save nothing")

    def handle(self, *args, file, exam_year, school, user=None, dry_run=False, **options):
        school_row = School.objects.filter(slug=school).first()
        if school_row is None:
            raise CommandError(f"no school with slug {school!r}")
        if not ExamYear.objects.published().filter(year=exam_year).exists():
            raise CommandError(f"the results of {exam_year} are not published")
        staff = get_user_model().objects.filter(staff_membership__school=school_row)
        by = (staff.filter(username=user) if user else staff.order_by("staff_membership__role", "pk")).first()
        if by is None:
            raise CommandError("no staff user of this school to record as importer")
        path = Path(file)
        with transaction.atomic():
            upload = upload_store(content=path.read_bytes(), name=path.name, school=school_row,
                                  exam_year=exam_year, by=by)
            outcome = ImportOutcome(upload)
            if outcome.file_error:
                raise CommandError(outcome.file_error)
            for error in outcome.errors():
                self.stderr.write(f"row {error['row']}, {error['column'] or '-'}: {error['message']}")
            if outcome.error_count:
                raise CommandError(f"{outcome.error_count} errors: nothing imported")
            if dry_run:
                transaction.set_rollback(True)
            else:
                results_import_confirm(upload=upload, by=by)
        counts = outcome.counts
        verb = "would import" if dry_run else "imported"
        self.stdout.write(f"{verb}: {counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged")
        if dry_run:
            upload.file.delete(save=False)
