"""Open reviews for candidates whose results changed, once the change is committed."""
from django.db import transaction
from django.dispatch import receiver

from candidates.models import Candidate
from candidates.signals import results_changed


@receiver(results_changed, dispatch_uid="reviews.open_reviews_on_results_changed")
def open_reviews_on_results_changed(sender, candidate_ids, **kwargs) -> None:
    """Open the review of each touched candidate who has just qualified in a reviewing province."""
    from .models import Review
    from .services import reviews_open_for_qualified

    if sender is Review:
        return
    ids = sorted(set(candidate_ids))

    def open_reviews():
        reviews_open_for_qualified(candidates=Candidate.objects.filter(pk__in=ids))

    transaction.on_commit(open_reviews)
