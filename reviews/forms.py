"""Forms of the review pages."""
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Certificate, Material, Review


class MaterialUploadForm(forms.Form):
    item = forms.CharField(widget=forms.HiddenInput)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG, up to 5 MB)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))


class MaterialMarkForm(forms.Form):
    status = forms.ChoiceField(label=_("Decision"), choices=[(Material.Status.ACCEPTED, _("Accept")),
                                                             (Material.Status.REDO, _("Ask to redo"))])
    comment = forms.CharField(label=_("Comment"), required=False, max_length=300)


class ScheduleForm(forms.Form):
    appointment = forms.DateTimeField(label=_("Appointment"), widget=forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))


class OnsiteForm(forms.Form):
    onsite_reason = forms.ChoiceField(label=_("Why on-site"), choices=Review.OnsiteReason.choices)


class CertificateForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["annotated_on", "downloaded_on", "paper_status", "collection", "tracking_number",
                  "registered_until"]
        widgets = {name: forms.DateInput(attrs={"type": "date"}) for name in
                   ["annotated_on", "downloaded_on", "registered_until"]}
