"""The benchmark's reference view: one primary-key lookup and a small template (routed only with BENCHMARK_URLS)."""
from django.shortcuts import get_object_or_404, render

from candidates.models import Candidate


def candidate_card(request, pk: int):
    """Show one candidate's name and level: the cheapest real page, the ceiling for the progress page."""
    candidate = get_object_or_404(Candidate.objects.visible_to(request.user), pk=pk)
    return render(request, "candidates/benchmark_card.html", {"candidate": candidate})
