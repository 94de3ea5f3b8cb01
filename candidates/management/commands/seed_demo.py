"""Load the demo data (idempotent) and print how to log in."""
from django.core.management.base import BaseCommand

from candidates.demo import ACCOUNTS, demo_password, seed_demo


class Command(BaseCommand):
    help = "Create the demo schools, cohorts, candidates and accounts that are missing; a second run changes nothing."

    def handle(self, *args, **options):
        report = seed_demo()
        if report.total:
            created = ", ".join(f"{what} {count}" for what, count in report.created.items() if count)
            self.stdout.write(f"Demo data created: {created}.")
        else:
            self.stdout.write("Demo data already present: nothing to do.")
        self.stdout.write(f"Demo accounts (password: {demo_password()}):")
        for username, what in ACCOUNTS:
            self.stdout.write(f"  {username:<13} {what}")
