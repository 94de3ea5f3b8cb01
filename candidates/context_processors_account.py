"""Template context of the account area: the signed-in user's unread message count, one query when shown."""
from django.utils.functional import SimpleLazyObject


def unread_messages(request):
    """Expose `unread_messages`, counted lazily (one COUNT query) the first time a template reads it."""
    user = getattr(request, "user", None)

    def count() -> int:
        if user is None or not user.is_authenticated:
            return 0
        from candidates.models import Notification

        return Notification.objects.for_user(user).unread().count()

    return {"unread_messages": SimpleLazyObject(count)}
