from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = _("Candidates and results")

    def ready(self) -> None:
        from candidates import receivers  # noqa: F401 - connects the signal receivers
        from candidates.roles import ensure_role_groups

        # Permissions exist only after migrate has run, so the groups get theirs then (idempotent).
        post_migrate.connect(ensure_role_groups, dispatch_uid="candidates.ensure_role_groups")
