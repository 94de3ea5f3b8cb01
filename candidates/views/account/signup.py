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

SIGNUP_ATTEMPTS_PER_HOUR = 10
CONFLICT_MESSAGES = {"id_number": ID_NUMBER_TAKEN, "username": USERNAME_TAKEN}


def _attempts_exceeded(request) -> bool:
    """Count this address's sign-up submissions in the current hour; True once over the limit."""
    key = f"account:signup-attempts:{request.META.get('REMOTE_ADDR', '')}"
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
    form = SignUpForm(request.POST or None)
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
