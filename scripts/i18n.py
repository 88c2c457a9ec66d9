"""Refresh the translation catalogues.

  python scripts/i18n.py extract   # makemessages for zh_Hans, zh_Hant, en (needs GNU gettext)
  python scripts/i18n.py hant      # derive zh_Hant from zh_Hans with OpenCC (s2t), then the reviewed glossary
  python scripts/i18n.py compile   # compilemessages (.mo files are committed so a user's machine needs no gettext)
  python scripts/i18n.py missing   # list zh_Hans entries still untranslated or fuzzy

zh_Hans is translated by people; zh_Hant is derived from it and never edited by hand: the converter's
output is corrected by locale/zh_Hant_glossary.tsv (machine form -> what a TW/HK clerk writes, and why).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
MANAGE = [sys.executable, str(ROOT / "manage.py")]
IGNORE = [".venv", "var", "staticfiles", "bench", "node_modules"]
GLOSSARY = LOCALE / "zh_Hant_glossary.tsv"


def extract() -> None:
    args = MANAGE + ["makemessages", "-l", "zh_Hans", "-l", "zh_Hant", "-l", "en", "--no-obsolete"]
    for pattern in IGNORE:
        args += ["--ignore", f"{pattern}/*"]
    subprocess.run(args, check=True, cwd=ROOT)


def glossary() -> list[tuple[str, str, str]]:
    """(machine, reviewed, why) rows of the reviewed zh_Hant glossary, longest machine form first."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        machine, reviewed, why = (line.split("\t") + ["", ""])[:3]
        if machine == "machine":  # the header
            continue
        rows.append((machine, reviewed, why))
    return sorted(rows, key=lambda row: len(row[0]), reverse=True)


def hant() -> None:
    import polib
    from opencc import OpenCC

    machine = OpenCC("s2t").convert
    rows = glossary()

    def convert(text: str) -> str:
        text = machine(text)
        for wrong, right, _why in rows:
            text = text.replace(wrong, right)
        return text

    hans = polib.pofile(str(LOCALE / "zh_Hans/LC_MESSAGES/django.po"))
    hant_path = LOCALE / "zh_Hant/LC_MESSAGES/django.po"
    hant_po = polib.pofile(str(hant_path))
    source = {(e.msgctxt, e.msgid): e for e in hans}
    for entry in hant_po:
        match = source.get((entry.msgctxt, entry.msgid))
        if match is None:
            continue
        entry.msgstr = convert(match.msgstr)
        if match.msgstr_plural:
            entry.msgstr_plural = {k: convert(v) for k, v in match.msgstr_plural.items()}
        entry.flags = [f for f in match.flags]
    hant_po.save(str(hant_path))


def compile_() -> None:
    subprocess.run(MANAGE + ["compilemessages", "--ignore", ".venv", "--ignore", "var"], check=True, cwd=ROOT)


def missing() -> None:
    import polib

    po = polib.pofile(str(LOCALE / "zh_Hans/LC_MESSAGES/django.po"))
    todo = [e for e in po if not e.translated() or "fuzzy" in e.flags]
    for entry in todo:
        print(repr(entry.msgid))
    print(f"{len(todo)} of {len(po)} untranslated", file=sys.stderr)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    {"extract": extract, "hant": hant, "compile": compile_, "missing": missing}[sys.argv[1]]()
