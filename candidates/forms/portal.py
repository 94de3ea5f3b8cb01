"""Forms of the candidate portal: one exam year's results, and the what-if planner."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from candidates import rules
from candidates.models.choices import ResultCode, Specialty, Subject

BOTH_SCORE_AND_CODE = _("Give a score or a result code, not both.")
SPECIALTY_NEEDED = _("Choose the specialty of the practice paper you sat.")
SCORE_RANGE = _("A score is between 0 and 100.")
NOTHING_ENTERED = _("Enter a score or a result code for at least one subject.")


class YearResultsForm(forms.Form):
    """The scores or codes of one exam year, one pair of fields per subject of the candidate's level."""

    def __init__(self, *args, candidate, existing: dict, locked: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate
        self.subjects = list(rules.LEVEL_SUBJECTS[rules.Level(candidate.level)])
        self.locked = locked
        self.existing = existing
        initial = {}
        for subject in self.subjects:
            label = Subject(subject).label
            self.fields[f"{subject}_score"] = forms.DecimalField(
                label=_("%(subject)s: score") % {"subject": label}, required=False, min_value=Decimal(0),
                max_value=Decimal(100), decimal_places=1, max_digits=4,
                error_messages={"min_value": SCORE_RANGE, "max_value": SCORE_RANGE},
                widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
            )
            self.fields[f"{subject}_code"] = forms.ChoiceField(
                label=_("%(subject)s: or a result code") % {"subject": label}, required=False,
                choices=[("", _("— no code —")), *ResultCode.choices],
            )
            row = existing.get(subject)
            if row is not None:
                initial[f"{subject}_score"] = row.score
                initial[f"{subject}_code"] = row.code
            if subject in locked:
                self.fields[f"{subject}_score"].disabled = True
                self.fields[f"{subject}_code"].disabled = True
        if rules.Subject.PRACTICE in self.subjects:
            self.fields["practice_specialty"] = forms.ChoiceField(
                label=_("Specialty of the practice paper"), required=False,
                choices=[("", "—"), *Specialty.choices],
            )
            row = existing.get(rules.Subject.PRACTICE)
            initial["practice_specialty"] = row.specialty if row else candidate.specialty
            if rules.Subject.PRACTICE in locked:
                self.fields["practice_specialty"].disabled = True
        self.initial.update(initial)

    def subject_fields(self):
        """Yield (subject label, score field, code field, verified row or None) for the template."""
        for subject in self.subjects:
            yield Subject(subject).label, self[f"{subject}_score"], self[f"{subject}_code"], self.locked.get(subject)

    def clean(self):
        data = super().clean()
        editable = [subject for subject in self.subjects if subject not in self.locked]
        blank = all(data.get(f"{s}_score") is None and not data.get(f"{s}_code") for s in editable)
        if editable and blank and not any(subject in self.existing for subject in editable) and not self.errors:
            raise forms.ValidationError(NOTHING_ENTERED, code="nothing_entered")
        for subject in self.subjects:
            if subject in self.locked:
                continue
            score, code = data.get(f"{subject}_score"), data.get(f"{subject}_code")
            if score is not None and code:
                self.add_error(f"{subject}_score", BOTH_SCORE_AND_CODE)
            if subject == rules.Subject.PRACTICE and (score is not None or code) and not data.get("practice_specialty"):
                self.add_error("practice_specialty", SPECIALTY_NEEDED)
        return data

    def entries(self) -> dict:
        """Return {subject: (score, code, specialty) or None} for the subjects the candidate may change."""
        entries = {}
        for subject in self.subjects:
            if subject in self.locked:
                continue
            score = self.cleaned_data.get(f"{subject}_score")
            code = self.cleaned_data.get(f"{subject}_code") or ""
            if score is None and not code:
                entries[subject] = None
                continue
            specialty = self.cleaned_data.get("practice_specialty") if subject == rules.Subject.PRACTICE else ""
            entries[subject] = (score, code, specialty)
        return entries


class PlannerForm(forms.Form):
    """Subjects the candidate expects to pass at the pending sitting, and optionally at the one after."""

    now = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    later = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, subjects, pending: int, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(subject.value, Subject(subject).label) for subject in subjects]
        self.fields["now"].choices = choices
        self.fields["now"].label = _("I expect to pass at the %(year)s sitting") % {"year": pending}
        self.fields["later"].choices = choices
        self.fields["later"].label = _("and at the %(year)s sitting") % {"year": pending + 1}
