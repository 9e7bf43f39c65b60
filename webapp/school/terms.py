"""Terms for teacher notes: stored as "2024-2025/fall" (school year and part), shown in the reader's words."""
from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l

PARTS = {"fall": _l("Fall %(year)s"), "spring": _l("Spring %(year)s"), "year": _l("Whole year %(year)s")}
TERM = re.compile(r"^(\d{4})-(\d{4})/(fall|spring|year)$")


def school_year(day: date) -> str:
    """The school year a day falls in; a new year starts on 1 July, as in CALPADS."""
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{start + 1}"


def choices(today: date) -> list[tuple[str, str]]:
    """(code, label) for this school year's terms, the part we are in first."""
    year = school_year(today)
    current = "fall" if today.month >= 7 else "spring"
    order = [current, *(p for p in PARTS if p != current)]
    return [(f"{year}/{part}", label(f"{year}/{part}")) for part in order]


def is_term(code: str) -> bool:
    match = TERM.match(code or "")
    return bool(match) and int(match.group(2)) == int(match.group(1)) + 1


def label(code: str) -> str:
    """"Fall 2024–25" for "2024-2025/fall"; an unknown code is shown as it is."""
    match = TERM.match(code or "")
    if not match:
        return code
    start, end, part = match.groups()
    return str(PARTS[part]) % {"year": f"{start}–{end[2:]}"}
