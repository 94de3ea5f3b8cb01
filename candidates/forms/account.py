"""Forms of the account pages: self sign-up, profile and notification preferences."""
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from candidates.models import Candidate
from candidates.models.choices import Level
from candidates.models.notifications import NotificationKind
from candidates.validators import normalize_id_number

ID_NUMBER_TAKEN = _("A record with this ID number already exists: ask your training school for an invitation.")
USERNAME_TAKEN = _("This username is taken: choose another.")
EMAIL_TAKEN = _("An account already uses this email address: sign in or reset your password.")
HELD_SPECIALTY_REQUIRED = _("To add a specialty, choose the specialty of the certificate you already hold.")
SPECIALTY_SAME_AS_HELD = _("Choose a specialty other than the one you already hold.")
STAFF_ONLY_KINDS = {NotificationKind.STAFF_DIGEST}
SIGNUP_THROTTLED = _("Too many sign-up attempts from here: wait an hour and try again.")


def email_in_use(email: str, *, except_user=None) -> bool:
    """Return whether another account already uses `email` (case-insensitive)."""
    users = get_user_model().objects.filter(email__iexact=email)
    if except_user is not None:
        users = users.exclude(pk=except_user.pk)
    return bool(email) and users.exists()


class LevelAndSpecialtyMixin:
    """Put the held-specialty rules of `Candidate` at the fields a person can fix."""

    def clean_level_and_specialty(self, data: dict) -> None:
        level, specialty, held = data.get("level"), data.get("specialty"), data.get("held_specialty")
        if level != Level.ADD_SPECIALTY:
            data["held_specialty"] = ""
            self.instance.held_specialty = ""
            return
        if not held:
            self.add_error("held_specialty", HELD_SPECIALTY_REQUIRED)
        elif specialty and held == specialty:
            self.add_error("specialty", SPECIALTY_SAME_AS_HELD)


class SignUpForm(LevelAndSpecialtyMixin, forms.ModelForm):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)

    class Meta:
        model = Candidate
        fields = ["full_name", "id_number", "mobile", "email", "province", "level", "specialty", "held_specialty"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["held_specialty"].help_text = _("Only when adding a specialty.")

    def clean_id_number(self):
        id_number = normalize_id_number(self.cleaned_data["id_number"])
        if Candidate.objects.filter(id_number=id_number).exists():
            raise forms.ValidationError(ID_NUMBER_TAKEN, code="id_number_taken")
        return id_number

    def validate_unique(self):
        # The ID number's uniqueness is answered above with advice; the rest of the model's checks still run.
        exclude = self._get_validation_exclusions() | {"id_number"}
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(USERNAME_TAKEN, code="username_taken")
        return username

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email_in_use(email):
            raise forms.ValidationError(EMAIL_TAKEN, code="email_taken")
        return email

    def clean(self):
        data = super().clean()
        self.clean_level_and_specialty(data)
        if data.get("password"):
            user = get_user_model()(username=data.get("username", ""), email=data.get("email", ""))
            try:
                validate_password(data["password"], user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class ProfileForm(LevelAndSpecialtyMixin, forms.ModelForm):
    class Meta:
        model = Candidate
        fields = ["level", "specialty", "held_specialty", "province", "mobile", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_specialty"].help_text = _("Only when adding a specialty.")

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email_in_use(email, except_user=self.instance.user):
            raise forms.ValidationError(EMAIL_TAKEN, code="email_taken")
        return email

    def clean(self):
        data = super().clean()
        self.clean_level_and_specialty(data)
        return data


class PreferencesForm(forms.Form):
    """One pair of switches per kind of notification: in the app, by email."""

    def __init__(self, *args, preferences: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NotificationKind.choices:
            if kind in STAFF_ONLY_KINDS:
                continue
            preference = preferences.get(kind)
            self.fields[f"{kind}__in_app"] = forms.BooleanField(
                label=_("%(kind)s: in the app") % {"kind": label}, required=False,
                initial=preference.in_app if preference else True)
            self.fields[f"{kind}__by_email"] = forms.BooleanField(
                label=_("%(kind)s: by email") % {"kind": label}, required=False,
                initial=preference.by_email if preference else True)
