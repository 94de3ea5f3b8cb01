"""Messages of a spreadsheet's validation, kept in every language of the site.

The outcome of a validation is stored at upload (`candidates.imports.outcome`) and read by whoever opens the
preview, in their own language: so each message is built lazily (`message`) and stored in every language
(`in_every_language`), and the page shows the viewer's (`localised`).
"""
from django.conf import settings
from django.utils import translation
from django.utils.functional import lazy


def _format(template, params=None) -> str:
    return str(template) % params if params else str(template)


message = lazy(_format, str)  # message(TEMPLATE, {"value": …}) reads in the language active where it is shown


def in_every_language(text) -> dict[str, str]:
    """Return {language code: text in that language} for every language of the site."""
    translated = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translated[code] = str(text)
    return translated


def localised(stored) -> str:
    """Return a stored message in the active language (a plain string is returned as it is)."""
    if not isinstance(stored, dict):
        return stored
    return (stored.get(translation.get_language()) or stored.get(settings.LANGUAGE_CODE)
            or next(iter(stored.values()), ""))
