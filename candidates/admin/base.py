"""Shared admin pieces: choices cached per request so inline rows do not query once each."""
from django.contrib import admin


class CachedChoicesInlineMixin:
    """Evaluate each foreign-key select's choices once per request, however many inline rows render it."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is None or request is None or db_field.name in self.raw_id_fields:
            return field
        cache = request.__dict__.setdefault("_zhuan_admin_choices", {})
        key = (self.model._meta.label, db_field.name)
        if key not in cache:
            cache[key] = list(field.choices)
        field.choices = cache[key]
        return field


class CachedChoicesTabularInline(CachedChoicesInlineMixin, admin.TabularInline):
    extra = 0
