"""Apply a {msgid: msgstr} table (a Python file defining T) to the zh_Hans catalogue.

  python scripts/apply_translations.py TABLE.py

Only empty or fuzzy entries are filled; existing human translations are kept. A msgid with a context
(pgettext) is keyed "context\x04msgid", as gettext itself writes it; a plain key fills only plain entries.
"""
import runpy
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale/zh_Hans/LC_MESSAGES/django.po"

table = runpy.run_path(sys.argv[1])["T"]
po = polib.pofile(str(PO))
filled = 0
for entry in po:
    key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    if key in table and (not entry.msgstr or "fuzzy" in entry.flags):
        if entry.msgid_plural:
            entry.msgstr_plural = {0: table[key]}
        else:
            entry.msgstr = table[key]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        filled += 1
po.save(str(PO))
print(f"filled {filled}; {len([e for e in po if not e.translated()])} still untranslated")
