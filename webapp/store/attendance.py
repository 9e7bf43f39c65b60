"""Attendance per school year from STAS, with days missed and the chronic-absence flag."""
from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Row

from .parts import Attendance, AttendanceYear
from .rows import Loaded, StudentRows

CHRONIC_PERCENT = Decimal(10)
ZERO = Decimal(0)


def build_attendance(rows: StudentRows, loaded: Loaded) -> Attendance:
    by_year: dict[str, list[Row]] = defaultdict(list)
    for summary in rows.attendance:
        by_year[summary.academic_year].append(summary)
    return Attendance(years=tuple(_year(year, by_year[year], loaded) for year in sorted(by_year)))


def _year(academic_year: str, summaries: list[Row], loaded: Loaded) -> AttendanceYear:
    summaries.sort(key=lambda s: s.id)

    def total(attribute: str) -> Decimal:
        return sum((getattr(s, attribute) or ZERO for s in summaries), ZERO)

    expected, attended = total("expected_days"), total("days_attended")
    missed = expected - attended
    percent = (missed * 100 / expected).quantize(Decimal("0.1"), ROUND_HALF_UP) if expected > 0 else None
    return AttendanceYear(
        academic_year=academic_year,
        schools=tuple(dict.fromkeys(ref for s in summaries if (ref := loaded.school(s.school_id)))),
        expected_days=expected,
        days_attended=attended,
        excused_absence_days=total("excused_absence_days"),
        unexcused_absence_days=total("unexcused_absence_days"),
        out_of_school_suspension_days=total("out_of_school_suspension_days"),
        in_school_suspension_days=total("in_school_suspension_days"),
        incomplete_independent_study_days=total("incomplete_independent_study_days"),
        days_missed=missed,
        percent_missed=percent,
        chronic_absence=percent is not None and percent >= CHRONIC_PERCENT,
    )
