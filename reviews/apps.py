from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews and certificates")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the signal receivers
