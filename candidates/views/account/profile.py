"""Profile and notification preferences of the signed-in candidate."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from candidates.forms.account import PreferencesForm, ProfileForm
from candidates.services.accounts import preferences_save, profile_update
from candidates.views.portal import signed_in_candidate


def profile(request):
    """Edit level, specialty, province and contact details, and choose which notifications to get."""
    candidate = signed_in_candidate(request)
    preferences = {p.kind: p for p in request.user.notification_preferences.all()}
    is_profile = request.method == "POST" and "save_profile" in request.POST
    is_preferences = request.method == "POST" and "save_preferences" in request.POST
    form = ProfileForm(request.POST if is_profile else None, instance=candidate)
    preferences_form = PreferencesForm(request.POST if is_preferences else None, preferences=preferences)
    if is_profile and form.is_valid():
        profile_update(candidate=form.save(commit=False), changed_fields=form.changed_data, by=request.user)
        messages.success(request, _("Your profile is saved."))
        return redirect("candidates:profile")
    if is_preferences and preferences_form.is_valid():
        data = preferences_form.cleaned_data
        kinds = {name.split("__")[0] for name in data}
        preferences_save(
            user=request.user, choices={kind: (data[f"{kind}__in_app"], data[f"{kind}__by_email"]) for kind in kinds}
        )
        messages.success(request, _("Your notification choices are saved."))
        return redirect("candidates:profile")
    return render(request, "candidates/account/profile.html", {
        "form": form, "preferences_form": preferences_form, "candidate": candidate,
    })
