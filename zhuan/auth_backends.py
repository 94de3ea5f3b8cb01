"""Authentication backends: django-axes in front of Django's own."""
from axes.backends import AxesStandaloneBackend


class LoginAttemptsBackend(AxesStandaloneBackend):
    """Refuse locked-out logins; let programmatic logins without a request (test client, shell) through to Django."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        # Every login form and the admin pass the request; only code that runs outside HTTP calls without one.
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
