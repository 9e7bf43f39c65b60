"""Code sets from the state files, with plain labels in English and Spanish for families.

Each set is a CSV file in `data/` (code,label_en,label_es[,extra columns]); see
`data/README.md` for where each one comes from and which rows are our own assumptions.
Files keep the codes exactly as reported, so a code we do not know is shown as
"code X" instead of being dropped (DESIGN.md §5).
"""
from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SUBJECTS = ("ela", "math")
_UNKNOWN = {"en": "code {code}", "es": "código {code}"}


@cache
def code_sets() -> tuple[str, ...]:
    """Names of every code set, e.g. "grade_level", "elas", "program"."""
    return tuple(sorted(p.stem for p in DATA.glob("*.csv") if p.stem != "sbac_bands"))


@cache
def _table(code_set: str) -> dict[str, dict[str, str]]:
    if code_set not in code_sets():
        raise KeyError(f"unknown code set {code_set!r}; known sets: {', '.join(code_sets())}")
    with (DATA / f"{code_set}.csv").open(encoding="utf-8", newline="") as f:
        return {r["code"]: r for r in csv.DictReader(f)}


@cache
def all_codes(code_set: str) -> frozenset[str]:
    """Every code listed in a set."""
    return frozenset(_table(code_set))


def _clean(code: str | None) -> str | None:
    return None if code is None else str(code).strip()


def row(code_set: str, code: str | None) -> dict[str, str] | None:
    """Every column for one code (labels, notes, extra columns), or None when the code is not listed."""
    code = _clean(code)
    if not code:
        return None
    found = _table(code_set).get(code)
    return dict(found) if found is not None else None


def known(code_set: str, code: str | None) -> bool:
    code = _clean(code)
    return bool(code) and code in _table(code_set)


def label(code_set: str, code: str | None, lang: str = "en") -> str:
    """The family-facing label; an unlisted code reads "code X" ("código X"), a missing one ""."""
    code = _clean(code)
    if not code:
        return ""
    lang = "es" if str(lang).lower().startswith("es") else "en"
    found = _table(code_set).get(code)
    if found is None:
        return _UNKNOWN[lang].format(code=code)
    return found[f"label_{lang}"] or found["label_en"]


@cache
def _bands() -> dict[tuple[str, int], tuple[int, int, int]]:
    with (DATA / "sbac_bands.csv").open(encoding="utf-8", newline="") as f:
        return {
            (r["subject"], int(r["grade"])): (int(r["nearly_met"]), int(r["met"]), int(r["exceeded"]))
            for r in csv.DictReader(f)
        }


def sbac_bands(subject: str, grade: int | str) -> tuple[int, int, int]:
    """Lowest Smarter Balanced scale score of levels 2, 3 and 4 (nearly met, met, exceeded).

    Level 1 is everything below the first number. Grades tested: 3–8 and 11. Raises KeyError
    for any other subject or grade, because there is no band to draw.
    """
    key = (str(subject).lower(), int(grade))
    if key not in _bands():
        raise KeyError(f"no Smarter Balanced bands for subject {subject!r}, grade {grade!r}")
    return _bands()[key]
