"""State test score files (CAASPP, ELPAC): the parts both share.

Two forms exist (CALPADS.md B.1, B.2). The delimited form has a header row, so columns are
found by name and any year's layout works; names are compared without case, spaces or
punctuation ("Scale Score" = "ScaleScore"), and each field lists the names seen in the
official layouts and in vendor files. The fixed-width form has no names, so it is read
with the one layout we have for it (`layouts/*.csv`), whose field names go through the
same mapping.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator, Sequence

from flask_babel import gettext as _

from ..models import TestResult
from .batch import Batch, Record, Rejected
from .calpads import DELIMITER, RECORD_TYPES as CALPADS_TYPES
from .fields import RowReader, school_year_of
from .loader import Loader
from .textfile import UnreadableFile, read_lines

RESULT_KEY = ("student_id", "test", "academic_year")
YEAR_SAMPLE_ROWS = 2000
_NON_ALNUM = re.compile(r"[^0-9a-z]")


def normalize(name: str) -> str:
    return _NON_ALNUM.sub("", name.lower())


@dataclass(frozen=True)
class FixedLayout:
    csv_path: Path
    school_year: str  # the administration the layout belongs to
    record_length: int

    @cached_property
    def fields(self) -> list[tuple[str, int, int]]:
        """(name, start, end) as Python slice bounds, for every numbered field."""
        with self.csv_path.open(encoding="utf-8", newline="") as f:
            return [(r["field_name"].strip(), int(r["start"]) - 1, int(r["end"]))
                    for r in csv.DictReader(f) if r["field_no"].isdigit()]


@dataclass(frozen=True)
class ScoreFormat:
    kind: str  # "caaspp" or "elpac"
    title: str  # for messages
    tests: dict[str, str]  # record type -> TestResult.test
    level_sets: dict[str, str]  # TestResult.test -> code set for its levels
    columns: dict[str, tuple[str, ...]]  # logical field -> normalized header names ("name#2" = 2nd such column)
    parts: dict[str, str]  # TestResult.parts name -> logical field
    date_fields: tuple[str, ...]  # logical fields that date the test, best first
    prior_years: int  # how many prior-year blocks the file carries
    prior_parts: tuple[str, ...]  # parts also carried in prior-year blocks
    fixed: FixedLayout
    record_type_aliases: dict[str, str] = field(default_factory=dict)


class _FixedValues(Sequence[str]):
    """One fixed-width line, sliced on demand (a record has hundreds of fields; we read a few)."""

    __slots__ = ("text", "bounds")

    def __init__(self, text: str, bounds: list[tuple[int, int]]):
        self.text, self.bounds = text, bounds

    def __len__(self) -> int:
        return len(self.bounds)

    def __getitem__(self, i):  # type: ignore[override]
        start, end = self.bounds[i]
        return self.text[start:end]


class ScoreFile:
    """One CAASPP or ELPAC student score data file."""

    order = 0
    keeps_keys = False  # each row's key is the key of its test result

    def __init__(self, path: Path, fmt: ScoreFormat):
        self.path, self.fmt, self.kind = path, fmt, fmt.kind
        self.code = fmt.kind.upper()
        self.unknown_codes: dict[tuple[str, str], int] = {}
        self._open()

    # -- reading ---------------------------------------------------------------------------

    def _open(self) -> None:
        first = next(read_lines(self.path), None)
        if first is None:
            raise UnreadableFile(_("The file is empty."))
        text = first.text
        head = text.split(DELIMITER)[0].strip().upper()
        if head in CALPADS_TYPES:
            raise UnreadableFile(_("This looks like a CALPADS %(type)s file; import it as calpads.", type=head))
        layout = self.fmt.fixed
        fixed = DELIMITER not in text and len(text) == layout.record_length and text.endswith("ZZ")
        self.delimiter = DELIMITER if DELIMITER in text else ("," if "," in text and not fixed else None)
        if self.delimiter is None:
            self._open_fixed(text)
            return
        self.names = [n.strip() for n in self._split(text)]
        self.index = _map_columns(self.names, self.fmt.columns)
        missing = [c for c in ("record_type", "ssid") if c not in self.index]
        if missing:
            raise UnreadableFile(_(
                "The first line is not a header row with the column names (there is no %(column)s column). "
                "Use the delimited file with its header row, or the %(year)s fixed-width file.",
                column="SSID" if "ssid" in missing else "RecordType", year=self.fmt.fixed.school_year))
        self.header_line = first.number
        self.default_year = None

    def _open_fixed(self, text: str) -> None:
        layout = self.fmt.fixed
        if len(text) != layout.record_length or not text.endswith("ZZ"):
            raise UnreadableFile(_(
                "This is not a delimited file with a header row, and it does not match the %(year)s fixed-width "
                "layout either (records there are %(length)s characters long and end with ZZ; this one is "
                "%(found)s). The layout changes every year: use the delimited file with its header row.",
                year=layout.school_year, length=layout.record_length, found=len(text)))
        self.names = [name for name, _s, _e in layout.fields]
        self.bounds = [(start, end) for _n, start, end in layout.fields]
        self.index = _map_columns(self.names, self.fmt.columns)
        self.header_line = None
        self.default_year = layout.school_year

    def _split(self, text: str) -> list[str]:
        if '"' in text:
            return next(csv.reader([text], delimiter=self.delimiter))
        return text.split(self.delimiter)

    def _lines(self) -> Iterator:
        for line in read_lines(self.path):
            if line.number != self.header_line:
                yield line

    def _values(self, text: str) -> Sequence[str] | None:
        if self.delimiter is None:
            if len(text) != self.fmt.fixed.record_length or not text.endswith("ZZ"):
                return None
            return _FixedValues(text, self.bounds)
        values = self._split(text)
        if len(values) == len(self.names) + 1 and not values[-1].strip():
            values = values[:-1]  # a trailing delimiter
        return values if len(values) == len(self.names) else None

    def _wrong_shape(self, text: str) -> str:
        if self.delimiter is None:
            return _("is %(found)s characters long; %(year)s fixed-width records are %(length)s characters "
                     "and end with ZZ", found=len(text), year=self.fmt.fixed.school_year,
                     length=self.fmt.fixed.record_length)
        return _("has %(count)s fields; the header row has %(expected)s",
                 count=len(self._split(text)), expected=len(self.names))

    def label(self, i: int) -> str:
        return self.names[i]

    @cached_property
    def file_year(self) -> str | None:
        """The school year most rows are dated in, for rows without a test date of their own."""
        years: Counter[str] = Counter()
        for line in self._lines():
            values = None if line.problem else self._values(line.text)
            if values is None:
                continue
            day = self._test_date(RowReader(values, self.label))
            if day is not None:
                years[school_year_of(day)] += 1
                if sum(years.values()) >= YEAR_SAMPLE_ROWS:
                    break
        return years.most_common(1)[0][0] if years else self.default_year

    def _test_date(self, r: RowReader):
        for name in self.fmt.date_fields:
            if name in self.index and (day := r.any_date(self.index[name])):
                return day
        return None

    def records(self) -> Iterator[Record | Rejected]:
        for line in self._lines():
            if line.problem:
                yield Rejected(line.number, [(_("line"), line.problem)])
                continue
            values = self._values(line.text)
            if values is None:
                yield Rejected(line.number, [(_("record"), self._wrong_shape(line.text))])
                continue
            yield self._parse(line.number, values)

    def _parse(self, number: int, values: Sequence[str]) -> Record | Rejected:
        r = RowReader(values, self.label)
        col = self.index.get
        raw_type = r.raw(col("record_type"))
        test = self.fmt.tests.get(self.fmt.record_type_aliases.get(raw_type, raw_type))
        if test is None:
            r.fail(col("record_type"), _("“%(value)s” is not a %(title)s record type we load (%(known)s)",
                                         value=raw_type, title=self.fmt.title, known=", ".join(self.fmt.tests)))
        ssid = r.ssid(col("ssid"))
        completed = self._test_date(r)
        year = school_year_of(completed) if completed else self.file_year
        if year is None:
            r.errors.append((_("test date"), _("no test date on this row or any other row of the file, "
                                               "so the school year is unknown")))
        level_set = self.fmt.level_sets.get(test or "")
        values_out = {
            "test": test, "ssid": ssid, "year": year, "completed_on": completed,
            "grade_assessed": r.code(col("grade_assessed"), 2, "grade_level"),
            "scale_score": r.score(col("scale_score")), "standard_error": r.score(col("standard_error")),
            "level": r.code(col("level"), 40, level_set), "condition_code": r.code(col("condition_code"), 4, "condition_code"),
            "lexile_quantile": r.text(col("lexile"), 6),
            "parts": {name: v for name, logical in self.fmt.parts.items() if (v := r.raw(col(logical)))} or None,
            **_places(r, col),
            "prior": [p for n in range(1, self.fmt.prior_years + 1) if (p := self._prior(r, n, year, level_set))],
        }
        for noted in r.unknown_codes:
            self.unknown_codes[noted] = self.unknown_codes.get(noted, 0) + 1
        if r.errors:
            return Rejected(number, r.errors)
        return Record(number, values_out, (test, ssid, year))

    def _prior(self, r: RowReader, n: int, year: str | None, level_set: str | None) -> dict | None:
        """A prior-year result from the "minus n" block, if the block has a score or level."""
        col = lambda name: self.index.get(f"prior{n}_{name}")  # noqa: E731
        score, level = r.score(col("scale_score")), r.code(col("level"), 40, level_set)
        if year is None or (score is None and level is None):
            return None
        start = int(year[:4]) - n
        return {
            "academic_year": f"{start}-{start + 1}", "grade_assessed": r.code(col("grade_assessed"), 2, "grade_level"),
            "scale_score": score, "standard_error": r.score(col("standard_error")), "level": level,
            "condition_code": r.code(col("condition_code"), 4, "condition_code"),
            "parts": {p: v for p in self.fmt.prior_parts if (v := r.raw(col(p)))} or None,
        }

    # -- loading ---------------------------------------------------------------------------

    def load(self, loader: Loader, batch: Batch) -> None:
        ids = loader.student_ids(r.values["ssid"] for r in batch.live())
        for record in batch.live():
            v = record.values
            if v["ssid"] not in ids:
                batch.reject(record, self.label(self.index["ssid"]), _(
                    "SSID %(ssid)s is not on file; load the CALPADS SINF or SENR file that lists this student first",
                    ssid=v["ssid"]))
            elif v["lea"] and v["school"]:
                loader.school_id(v["lea"], v["school"], v["district_name"], v["school_name"])
        live = batch.live()
        rows = [{
            "student_id": ids[r.values["ssid"]], "test": r.values["test"], "academic_year": r.values["year"],
            **{c: r.values[c] for c in ("grade_assessed", "completed_on", "scale_score", "standard_error", "level",
                                        "condition_code", "lexile_quantile", "parts")},
            "source": "file",
        } for r in live]
        batch.mark(live, loader.upsert(TestResult.__table__, RESULT_KEY, rows, step="results", unique_in_file=True))
        owners, prior_rows = [], []
        for record in live:
            for prior in record.values["prior"]:
                owners.append(record)
                prior_rows.append({"student_id": ids[record.values["ssid"]], "test": record.values["test"],
                                   "completed_on": None, "lexile_quantile": None, **prior, "source": "prior"})
        batch.mark(owners, loader.upsert(TestResult.__table__, RESULT_KEY, prior_rows, step="prior",
                                         only_if_missing=True))


def _places(r: RowReader, col) -> dict:
    """District and school from the 14-digit CDS codes; left empty when they are not usable."""
    district, school = r.raw(col("district_code")), r.raw(col("school_code"))
    lea = district[:7] if len(district) == 14 and district.isdigit() else None
    site = school[7:] if len(school) == 14 and school.isdigit() and school[7:] != "0000000" else None
    return {"lea": lea, "school": site, "district_name": r.text(col("district_name"), 120),
            "school_name": r.text(col("school_name"), 120)}


def _map_columns(names: list[str], columns: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Logical field -> column position, using the first listed name the file has."""
    positions: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        positions.setdefault(normalize(name), []).append(i)
    index = {}
    for logical, candidates in columns.items():
        for candidate in candidates:
            name, _sep, nth = candidate.partition("#")
            found = positions.get(name, [])
            n = int(nth or 1)
            if len(found) >= n:
                index[logical] = found[n - 1]
                break
    return index
