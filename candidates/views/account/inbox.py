"""The in-app messages of the signed-in user."""
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from candidates.models import Notification

PAGE_SIZE = 20


def inbox(request):
    """List the user's messages, newest first, a page at a time."""
    page = Paginator(Notification.objects.for_user(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "candidates/account/inbox.html", {"page": page})


def message(request, pk: int):
    """Show one of the user's messages and mark it read; anyone else's is a 404."""
    note = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    # Links come from jobs; only ever follow one to this site.
    safe = url_has_allowed_host_and_scheme(note.link, allowed_hosts={request.get_host()}, require_https=False)
    return render(request, "candidates/account/message.html", {"note": note, "link": note.link if safe else ""})


@require_POST
def mark_all_read(request):
    """Mark every unread message of the user read."""
    Notification.objects.for_user(request.user).unread().update(read_at=timezone.now())
    return redirect("candidates:inbox")
