"""Refresh every candidate's expiry flags synchronously and say how many were raised and resolved."""
from django.core.management.base import BaseCommand

from candidates.services.flags import flags_refresh_all


class Command(BaseCommand):
    help = "Recompute the expiry flags of every candidate now (the nightly Celery job does the same, fanned out)."

    def handle(self, *args, **options):
        report = flags_refresh_all()
        self.stdout.write(f"Flags raised: {report.raised}; resolved: {report.resolved}.")
