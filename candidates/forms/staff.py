"""Forms of the staff pages: cohorts, enrolments, candidates and the at-risk filters."""
from django import forms
from django.utils.translation import gettext_lazy as _

from candidates.forms.fields import ListedModelChoiceField
from candidates.models import Candidate, Cohort, Province
from candidates.models.choices import Level, Specialty, Subject
from candidates.progress import Situation
from candidates.validators import normalize_id_number, validate_id_number

UNKNOWN_ID_NUMBER = _("No candidate has this ID number: create the candidate instead.")
ALREADY_IN_COHORT = _("This candidate is already in this cohort.")
COHORT_NAME_TAKEN = _("Your school already has a cohort with this name.")


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "target_exam_year"]

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Cohort.objects.filter(school=self.school, name=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(COHORT_NAME_TAKEN)
        return name


class EnrolExistingForm(forms.Form):
    id_number = forms.CharField(label=_("ID number"), max_length=18, validators=[validate_id_number])

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort

    def clean_id_number(self):
        id_number = normalize_id_number(self.cleaned_data["id_number"])
        candidate = Candidate.objects.filter(id_number=id_number).first()
        if candidate is None:
            raise forms.ValidationError(UNKNOWN_ID_NUMBER)
        if candidate.enrolments.filter(cohort=self.cohort, left_on__isnull=True).exists():
            raise forms.ValidationError(ALREADY_IN_COHORT)
        self.candidate = candidate
        return id_number


class CandidateForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = ["full_name", "id_number", "mobile", "email", "province", "level", "specialty", "held_specialty",
                  "education", "major", "safety_work_since", "notes"]


class MoveForm(forms.Form):
    cohort = forms.ModelChoiceField(label=_("Move to cohort"), queryset=Cohort.objects.none())

    def __init__(self, *args, school, current, **kwargs):
        super().__init__(*args, **kwargs)
        # Archived cohorts stay choosable: their dashboards link here with ?cohort=.
        self.fields["cohort"].queryset = Cohort.objects.filter(school=school).order_by(
            "archived_at", "-target_exam_year", "name").exclude(pk=current.pk)


def _blank(choices):
    return [("", _("All")), *choices]


class AtRiskFilterForm(forms.Form):
    q = forms.CharField(label=_("Search name, ID number or mobile"), required=False, max_length=50)
    cohort = ListedModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.none(), required=False,
                                    empty_label=_("All"))
    situation = forms.ChoiceField(label=_("State"), required=False, choices=_blank(
        [(s.value, s.label) for s in Situation if s is not Situation.QUALIFIED]))
    level = forms.ChoiceField(label=_("Level"), required=False, choices=_blank(Level.choices))
    specialty = forms.ChoiceField(label=_("Specialty"), required=False, choices=_blank(Specialty.choices))
    province = ListedModelChoiceField(label=_("Province"), queryset=Province.objects.all(), required=False,
                                      empty_label=_("All"))
    subject = forms.ChoiceField(label=_("Still needs"), required=False, choices=_blank(Subject.choices))

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        # Archived cohorts stay choosable: their dashboards link here with ?cohort=.
        self.fields["cohort"].queryset = Cohort.objects.filter(school=school).order_by(
            "archived_at", "-target_exam_year", "name")
