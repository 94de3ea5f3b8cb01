"""The upload form of the results import."""
from django import forms
from django.utils.translation import gettext_lazy as _

from candidates.imports.parsing import TOO_BIG, max_bytes
from candidates.models import Cohort, ExamYear


class ResultsUploadForm(forms.Form):
    exam_year = forms.TypedChoiceField(label=_("Exam year of the results"), coerce=int)
    file = forms.FileField(label=_("Spreadsheet (.xlsx or .csv)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = ExamYear.objects.published().order_by("-year").values_list("year", flat=True)
        self.fields["exam_year"].choices = [(year, year) for year in years]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(TOO_BIG % {"mb": max_bytes() // (1024 * 1024)})
        return upload


class RosterUploadForm(forms.Form):
    cohort = forms.ModelChoiceField(label=_("Cohort the candidates join"), queryset=Cohort.objects.none())
    file = forms.FileField(label=_("Spreadsheet (.xlsx or .csv)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.filter(school=school).active()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(TOO_BIG % {"mb": max_bytes() // (1024 * 1024)})
        return upload
