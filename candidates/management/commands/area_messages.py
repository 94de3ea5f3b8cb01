"""Keep one area's Chinese catalogue in step with its source files (needs GNU gettext).

Each area of the product (core, portal, staff, jobs, reviews, admin, security) owns
`locale/<area>/zh_Hans/LC_MESSAGES/django.po`, so that areas translate independently. This command
extracts the strings of the given files and folders, merges them into the area's catalogue keeping the
translations it has, adds translations from an optional JSON file of {msgid: msgstr}, and compiles the .mo.
"""
import json
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation.template import templatize

SOURCE_SUFFIXES = {".py", ".html", ".txt", ".svg", ".ics"}
SKIPPED_PARTS = {"tests", "migrations", ".venv", "__pycache__"}
KEYWORDS = [
    "gettext", "gettext_lazy", "gettext_noop", "_", "ngettext:1,2", "ngettext_lazy:1,2",
    "pgettext:1c,2", "pgettext_lazy:1c,2", "npgettext:1c,2,3", "npgettext_lazy:1c,2,3",
]


def po_string(text: str) -> str:
    """Quote `text` as a PO string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


class Command(BaseCommand):
    help = "Extract the strings of some files into locale/<area>/zh_Hans, keep translations, compile."

    def add_arguments(self, parser):
        parser.add_argument("area", help="catalogue folder under locale/, e.g. portal")
        parser.add_argument("paths", nargs="+", help="files or folders whose strings belong to the area")
        parser.add_argument("--fill", help="JSON file of {msgid: msgstr} to add to the catalogue")

    def handle(self, *args, area, paths, fill=None, **options):
        base = Path(settings.BASE_DIR)
        files = sorted(self.source_files(base, paths))
        if not files:
            raise CommandError("no source files found under the given paths")
        po = base / "locale" / area / "zh_Hans" / "LC_MESSAGES" / "django.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            pot = self.extract(base, files, tmp)
            sources = [str(po)] if po.exists() else []
            # Strings another area already translates get the same translation here: one wording per string.
            sources += [str(other) for other in sorted((base / "locale").glob("*/zh_Hans/LC_MESSAGES/django.po"))
                        if other != po]
            if fill:
                sources.insert(0, str(self.po_from_json(Path(fill), tmp)))
            if sources:
                known = tmp / "known.po"
                self.run("msgcat", "--use-first", "-o", str(known), *sources)
                self.run("msgmerge", "--quiet", "--no-fuzzy-matching", "-o", str(po), str(known), str(pot))
            else:
                self.run("msginit", "--no-translator", "-l", "zh_CN.UTF-8", "-i", str(pot), "-o", str(po))
            self.run("msgattrib", "--no-obsolete", "--no-wrap", "-o", str(po), str(po))
        self.run("msgfmt", "--check-format", "-o", str(po.with_suffix(".mo")), str(po))
        untranslated = self.run("msgattrib", "--untranslated", "--no-wrap", str(po)).count("\nmsgid ") - 1
        self.stdout.write(f"{po.relative_to(base)}: {max(untranslated, 0)} untranslated")

    def source_files(self, base: Path, paths):
        for given in paths:
            path = (base / given).resolve()
            candidates = [path] if path.is_file() else path.rglob("*")
            for file in candidates:
                relative = file.relative_to(base)
                if file.is_file() and file.suffix in SOURCE_SUFFIXES and not SKIPPED_PARTS & set(relative.parts):
                    yield relative

    def extract(self, base: Path, files, tmp: Path) -> Path:
        inputs = []
        for relative in files:
            if relative.suffix == ".py":
                inputs.append(str(base / relative))
                continue
            converted = tmp / "templates" / relative.with_suffix(relative.suffix + ".py")
            converted.parent.mkdir(parents=True, exist_ok=True)
            converted.write_text(templatize((base / relative).read_text(encoding="utf-8"), origin=str(relative)))
            inputs.append(str(converted))
        pot = tmp / "messages.pot"
        self.run(
            "xgettext", "--language=Python", "--from-code=UTF-8", "--no-wrap", "--sort-output", "--no-location",
            *[f"--keyword={keyword}" for keyword in KEYWORDS], "--add-comments=Translators",
            "-o", str(pot), *inputs,
        )
        if not pot.exists():
            pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
        return pot

    def po_from_json(self, path: Path, tmp: Path) -> Path:
        translations = json.loads(path.read_text(encoding="utf-8"))
        lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
        for msgid, msgstr in translations.items():
            lines += [f"msgid {po_string(msgid)}", f"msgstr {po_string(msgstr)}", ""]
        out = tmp / "fill.po"
        out.write_text("\n".join(lines), encoding="utf-8")
        return out

    def run(self, *command: str) -> str:
        try:
            done = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603 - fixed gettext tools
        except FileNotFoundError as error:
            raise CommandError(f"{command[0]} not found: install GNU gettext") from error
        except subprocess.CalledProcessError as error:
            raise CommandError(f"{' '.join(command[:2])} failed: {error.stderr.strip()}") from error
        return done.stdout
