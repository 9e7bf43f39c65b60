"""Refresh the Spanish catalog from the source and fill in translations from a JSON file.

    .venv/bin/python scripts/translate.py [MAPPING.json]

MAPPING.json is {"English msgid": "traducción", ...}; for plurals give a list of two strings.
Extraction, update and compile run under a lock so several people can add strings at once.
Prints the msgids that still lack a translation.
"""
from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "translations/es/LC_MESSAGES/messages.po"
POT = ROOT / "translations/messages.pot"


def _babel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=ROOT, check=True, capture_output=True)


def main() -> int:
    mapping = json.loads(Path(sys.argv[1]).read_text()) if len(sys.argv) > 1 else {}
    with open(ROOT / "translations/.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _babel("extract", "-F", "babel.cfg", "-k", "lazy_gettext", "-k", "_l", "-o", str(POT), "--no-location", "--sort-output", ".")
        _babel("update", "-i", str(POT), "-d", "translations", "--no-fuzzy-matching", "--ignore-obsolete")
        with PO.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if key and key in mapping:
                value = mapping[key]
                message.string = tuple(value) if isinstance(message.id, tuple) else value
                message.flags.discard("fuzzy")
        with PO.open("wb") as f:
            write_po(f, catalog, width=100, sort_output=True)
        _babel("compile", "-d", "translations")
    missing = [m.id for m in catalog if m.id and not (m.string[0] if isinstance(m.string, tuple) else m.string)]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
