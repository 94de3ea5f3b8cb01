"""Every Chinese catalogue is complete, and its compiled .mo says exactly what the .po says."""
import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUES = sorted(Path(settings.BASE_DIR, "locale").glob("*/zh_Hans/LC_MESSAGES/django.po"))


def parse_po(path: Path) -> dict[str, str]:
    """Return {msgid: msgstr} of the non-header entries, with fuzzy entries marked by a None msgstr."""
    entries, fuzzy, key, field = {}, False, None, None
    values = {"msgctxt": "", "msgid": "", "msgstr": ""}

    def flush():
        if key is not None and values["msgid"]:
            name = f"{values['msgctxt']}\x04{values['msgid']}" if values["msgctxt"] else values["msgid"]
            entries[name] = None if fuzzy else values["msgstr"]

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            flush()
            fuzzy, key, field, values = False, None, None, {"msgctxt": "", "msgid": "", "msgstr": ""}
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith(("msgctxt ", "msgid ", "msgstr ")):
            field, _, rest = line.partition(" ")
            key = key or "entry"
            values[field] = ast.literal_eval(rest)
        elif line.startswith('"') and field:
            values[field] += ast.literal_eval(line)
    return entries


def test_there_is_a_chinese_catalogue():
    assert CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-4])
def test_every_message_is_translated_and_not_fuzzy(po):
    untranslated = [msgid for msgid, msgstr in parse_po(po).items() if not msgstr]
    assert not untranslated, f"{po}: untranslated or fuzzy: {untranslated}"


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-4])
def test_compiled_catalogue_matches_its_source(po):
    with open(po.with_suffix(".mo"), "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    def compiled(name):
        context, _, msgid = name.rpartition("\x04")
        return catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)

    stale = [msgid for msgid, msgstr in parse_po(po).items() if compiled(msgid) != msgstr]
    assert not stale, f"{po.with_suffix('.mo')} is stale (run msgfmt): {stale[:5]}"


def test_no_msgid_is_translated_twice_differently():
    seen: dict[str, tuple[str, Path]] = {}
    clashes = []
    for po in CATALOGUES:
        for msgid, msgstr in parse_po(po).items():
            if msgid in seen and seen[msgid][0] != msgstr:
                clashes.append((msgid, seen[msgid], (msgstr, po)))
            seen.setdefault(msgid, (msgstr, po))
    assert not clashes
