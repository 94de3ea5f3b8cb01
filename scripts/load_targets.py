"""Write the wrk targets of the load run: one line per request, "<session key> <path>", candidates and staff mixed.

Each demo user gets a session through Django's test client (force_login stores it in the database), so wrk can
send their cookie; the paths are each role's own pages, with their own cohort and candidate ids.
"""
import argparse
import itertools
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhuan.settings.production")
django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from candidates.models import Candidate, Cohort, StaffMembership  # noqa: E402

CANDIDATE_PATHS = ["/me/", "/me/results/", "/me/planner/", "/me/dates/", "/me/messages/", "/me/profile/"]
STAFF_PATHS = ["/school/", "/school/at-risk/"]


def session_key(user) -> str:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def candidate_targets(limit: int) -> list[tuple[str, str]]:
    targets = []
    for candidate in Candidate.objects.filter(user__isnull=False).select_related("user").order_by("pk")[:limit]:
        key = session_key(candidate.user)
        targets += [(key, path) for path in CANDIDATE_PATHS]
    return targets


def staff_targets() -> list[tuple[str, str]]:
    targets = []
    for membership in StaffMembership.objects.select_related("user", "school").order_by("pk"):
        key = session_key(membership.user)
        cohorts = list(Cohort.objects.filter(school=membership.school).values_list("pk", flat=True)[:3])
        candidates = Candidate.objects.filter(enrolments__cohort__school=membership.school).distinct()
        targets += [(key, path) for path in STAFF_PATHS]
        targets += [(key, f"/school/cohorts/{pk}/") for pk in cohorts]
        targets += [(key, f"/school/candidates/{pk}/") for pk in candidates.values_list("pk", flat=True)[:5]]
    return targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output")
    parser.add_argument("--candidates", type=int, default=40, help="candidate accounts to log in")
    args = parser.parse_args()
    candidates, staff = candidate_targets(args.candidates), staff_targets()
    if not candidates or not staff:
        sys.exit("no demo candidates or staff: run `manage.py seed_demo` first")
    # Interleave so that every stretch of requests mixes candidates' and staff's pages.
    mixed = [target for pair in zip(candidates, itertools.cycle(staff)) for target in pair]
    Path(args.output).write_text("".join(f"{key} {path}\n" for key, path in mixed))
    print(f"{len(mixed)} targets: {len(candidates)} candidate and {len(staff)} staff requests in the cycle")


if __name__ == "__main__":
    main()
