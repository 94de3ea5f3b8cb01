"""My progress: the headline, each subject's state and the validity timeline."""
from django.shortcuts import render

from candidates.standing import standing_of
from candidates.timeline import timeline_for

from . import signed_in_candidate


def progress(request):
    """Show the signed-in candidate where they stand at the pending sitting."""
    candidate = signed_in_candidate(request)
    standing = standing_of(candidate)
    timeline = timeline_for(standing.rows, standing.pending, standing.headline)
    return render(request, "candidates/portal/progress.html", {
        "standing": standing, "timeline": timeline, "candidate": candidate,
    })
