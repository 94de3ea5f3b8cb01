"""Admin for provinces."""
from django.contrib import admin

from candidates.models import Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh", "name_en"]
    search_fields = ["code", "name_zh", "name_en"]
    ordering = ["code"]
