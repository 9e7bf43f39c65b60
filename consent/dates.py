"""Date arithmetic and plain-English dates shared by the consent rules.

Every moment is a timezone-aware datetime: a naive one cannot say when a grant ends, so it is refused.
A "day" ends at the next midnight in the timezone of the moment it is measured from.
"""
from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def require_aware(value: datetime, name: str) -> datetime:
    """Return `value` if it is a timezone-aware datetime; otherwise raise a ValueError naming it."""
    if not isinstance(value, datetime):
        raise ValueError(f"{name} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must carry a timezone (got a naive datetime)")
    return value


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clipped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def start_of_day(day: date, like: datetime) -> datetime:
    """Midnight at the start of `day`, in the timezone of `like`."""
    return datetime.combine(day, time(0), tzinfo=like.tzinfo)


def end_of_day(day: date, like: datetime) -> datetime:
    """The (exclusive) end of `day`: midnight at the start of the next day, in the timezone of `like`."""
    return start_of_day(day + timedelta(days=1), like)


def last_day(ends_at: datetime) -> date:
    """The last calendar day a window ending (exclusively) at `ends_at` still covers."""
    return (ends_at - timedelta(microseconds=1)).date()


def long_date(day: date | datetime) -> str:
    """'3 March 2027': unambiguous for families in any country, independent of the server locale."""
    if isinstance(day, datetime):
        day = day.date()
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
