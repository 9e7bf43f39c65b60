"""Words, numbers, dates and school years in the reader's language (Flask-Babel's locale).

Flask-Babel looks the request's locale and catalog up again on every call (about 30 µs);
`reading()` looks them up once for a whole summary, so a home page with three children pays
for that once. Outside `reading()` every helper falls back to Flask-Babel's own lookup.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from decimal import Decimal

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from flask_babel import get_locale, get_translations

_reader: ContextVar[tuple | None] = ContextVar("summaries_reader", default=None)


@contextmanager
def reading() -> Iterator[None]:
    """Look up the reader's locale and catalog once for everything said inside this block."""
    token = _reader.set((get_locale(), get_translations()))
    try:
        yield
    finally:
        _reader.reset(token)


def reader_locale():
    current = _reader.get()
    return current[0] if current else get_locale()


def _catalog():
    current = _reader.get()
    return current[1] if current else get_translations()


def gettext(string: str, **values) -> str:
    """Flask-Babel's gettext (named placeholders), using the catalog `reading()` looked up."""
    text = _catalog().ugettext(string)
    return text % values if values else text


def ngettext(singular: str, plural: str, count, **values) -> str:
    """ngettext where `count` may be a Decimal and %(num)s shows it in the reader's format."""
    values.setdefault("num", number(count))
    return _catalog().ungettext(singular, plural, plural_count(count)) % values


def number(value) -> str:
    """8 -> "8", 8.5 -> "8.5" ("8,5" in Spanish), 2480 -> "2,480"."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return babel_numbers.format_decimal(int(value), locale=reader_locale())
    return babel_numbers.format_decimal(value.normalize(), format="#,##0.##", locale=reader_locale())


def gpa(value) -> str:
    """A grade point average always with two decimals: "3.00" ("3,00")."""
    return babel_numbers.format_decimal(Decimal(value), format="0.00", locale=reader_locale())


def percent(value) -> str:
    """A percentage given as 8.3 (not 0.083): "8.3%" / "8,3 %"."""
    return babel_numbers.format_percent(Decimal(value) / 100, locale=reader_locale(), decimal_quantization=False)


def plural_count(value) -> int:
    """The number ngettext should choose the form by: 1 only for exactly one."""
    value = Decimal(value)
    return 1 if value == 1 else (int(value) if value == value.to_integral_value() else 2)


def school_year(academic_year: str) -> str:
    """CALPADS "2023-2024" -> "2023–24"."""
    start, _, end = academic_year.partition("-")
    return f"{start}–{end[-2:]}" if end else academic_year


def day(value: date) -> str:
    return babel_dates.format_date(value, "long", locale=reader_locale())


def current_school_year(today: date) -> str:
    """California school years run July to June: 2024-03-01 is in "2023-2024"."""
    start = today.year if today.month >= 7 else today.year - 1
    return f"{start}-{start + 1}"


def is_recent(academic_year: str, today: date) -> bool:
    """This school year or the one before: districts send their files once a year, after it ends."""
    current = int(current_school_year(today)[:4])
    return academic_year[:4].isdigit() and int(academic_year[:4]) >= current - 1
