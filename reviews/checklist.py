"""The materials a review asks for, by level (DOMAIN.md §5)."""
from django.utils.translation import gettext_lazy as _

COMMON = [
    ("registration_form", _("Registration form, signed and stamped by the employer (报名表)")),
    ("identity", _("ID card")),
    ("degree", _("Degree certificates (学历/学位)")),
    ("work_years", _("Proof of work years, stamped by the employer")),
]
BY_LEVEL = {
    "full": [],
    "exempt_one": [("programme", _("Proof of the accredited programme"))],
    "exempt_two": [("title", _("Senior title certificate (职称证书)")),
                   ("ten_years", _("Proof of 10 years' work"))],
    "add_specialty": [("existing_certificate", _("The certificate already held"))],
}
LABELS = dict(COMMON + [item for items in BY_LEVEL.values() for item in items])


def checklist_for(level: str) -> list[tuple[str, str]]:
    """Return (code, label) of every item a candidate of `level` must provide."""
    return COMMON + BY_LEVEL.get(level, [])
