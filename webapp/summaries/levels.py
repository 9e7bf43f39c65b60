"""What a test level means, from the code tables (webapp.codes), in the reader's language."""
from __future__ import annotations

from webapp import codes
from webapp.store.parts import level_code_set

from .context import lang

SCORED = {"1", "2", "3", "4"}


def is_scored(level: str | None) -> bool:
    return (level or "").strip() in SCORED


def level_label(part) -> str:
    """"Standard met", "Level 3: moderately developed", or "code X" for a level we do not know."""
    return codes.label(level_code_set(part), part.level, lang()) if part.level else ""


def level_meaning(part) -> str:
    """One short sentence, e.g. "Reached the goal for this grade."; "" when the table has none."""
    row = codes.row(level_code_set(part), part.level)
    if not row:
        return ""
    return row.get(f"meaning_{lang()}") or row.get("meaning_en") or ""


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
