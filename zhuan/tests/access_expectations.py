"""The expected answer of every named URL for every role and method, read by test_access_matrix.

Each URL name maps to one or more cases. A case names the URL's arguments (built from the objects of
candidate A and school 1, see `World` in test_access_matrix) and the expected answer per role for GET and
POST. Answers: a status code, LOGIN (a redirect to the login page that comes back here) or REDIRECT (any
other redirect). A URL added to the URLconf without an entry here fails the matrix test.
"""
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = ("anonymous", "candidate_a", "candidate_b", "staff1", "staff2", "administrator")
# Owners come last: their POST may change or delete the object the other roles were refused.
ORDER = ("anonymous", "candidate_b", "staff2", "administrator", "staff1", "candidate_a")

OK = 200
BAD_REQUEST = 400
NOT_FOUND = 404
NOT_ALLOWED = 405
LOGIN = "login"
REDIRECT = "redirect"


def answers(default, **by_role) -> dict[str, Any]:
    """Return the expected answer of every role: `default` unless named."""
    unknown = set(by_role) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return {role: by_role.get(role, default) for role in ROLES}


# The usual shapes.
EVERYONE_OK = answers(OK)
SIGNED_IN_OK = answers(OK, anonymous=LOGIN)
CANDIDATES_ONLY = answers(NOT_FOUND, anonymous=LOGIN, candidate_a=OK, candidate_b=OK)
CANDIDATE_A_ONLY = answers(NOT_FOUND, anonymous=LOGIN, candidate_a=OK)
STAFF_ONLY = answers(NOT_FOUND, anonymous=LOGIN, staff1=OK, staff2=OK)
STAFF1_ONLY = answers(NOT_FOUND, anonymous=LOGIN, staff1=OK)
POST_ONLY = answers(NOT_ALLOWED, anonymous=LOGIN)


def succeeds_for(shape: dict[str, Any]) -> dict[str, Any]:
    """Return `shape` with every 200 also accepting a redirect: a POST that may re-show its form or move on."""
    return {role: (OK, REDIRECT) if answer == OK else answer for role, answer in shape.items()}


def redirect_for(shape: dict[str, Any]) -> dict[str, Any]:
    """Return `shape` with every 200 turned into a redirect: an action that succeeds and moves on."""
    return {role: REDIRECT if answer == OK else answer for role, answer in shape.items()}


@dataclass(frozen=True)
class Case:
    """One way of calling a URL and what each role gets back."""

    get: dict[str, Any] | None
    post: dict[str, Any] | None
    kwargs: Callable[[Any], dict] = lambda world: {}
    query: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    label: str = ""


def case(get, post, kwargs=lambda world: {}, **options) -> Case:
    return Case(get=get, post=post, kwargs=kwargs, **options)


def cohort(world):
    return {"pk": world.cohort.pk}


def candidate(world):
    return {"pk": world.candidate_a.pk}


def enrolment(world):
    return {"pk": world.enrolment.pk}


def review(world):
    return {"pk": world.review.pk}


def material(world):
    return {"pk": world.material.pk}


def upload(world):
    return {"pk": world.upload.pk}


EXPECTATIONS: dict[str, list[Case]] = {
    # --- Django's authentication pages and the language switch -------------------------------------------------
    "login": [case(EVERYONE_OK, EVERYONE_OK)],
    "logout": [case(answers(NOT_ALLOWED, anonymous=LOGIN), answers(REDIRECT, anonymous=LOGIN))],
    "password_change": [case(SIGNED_IN_OK, SIGNED_IN_OK)],
    "password_change_done": [case(SIGNED_IN_OK, answers(NOT_ALLOWED, anonymous=LOGIN))],
    "password_reset": [case(EVERYONE_OK, EVERYONE_OK)],
    "password_reset_done": [case(EVERYONE_OK, answers(NOT_ALLOWED))],
    "password_reset_confirm": [
        case(EVERYONE_OK, EVERYONE_OK, lambda world: {"uidb64": "MQ", "token": "not-a-token"}, label="bad link"),
    ],
    "password_reset_complete": [case(EVERYONE_OK, answers(NOT_ALLOWED))],
    "set_language": [case(answers(REDIRECT), answers(REDIRECT))],
    # --- home, sign-up, invitations ------------------------------------------------------------------------------
    "candidates:home": [case(answers(REDIRECT, anonymous=LOGIN), answers(REDIRECT, anonymous=LOGIN))],
    "candidates:signup": [
        # A signed-in user has an account already: sign-up sends them home.
        case(answers(REDIRECT, anonymous=OK), answers(REDIRECT, anonymous=OK)),
    ],
    "candidates:signup_confirm": [
        case(answers(BAD_REQUEST), answers(BAD_REQUEST), lambda world: {"token": "forged"}, label="forged token"),
    ],
    "candidates:invitation_accept": [
        case(answers(BAD_REQUEST), answers(BAD_REQUEST),
             lambda world: {"uidb64": world.uidb64_a, "token": "forged-token"}, label="forged token"),
    ],
    # --- the candidate portal ------------------------------------------------------------------------------------
    "candidates:progress": [case(CANDIDATES_ONLY, CANDIDATES_ONLY)],
    "candidates:results": [case(CANDIDATES_ONLY, CANDIDATES_ONLY)],
    "candidates:result_add": [
        case(CANDIDATES_ONLY, CANDIDATES_ONLY, lambda world: {"year": world.published_year}, label="published"),
        case(redirect_for(CANDIDATES_ONLY), redirect_for(CANDIDATES_ONLY),
             lambda world: {"year": world.unpublished_year}, label="not published"),
        case(answers(NOT_FOUND, anonymous=LOGIN), answers(NOT_FOUND, anonymous=LOGIN),
             lambda world: {"year": 1999}, label="no such year"),
    ],
    "candidates:planner": [
        case(CANDIDATES_ONLY, CANDIDATES_ONLY),
        case(CANDIDATES_ONLY, CANDIDATES_ONLY, headers={"HX-Request": "true"}, query="now=law",
             label="htmx partial"),
    ],
    # --- account: profile, dates, calendar feed, messages --------------------------------------------------------
    "candidates:profile": [case(CANDIDATES_ONLY, CANDIDATES_ONLY)],
    "candidates:key_dates": [case(CANDIDATES_ONLY, CANDIDATES_ONLY)],
    "candidates:calendar_reset": [case(POST_ONLY, redirect_for(CANDIDATES_ONLY))],
    "candidates:calendar_feed": [
        # The private token is the credential (calendar apps cannot log in): whoever holds it gets A's feed.
        case(EVERYONE_OK, EVERYONE_OK, lambda world: {"token": world.candidate_a.calendar_token}, label="A's token"),
        case(answers(NOT_FOUND), answers(NOT_FOUND), lambda world: {"token": "x" * 32}, label="unknown token"),
    ],
    "candidates:inbox": [case(SIGNED_IN_OK, SIGNED_IN_OK)],
    "candidates:message": [case(CANDIDATE_A_ONLY, CANDIDATE_A_ONLY, lambda world: {"pk": world.message_a.pk})],
    "candidates:inbox_mark_read": [case(POST_ONLY, answers(REDIRECT, anonymous=LOGIN))],
    # --- school staff: cohorts, candidates, enrolments, exports -------------------------------------------------
    "candidates:staff_cohort_list": [case(STAFF_ONLY, STAFF_ONLY)],
    "candidates:staff_cohort_create": [case(STAFF_ONLY, STAFF_ONLY)],
    "candidates:staff_cohort_detail": [case(STAFF1_ONLY, STAFF1_ONLY, cohort)],
    "candidates:staff_cohort_edit": [case(STAFF1_ONLY, STAFF1_ONLY, cohort)],
    "candidates:staff_cohort_archive": [case(POST_ONLY, redirect_for(STAFF1_ONLY), cohort)],
    "candidates:staff_enrol": [case(STAFF1_ONLY, STAFF1_ONLY, cohort)],
    "candidates:staff_candidate_create": [case(STAFF1_ONLY, STAFF1_ONLY, cohort)],
    "candidates:staff_roster_export": [
        case(STAFF1_ONLY, STAFF1_ONLY, lambda world: {"pk": world.cohort.pk, "fmt": "csv"}, label="csv"),
        case(STAFF1_ONLY, STAFF1_ONLY, lambda world: {"pk": world.cohort.pk, "fmt": "xlsx"}, label="xlsx"),
        case(answers(NOT_FOUND, anonymous=LOGIN), answers(NOT_FOUND, anonymous=LOGIN),
             lambda world: {"pk": world.cohort.pk, "fmt": "exe"}, label="unknown format"),
    ],
    "candidates:staff_enrolment_move": [case(STAFF1_ONLY, STAFF1_ONLY, enrolment)],
    "candidates:staff_enrolment_end": [case(POST_ONLY, redirect_for(STAFF1_ONLY), enrolment)],
    "candidates:staff_candidate_detail": [case(STAFF1_ONLY, STAFF1_ONLY, candidate)],
    "candidates:staff_invite": [case(POST_ONLY, redirect_for(STAFF1_ONLY), candidate)],
    "candidates:staff_at_risk": [case(STAFF_ONLY, STAFF_ONLY)],
    "candidates:staff_at_risk_export": [
        case(STAFF_ONLY, STAFF_ONLY, lambda world: {"fmt": "csv"}, label="csv"),
        case(STAFF_ONLY, STAFF_ONLY, lambda world: {"fmt": "xlsx"}, label="xlsx"),
    ],
    # --- school staff: the results import ------------------------------------------------------------------------
    "candidates:staff_import": [case(STAFF_ONLY, STAFF_ONLY)],
    "candidates:staff_import_preview": [case(STAFF1_ONLY, STAFF1_ONLY, upload)],
    "candidates:staff_import_confirm": [case(POST_ONLY, redirect_for(STAFF1_ONLY), upload)],
    "candidates:staff_import_cancel": [case(POST_ONLY, redirect_for(STAFF1_ONLY), upload)],
    "candidates:staff_import_roster": [case(STAFF_ONLY, succeeds_for(STAFF_ONLY))],
    "candidates:staff_import_template": [
        case(STAFF_ONLY, STAFF_ONLY, lambda world: {"fmt": "csv"}, label="csv"),
        case(STAFF_ONLY, STAFF_ONLY, lambda world: {"fmt": "xlsx"}, label="xlsx"),
    ],
    # --- post-exam review ------------------------------------------------------------------------------------------
    "reviews:my_review": [case(CANDIDATES_ONLY, None)],
    "reviews:upload": [case(POST_ONLY, succeeds_for(CANDIDATE_A_ONLY), review)],
    "reviews:submit": [case(POST_ONLY, succeeds_for(CANDIDATE_A_ONLY), review)],
    # The file of a review material: its candidate, staff of the candidate's school and administrators; anyone
    # else, signed in or not, gets the 404 of a missing file.
    "reviews:material_file": [
        case(answers(NOT_FOUND, candidate_a=OK, staff1=OK, administrator=OK), None, material),
    ],
    "reviews:mark": [case(POST_ONLY, succeeds_for(STAFF1_ONLY), material)],
    "reviews:board": [case(STAFF_ONLY, None)],
    "reviews:review_detail": [case(STAFF1_ONLY, None, review)],
    "reviews:advance": [case(POST_ONLY, succeeds_for(STAFF1_ONLY), review)],
    "reviews:certificate": [case(POST_ONLY, succeeds_for(STAFF1_ONLY), review)],
}


def from_app_format(entry) -> list[Case]:
    """Accept an app's entry as (kwargs or None, {"GET": {role: answer}, "POST": ...}) besides a list of cases."""
    if isinstance(entry, list):
        return entry
    kwargs, methods = entry
    return [Case(get=methods.get("GET"), post=methods.get("POST"), kwargs=kwargs or (lambda world: {}))]


# Apps may keep their URLs' expectations beside their tests: reviews/tests/access.py defines EXPECTATIONS.
try:
    from reviews.tests.access import EXPECTATIONS as REVIEW_EXPECTATIONS
except ImportError:
    REVIEW_EXPECTATIONS = {}
EXPECTATIONS.update({name: from_app_format(entry) for name, entry in REVIEW_EXPECTATIONS.items()})
