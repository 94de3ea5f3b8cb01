"""The landing page after login: each role starts on its own page."""
from django.shortcuts import redirect, render

from candidates import roles


def home(request):
    """Send candidates to their progress, staff to their school, administrators to the admin; others are told."""
    user = request.user
    if roles.candidate_of(user) is not None:
        return redirect("candidates:progress")
    if roles.school_of(user) is not None:
        return redirect("candidates:staff_cohort_list")
    if roles.is_administrator(user) and user.is_staff:
        return redirect("admin:index")
    return render(request, "candidates/home.html")
