"""`discard_stale_uploads`: delete import uploads (rows and private files) left unconfirmed for more than a day."""
from django.core.management.base import BaseCommand

from candidates.services.imports import import_uploads_discard_stale


class Command(BaseCommand):
    help = "Delete spreadsheet uploads that were neither confirmed nor cancelled within a day."

    def handle(self, *args, **options):
        count = import_uploads_discard_stale()
        self.stdout.write(f"discarded {count} stale uploads")
