"""The candidate portal: my progress, my results, the what-if planner. Every view works on the signed-in
candidate only, so another candidate's rows are never reachable."""
from django.http import Http404

from candidates.roles import candidate_of


def signed_in_candidate(request):
    """Return the candidate record of the signed-in user, or 404 for anyone else."""
    candidate = candidate_of(request.user)
    if candidate is None:
        raise Http404
    return candidate
