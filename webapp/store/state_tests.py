"""State tests: each test's results across years, with the change from the previous result."""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

from sqlalchemy import Row

from .parts import ClaimLevel, DomainLevel, Score, ScoreHistory, StateTests
from .rows import StudentRows

TEST_ORDER = ("sbac_ela", "sbac_math", "caa_ela", "caa_math", "caa_science", "cast", "csa",
              "elpac_summative", "elpac_initial")
ELPAC_DOMAINS = ("listening", "speaking", "reading", "writing")
COMPARABLE_LEVELS = {"1", "2", "3", "4"}  # 9 and NS mean "no score"


def build_state_tests(rows: StudentRows) -> StateTests:
    by_test: dict[str, list[Row]] = defaultdict(list)
    for result in rows.tests:
        by_test[result.test].append(result)
    ordered = sorted(by_test, key=lambda t: (TEST_ORDER.index(t) if t in TEST_ORDER else len(TEST_ORDER), t))
    return StateTests(tests=tuple(_history(test, by_test[test]) for test in ordered))


def is_elpac(test: str) -> bool:
    return test.startswith("elpac")


def _history(test: str, results: list[Row]) -> ScoreHistory:
    scores: list[Score] = []
    previous: Optional[Row] = None
    for result in sorted(results, key=lambda r: r.academic_year):
        scores.append(_score(test, result, previous))
        previous = result
    return ScoreHistory(years=tuple(scores), test=test)


def _score(test: str, result: Row, previous: Optional[Row]) -> Score:
    parts = {name: str(level) for name, level in (result.parts or {}).items()}
    elpac = is_elpac(test)
    oral, written = (parts.pop("oral", None), parts.pop("written", None)) if elpac else (None, None)
    names = sorted(parts, key=lambda n: (ELPAC_DOMAINS.index(n) if n in ELPAC_DOMAINS else len(ELPAC_DOMAINS), n))
    return Score(
        test=test,
        academic_year=result.academic_year,
        grade_assessed=result.grade_assessed,
        completed_on=result.completed_on,
        scale_score=result.scale_score,
        standard_error=result.standard_error,
        lexile_quantile=result.lexile_quantile,
        domains=tuple(DomainLevel(name, parts[name]) for name in names) if elpac else (),
        claims=() if elpac else tuple(ClaimLevel(name, parts[name]) for name in sorted(parts)),
        source=result.source,
        previous_year=previous.academic_year if previous else None,
        change_points=_difference(result.scale_score, previous.scale_score if previous else None),
        change_level=_level_change(result.level, previous.level if previous else None),
        level=result.level,
        oral_level=oral,
        written_level=written,
        condition_code=result.condition_code,
    )


def _difference(now: Optional[int], before: Optional[int]) -> Optional[int]:
    return now - before if now is not None and before is not None else None


def _level_change(now: Optional[str], before: Optional[str]) -> Optional[int]:
    if now in COMPARABLE_LEVELS and before in COMPARABLE_LEVELS:
        return int(now) - int(before)
    return None
