"""Self sign-up for candidates who are not with a school, confirmed by email."""
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from candidates.forms.account import ID_NUMBER_TAKEN, SIGNUP_THROTTLED, USERNAME_TAKEN, SignUpForm
from candidates.services.accounts import SignupConflict, signup_confirm, signup_create
from zhuan.client_address import client_ip_address

SIGNUP_ATTEMPTS_PER_HOUR = 10
CONFLICT_MESSAGES = {"id_number": ID_NUMBER_TAKEN, "username": USERNAME_TAKEN}


def attempts_key(address: str | None) -> str:
    """The cache key counting one client address's sign-up submissions this hour."""
    return f"account:signup-attempts:{address or ''}"


def _attempts_exceeded(request) -> bool:
    """Count this address's sign-up submissions in the current hour; True once over the limit."""
    key = attempts_key(client_ip_address(request))
    cache.add(key, 0, timeout=3600)
    try:
        attempts = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
        attempts = 1
    return attempts > SIGNUP_ATTEMPTS_PER_HOUR


@login_not_required
@never_cache
def signup(request):
    """Create an account and a candidate record; the account works once the email address is confirmed."""
    if request.user.is_authenticated:
        return redirect("candidates:home")
    # Bound on every POST, even an empty one, so that its errors (and the throttle's) can be shown.
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _attempts_exceeded(request):
            form.is_valid()
            form.add_error(None, SIGNUP_THROTTLED)
            return render(request, "candidates/account/signup.html", {"form": form}, status=429)
        if form.is_valid():
            try:
                signup_create(data=form.cleaned_data, base_url=request.build_absolute_uri("/")[:-1])
            except SignupConflict as conflict:
                form.add_error(conflict.field, CONFLICT_MESSAGES[conflict.field])
            else:
                return render(request, "candidates/account/signup_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "candidates/account/signup.html", {"form": form})


@login_not_required
@never_cache
def signup_confirmed(request, token: str):
    """Activate the account of a confirmation link and sign in; a used, old or forged link says so."""
    user = signup_confirm(token=token)
    if user is None:
        return render(request, "candidates/account/signup_invalid.html", status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your email address is confirmed: welcome to zhuan."))

    return redirect("candidates:progress")
