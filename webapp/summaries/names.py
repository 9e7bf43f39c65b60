"""Short names for the state tests, used inside sentences ("the math test") and as chart titles."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

IN_SENTENCE = {
    "sbac_ela": _l("the English test"),
    "sbac_math": _l("the math test"),
    "caa_ela": _l("the alternate English test"),
    "caa_math": _l("the alternate math test"),
    "caa_science": _l("the alternate science test"),
    "cast": _l("the science test"),
    "csa": _l("the Spanish test"),
    "elpac_summative": _l("the ELPAC"),
    "elpac_initial": _l("the first ELPAC"),
}

TITLES = {
    "sbac_ela": _l("English language arts"),
    "sbac_math": _l("Math"),
    "caa_ela": _l("English language arts (alternate test)"),
    "caa_math": _l("Math (alternate test)"),
    "caa_science": _l("Science (alternate test)"),
    "cast": _l("Science"),
    "csa": _l("Spanish"),
    "elpac_summative": _l("ELPAC (yearly English test)"),
    "elpac_initial": _l("Initial ELPAC (first English test)"),
}

TOP_LEVEL = {"caa_ela": 3, "caa_math": 3, "caa_science": 3}  # every other scored test has 4 levels


def in_sentence(test: str) -> str:
    return str(IN_SENTENCE.get(test, test))


def title(test: str) -> str:
    return str(TITLES.get(test, test))


def top_level(test: str) -> int:
    return TOP_LEVEL.get(test, 4)
