"""Form fields shared by several forms."""
from django import forms
from django.forms.models import ModelChoiceIterator


class _ListedChoiceIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.listed():
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.listed()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.listed())


class ListedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField for a short list (a school's cohorts, the provinces) read once per form.

    Django's field queries once to validate the submitted value and again to render the options; this one reads
    the queryset into a list the first time either is needed and answers both from it.
    """

    iterator = _ListedChoiceIterator

    def _set_queryset(self, queryset):
        self._listed = None
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def listed(self) -> list:
        if getattr(self, "_listed", None) is None:
            self._listed = list(self.queryset)
        return self._listed

    def to_python(self, value):
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        for obj in self.listed():
            if str(getattr(obj, key)) == str(value):
                return obj
        raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                    params={"value": value})
