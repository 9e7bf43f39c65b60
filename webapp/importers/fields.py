"""Typed reading of one record's fields, collecting every problem instead of stopping at the first.

Each problem is (field label, reason); the run turns them into `file:line:field — reason`.
Codes are kept exactly as sent; a code missing from `webapp.codes` is noted (and shown to
families as "code X"), and only rejected when it is part of the record's key.

This runs for every field of every row (millions in a district file), so values that repeat
across rows (dates, school years, code lists) are parsed once and cached.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from typing import Callable, Sequence

from flask_babel import gettext as _

from .. import codes

_YEAR = re.compile(r"(\d{4})-(\d{4})")
_INT = re.compile(r"-?\d+")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
NO_SCORE = frozenset({"NS", "*"})


def school_year_of(day: date) -> str:
    """California school years run July to June: 2024-03-05 is in 2023-2024."""
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{start + 1}"


class RowReader:
    """Reads values by field index; `label(i)` names the field in messages.

    An index of None (a column the file does not have) or past the end reads as blank.
    """

    __slots__ = ("values", "size", "label", "errors", "unknown_codes")

    def __init__(self, values: Sequence[str], label: Callable[[int], str]):
        self.values = values
        self.size = len(values)
        self.label = label
        self.errors: list[tuple[str, str]] = []
        self.unknown_codes: list[tuple[str, str]] = []

    def fail(self, i: int | None, reason: str) -> None:
        self.errors.append((self.label(i), reason))

    def raw(self, i: int | None) -> str:
        return self.values[i].strip() if i is not None and i < self.size else ""

    def _missing(self, i: int | None, required: bool) -> None:
        if required:
            self.fail(i, _("is empty; a value is required"))

    def text(self, i: int | None, max_len: int, required: bool = False) -> str | None:
        value = self.values[i].strip() if i is not None and i < self.size else ""
        if not value:
            return self._missing(i, required)
        if len(value) > max_len:
            self.fail(i, _("“%(value)s” is longer than %(max)s characters", value=value, max=max_len))
            return None
        return value

    def code(self, i: int | None, max_len: int, code_set: str | None = None, required: bool = False,
             key: bool = False) -> str | None:
        """A code kept as sent. `key=True`: an unknown code rejects the row, because the row's
        identity depends on it; otherwise an unknown code is only noted."""
        value = self.values[i].strip() if i is not None and i < self.size else ""
        if not value:
            return self._missing(i, required)
        if len(value) > max_len:
            self.fail(i, _("“%(value)s” is longer than %(max)s characters", value=value, max=max_len))
            return None
        if code_set is None or value in _known(code_set):
            return value
        if key:
            self.fail(i, _("“%(value)s” is not a known code, and this code is part of the record's key",
                           value=value))
            return None
        self.unknown_codes.append((self.label(i), value))
        return value

    def ssid(self, i: int | None) -> str | None:
        value = self.values[i].strip() if i is not None and i < self.size else ""
        if len(value) == 10 and value.isdigit() and value.isascii():
            return value
        self.fail(i, _("“%(value)s” is not an SSID (10 digits)", value=value) if value
                  else _("is empty; a value is required"))
        return None

    def cds(self, i: int | None, required: bool = True) -> str | None:
        value = self.values[i].strip() if i is not None and i < self.size else ""
        if len(value) == 7 and value.isdigit() and value.isascii():
            return value
        if value or required:
            self.fail(i, _("“%(value)s” is not a 7-digit CDS code", value=value) if value
                      else _("is empty; a value is required"))
        return None

    def school_year(self, i: int | None) -> str | None:
        value = self.values[i].strip() if i is not None and i < self.size else ""
        if _is_school_year(value):
            return value
        self.fail(i, _("“%(value)s” is not a school year like 2023-2024", value=value) if value
                  else _("is empty; a value is required"))
        return None

    def date(self, i: int | None, required: bool = False) -> date | None:
        """CALPADS dates: CCYYMMDD."""
        value = self.values[i].strip() if i is not None and i < self.size else ""
        if not value:
            return self._missing(i, required)
        parsed = _compact_date(value)
        if parsed is None:
            self.fail(i, _("“%(value)s” is not a real date (expected CCYYMMDD)", value=value))
        return parsed

    def any_date(self, i: int | None) -> date | None:
        """Score-file dates: YYYY-MM-DD, also MM/DD/YYYY or YYYYMMDD after a spreadsheet re-save."""
        value = self.raw(i)
        if not value:
            return None
        parsed = _any_date(value)
        if parsed is None:
            self.fail(i, _("“%(value)s” is not a real date (expected YYYY-MM-DD)", value=value))
        return parsed

    def yes_no(self, i: int | None) -> bool | None:
        value = self.raw(i).upper()
        if value == "Y":
            return True
        if value == "N":
            return False
        if value:
            self.fail(i, _("“%(value)s” should be Y or N", value=self.raw(i)))
        return None

    def number(self, i: int | None, digits: int = 4, decimals: int = 2, required: bool = False) -> Decimal | None:
        """Day counts, credits and percentages such as 180, 12.5 or 00.00, within the column's size."""
        value = self.raw(i)
        if not value:
            return self._missing(i, required)
        parsed = _number(value, digits, decimals)
        if parsed is None:
            self.fail(i, _("“%(value)s” is not a number with up to %(digits)s digits and %(decimals)s decimals",
                           value=value, digits=digits, decimals=decimals))
        return parsed

    def score(self, i: int | None) -> int | None:
        """A whole-number score; blank or the no-score marker NS gives None."""
        value = self.raw(i)
        if not value or value.upper() in NO_SCORE:
            return None
        if not _INT.fullmatch(value):
            self.fail(i, _("“%(value)s” is not a whole-number score", value=value))
            return None
        return int(value)


def _known(code_set: str) -> frozenset[str]:
    return codes.all_codes(code_set)


@lru_cache(maxsize=256)
def _is_school_year(value: str) -> bool:
    match = _YEAR.fullmatch(value)
    return bool(match) and int(match.group(2)) == int(match.group(1)) + 1


@lru_cache(maxsize=16384)
def _compact_date(value: str) -> date | None:
    match = _COMPACT_DATE.fullmatch(value)
    return _make_date(match.group(1), match.group(2), match.group(3)) if match else None


@lru_cache(maxsize=4096)
def _any_date(value: str) -> date | None:
    if match := _ISO_DATE.fullmatch(value):
        return _make_date(match.group(1), match.group(2), match.group(3))
    if match := _US_DATE.fullmatch(value):
        return _make_date(match.group(3), match.group(1), match.group(2))
    if match := _COMPACT_DATE.fullmatch(value):
        return _make_date(match.group(1), match.group(2), match.group(3))
    return None


@lru_cache(maxsize=4096)
def _number(value: str, digits: int, decimals: int) -> Decimal | None:
    return Decimal(value) if _number_pattern(digits, decimals).fullmatch(value) else None


@cache
def _number_pattern(digits: int, decimals: int) -> re.Pattern:
    return re.compile(rf"\d{{1,{digits}}}(\.\d{{0,{decimals}}})?|\.\d{{1,{decimals}}}")


def _make_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
