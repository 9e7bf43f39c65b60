"""The sharing categories of DESIGN.md §2: stable codes used by pages, exports and tests."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Half = Literal["backpack", "profile"]


@dataclass(frozen=True)
class Category:
    code: str
    label: str  # plain English label; the web layer translates it
    half: Half
    sensitive: bool = False


CATEGORIES: tuple[Category, ...] = (
    Category("demographics", "Basic information", "backpack"),
    Category("attendance", "Attendance", "backpack"),
    Category("behavior", "Behavior and discipline", "backpack", sensitive=True),
    Category("grades", "Grades and transcript", "backpack"),
    Category("gradebook", "Skills progress (standards)", "backpack"),
    Category("state_tests", "State tests", "backpack"),
    Category("english_learning", "English learning", "backpack"),
    Category("supports", "Extra help and programs (IEP, 504, meals, …)", "backpack", sensitive=True),
    Category("personal_bests", "Personal bests", "backpack"),
    Category("narratives", "Teacher notes", "profile"),
    Category("goals", "Goals", "profile"),
    Category("badges", "Badges and awards", "profile"),
    Category("portfolio", "Full portfolio", "profile"),
    Category("readiness", "College and career readiness", "profile"),
    Category("early_warning", "Early warning signs", "profile", sensitive=True),
    Category("activities", "Activities and service", "profile"),
)

CATEGORY_CODES: tuple[str, ...] = tuple(c.code for c in CATEGORIES)
_BY_CODE = {c.code: c for c in CATEGORIES}


def category(code: str) -> Category:
    """The category for a code; KeyError names the unknown code."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown sharing category {code!r}") from None
