"""English learning: the SELA status history, years as an English learner, the latest ELPAC level."""
from __future__ import annotations

from datetime import date
from typing import Optional

from .parts import ElpacLevel, EnglishLearning, EnglishStatusPeriod, StateTests
from .rows import StudentRows
from .state_tests import is_elpac

EL, RFEP = "EL", "RFEP"


def build_english_learning(rows: StudentRows, tests: StateTests, as_of: date) -> EnglishLearning:
    statuses = sorted(rows.english, key=lambda s: (s.start_date, s.id))
    history = tuple(
        EnglishStatusPeriod(
            academic_year=s.academic_year,
            start_date=s.start_date,
            end_date=statuses[i + 1].start_date if i + 1 < len(statuses) else None,
            status_code=s.status_code,
            primary_language=s.primary_language,
            correction_reason=s.correction_reason,
        )
        for i, s in enumerate(statuses)
    )
    started = [p for p in history if p.start_date <= as_of]
    current = started[-1] if started else None
    el_since = next((p.start_date for p in history if p.status_code == EL), None)
    reclassified_on = next(
        (p.start_date for p in history if p.status_code == RFEP and (el_since is None or p.start_date >= el_since)), None
    )
    return EnglishLearning(
        history=history,
        current_since=current.start_date if current else None,
        el_since=el_since,
        years_as_el=_whole_years(el_since, min(reclassified_on or as_of, as_of)) if el_since else None,
        reclassified_on=reclassified_on,
        latest_elpac=_latest_elpac(tests),
        current_status=current.status_code if current else None,
    )


def _whole_years(start: date, end: date) -> int:
    return max(0, end.year - start.year - ((end.month, end.day) < (start.month, start.day)))


def _latest_elpac(tests: StateTests) -> Optional[ElpacLevel]:
    """The newest ELPAC result with a level; the summative one wins over an initial one the same year."""
    candidates = [
        (score.academic_year, history.test == "elpac_summative", history.test, score.level)
        for history in tests.tests if is_elpac(history.test)
        for score in history.years if score.level
    ]
    if not candidates:
        return None
    year, _, test, level = max(candidates)
    return ElpacLevel(academic_year=year, test=test, level=level)
