"""Pages of training-school staff, all scoped to the staff member's own school: anything else is a 404.

Roles: managers create, edit and archive cohorts and invite candidates; teachers see every page and export,
enrol, create, move and remove candidates. A teacher asking for a manager's action gets the same 404 as anyone
outside the school, and candidates and administrators (who work in the admin) get a 404 on every staff page.
"""
from django.http import Http404
from django.shortcuts import get_object_or_404

from candidates import roles
from candidates.models import Candidate, Cohort, StaffMembership

PAGE_SIZE = 50  # candidates per page of the at-risk list and the cohort dashboard


def staff_school(request):
    """Return the signed-in staff member's school, or 404 for anyone who is not school staff."""
    school = roles.school_of(request.user)
    if school is None:
        raise Http404
    return school


def school_cohort(request, pk: int) -> Cohort:
    """Return a cohort of the staff member's school, or 404."""
    return get_object_or_404(Cohort.objects.filter(school=staff_school(request)).select_related("school"), pk=pk)


def school_candidate(request, pk: int) -> Candidate:
    """Return a candidate ever enrolled at the staff member's school, or 404."""
    staff_school(request)
    return get_object_or_404(Candidate.objects.visible_to(request.user).select_related("province", "user"), pk=pk)


def is_manager(request) -> bool:
    return roles.staff_role(request.user) == StaffMembership.Role.MANAGER


def require_manager(request) -> None:
    """Only managers create, archive and invite; teachers get the same 404 as outsiders."""
    if not is_manager(request):
        raise Http404
