"""Provincial-level divisions where candidates register."""
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    """One of the 31 provincial-level divisions, or the Xinjiang Production and Construction Corps."""

    code = models.CharField(_("code"), max_length=2, unique=True, help_text=_("GB/T 2260 two-digit code"))
    name_zh = models.CharField(_("Chinese name"), max_length=20, unique=True)
    name_en = models.CharField(_("English name"), max_length=60)

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh
