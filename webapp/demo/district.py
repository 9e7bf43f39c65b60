"""The demo district's shape: its LEA code, its schools and its school-year calendar.

The codes are made up but shaped like real ones: a 7-digit Reporting LEA (county + district)
and 7-digit school codes, which the score files join into 14-digit CDS codes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

DISTRICT_NAME = "Sierra Vista Unified"
LEA_CODE = "4369999"
CITY = "Sierra Vista"
ZIP_CODES = ("95030", "95032", "95033")

GRADES = ("KN", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12")
SCHOOL_DAYS = 180

_LEVELS = (
    # level, grade range, students per school, school names
    ("elementary", range(0, 6), 550, ("Valle Verde Elementary", "Dolores Huerta Elementary",
                                      "Las Palmas Elementary", "Madrone Elementary")),
    ("middle", range(6, 9), 900, ("Sierra Vista Middle", "César Chávez Middle")),
    ("high", range(9, 13), 1800, ("Sierra Vista High", "Mission Ridge High")),
)


@dataclass(frozen=True)
class School:
    code: str  # 7-digit School of Attendance
    name: str
    level: str
    grades: range  # grade indexes, 0 = KN

    @property
    def cds(self) -> str:
        """The 14-digit County-District-School code the score files use."""
        return LEA_CODE + self.code


def schools_for(students: int) -> dict[str, tuple[School, ...]]:
    """One school per level for a small district (the demo); more as the district grows."""
    result: dict[str, tuple[School, ...]] = {}
    for digit, (level, grades, size, names) in enumerate(_LEVELS, start=1):
        share = students * len(grades) / len(GRADES)
        count = max(1, math.ceil(share / size))
        result[level] = tuple(
            School(f"6{digit}{n + 1:05d}", _school_name(names, n), level, grades) for n in range(count)
        )
    return result


def _school_name(names: tuple[str, ...], n: int) -> str:
    base = names[n % len(names)]
    return base if n < len(names) else f"{base} {n // len(names) + 1}"


def level_of(grade: int) -> str:
    return next(level for level, grades, _, _ in _LEVELS if grade in grades)


@dataclass(frozen=True)
class SchoolYear:
    """One academic year: CALPADS Academic Year ID, first and last day of school."""
    start_year: int

    @property
    def label(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    @property
    def first_day(self) -> date:
        return _first_day(self.start_year)

    @property
    def last_day(self) -> date:
        return _last_day(self.start_year)

    def is_complete(self, today: date) -> bool:
        return today > self.last_day

    def school_days(self, start: date, today: date) -> int:
        """Instructional days from `start` to `today` (or the year's end), scaled so a full year is 180."""
        end = min(today, self.last_day)
        if end < start:
            return 0
        return round(SCHOOL_DAYS * _weekdays(start, end) / _weekdays(self.first_day, self.last_day))

    def day(self, fraction: float) -> date:
        """A weekday at `fraction` of the way through the year (0 = first day, 1 = last day)."""
        span = (self.last_day - self.first_day).days
        day = self.first_day + timedelta(days=round(span * fraction))
        return day + timedelta(days=7 - day.weekday()) if day.weekday() > 4 else day


@cache
def _first_day(start_year: int) -> date:
    return _weekday_on_or_after(date(start_year, 8, 12), 2)  # a Wednesday in mid-August


@cache
def _last_day(start_year: int) -> date:
    return _weekday_on_or_after(date(start_year + 1, 6, 1), 4)  # the first Friday in June


def current_school_year(today: date) -> SchoolYear:
    """The newest school year that has begun by `today` (in summer, the one that just ended)."""
    year = SchoolYear(today.year)
    return year if today >= year.first_day else SchoolYear(today.year - 1)


def _weekday_on_or_after(day: date, weekday: int) -> date:
    """The first `weekday` (Monday = 0) on or after `day`."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _weekdays(start: date, end: date) -> int:
    days = (end - start).days + 1
    full_weeks, rest = divmod(days, 7)
    extra = sum(1 for i in range(rest) if (start.weekday() + i) % 7 < 5)
    return full_weeks * 5 + extra
