"""CAASPP and ELPAC student score data files, in the caret-delimited form with a header row.

Columns are every field of the official layouts the importer ships (2021-22 CAASPP, 365 fields;
2020-21 Summative ELPAC, 343 fields), named as in those layouts, in the same order; blank
ranges become one blank column per field number. Values go in by field number. Dates are YYYY-MM-DD.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from ..importers.caaspp import CAASPP
from ..importers.elpac import ELPAC
from .district import DISTRICT_NAME, LEA_CODE, School
from .people import Student
from .timeline import TestScore, YearRecord

RECORD_TYPES = {"ela": "01", "math": "02", "elpac": "21"}


@dataclass(frozen=True)
class Layout:
    columns: tuple[str, ...]  # header names, one per field number

    @property
    def header(self) -> str:
        return "^".join(self.columns)

    def line(self, values: dict[int, str]) -> str:
        row = [""] * len(self.columns)
        for number, value in values.items():
            row[number - 1] = value
        return "^".join(row)


@cache
def caaspp_layout() -> Layout:
    return _layout(CAASPP.fixed.csv_path)


@cache
def elpac_layout() -> Layout:
    return _layout(ELPAC.fixed.csv_path)


def _layout(path: Path) -> Layout:
    """Expand the layout CSV (rows like "8-9,Blank (reserved)") to one name per field number."""
    names: list[str] = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            first, _sep, last = row["field_no"].partition("-")
            names.extend([row["field_name"].strip()] * (int(last or first) - int(first) + 1))
    return Layout(tuple(names))


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def yes(flag: bool) -> str:
    return "Yes" if flag else "No"


@dataclass(frozen=True)
class Context:
    """What both score files say about the student in the tested year."""
    student: Student
    record: YearRecord

    @property
    def school(self) -> School:
        return self.record.school

    def status(self, on: date) -> tuple[str, date | None, date | None]:
        """(ELAS code, EL entry date, RFEP date) on the day of the test."""
        history = [(code, start) for code, start in self.student.english_history if start <= on]
        code = history[-1][0] if history else "TBD"
        el_start = next((start for c, start in history if c == "EL"), None)
        rfep = next((start for c, start in history if c == "RFEP"), None)
        return code, el_start, rfep

    def programs(self) -> set[str]:
        return {p.code for p in self.record.programs}

    def races(self) -> set[str]:
        return set(self.student.race_codes)


def caaspp_line(ctx: Context, score: TestScore, prior: list[TestScore | None]) -> str:
    """One Smarter Balanced result; `prior` holds the same subject one, two and three years back."""
    s, school = ctx.student, ctx.school
    elas, el_start, rfep = ctx.status(score.completed_on)
    programs, races = ctx.programs(), ctx.races()
    v = {
        1: RECORD_TYPES[score.subject], 2: s.ssid, 3: s.last_name, 4: s.first_name, 5: s.middle_name,
        6: iso(s.birth_date), 7: s.gender, 10: _grade(ctx.record.grade), 11: _grade(score.grade),
        12: _district_cds(), 13: DISTRICT_NAME, 14: school.cds, 15: school.name,
        19: yes("101" in programs), 22: yes("144" in programs), 23: yes("144" in programs), 24: "No",
        25: yes(elas == "EL"), 26: iso(el_start), 27: iso(rfep), 28: iso(s.us_entry), 29: iso(ctx.record.start),
        30: elas, 32: s.family.language, 33: "No", 34: "No", 35: yes("191" in programs),
        36: yes(bool(s.family.meals)), 37: yes(bool(s.family.meals)),
        39: yes(s.hispanic), 40: yes("100" in races), 41: yes(bool(races & {"201", "203", "204", "205"})),
        42: "No", 43: yes("400" in races), 44: yes("600" in races), 45: yes("700" in races),
        46: yes(len(races) > 1), 48: s.family.parent_education,
        59: DISTRICT_NAME, 60: _district_cds(), 61: school.name, 62: school.cds, 88: iso(score.completed_on),
        89: iso(score.completed_on), 96: DISTRICT_NAME, 97: _district_cds(), 98: school.name, 99: school.cds,
        103: iso(score.completed_on), 121: "Y", 124: "O", 125: "Y", 131: _lexile(score),
        146: str(score.scale_score), 147: str(score.standard_error),
        148: str(score.scale_score - score.standard_error), 149: str(score.scale_score + score.standard_error),
        150: str(score.level), 365: "ZZ",
    }
    # Prior-year blocks: grade assessed, SEM, scale score, achievement level (fields 309-313, 327-331, 345-349).
    for start, older in zip((309, 327, 345), prior):
        if older is not None:
            v.update({start: _grade(older.grade), start + 2: str(older.standard_error),
                      start + 3: str(older.scale_score), start + 4: str(older.level)})
    return caaspp_layout().line(v)


def elpac_line(ctx: Context, score: TestScore, prior: list[TestScore | None]) -> str:
    """One Summative ELPAC result; `prior` holds the student's ELPAC one and two years back."""
    s, school = ctx.student, ctx.school
    _elas, el_start, _rfep = ctx.status(score.completed_on)
    programs, races = ctx.programs(), ctx.races()
    p = score.parts
    v = {
        1: RECORD_TYPES["elpac"], 5: s.ssid, 6: s.local_id, 8: s.last_name, 9: s.first_name, 10: s.middle_name,
        13: iso(s.birth_date), 14: iso(s.birth_date), 15: s.gender, 16: _grade(ctx.record.grade),
        17: _grade(score.grade), 18: _district_cds(), 19: DISTRICT_NAME, 20: school.cds, 21: school.name,
        26: yes("101" in programs), 27: yes("144" in programs), 28: yes("144" in programs), 31: "No",
        32: iso(el_start), 34: "Yes", 35: iso(s.us_entry), 36: "EL", 37: s.family.language,
        40: "No", 41: "No", 42: yes("191" in programs), 43: yes(bool(s.family.meals)),
        44: yes(bool(s.family.meals)), 45: yes(s.hispanic), 46: yes("100" in races),
        47: yes(bool(races & {"201", "203", "204", "205"})), 48: yes("600" in races), 49: yes("700" in races),
        50: "No", 51: yes("400" in races), 52: yes(len(races) > 1), 54: s.family.parent_education,
        55: s.family.address[0], 57: s.family.address[1], 58: s.family.address[2], 59: s.family.address[3],
        62: DISTRICT_NAME, 63: _district_cds(), 64: school.name, 65: school.cds, 69: iso(score.completed_on),
        70: iso(score.completed_on), 98: DISTRICT_NAME, 99: _district_cds(), 100: school.name, 101: school.cds,
        105: iso(score.completed_on), 118: "Y", 119: "Y",
        138: str(score.scale_score), 139: str(p["oral_score"]), 140: str(p["written_score"]),
        141: str(score.level), 142: str(p["oral"]), 143: str(p["written"]),
        146: str(p["listening"]), 147: str(p["speaking"]), 148: str(p["reading"]), 149: str(p["writing"]),
        343: "ZZ",
    }
    # Prior-year blocks (fields 302-321 and 322-341): grade, overall score and level, oral, written, domains.
    for base, older in zip((302, 322), prior):
        if older is not None:
            q = older.parts
            v.update({base + 2: _grade(older.grade), base + 8: str(older.scale_score), base + 9: str(older.level),
                      base + 10: str(q["oral_score"]), base + 12: str(q["oral"]),
                      base + 13: str(q["written_score"]), base + 15: str(q["written"]),
                      base + 16: str(q["listening"]), base + 17: str(q["speaking"]),
                      base + 18: str(q["reading"]), base + 19: str(q["writing"])})
    return elpac_layout().line(v)


def _district_cds() -> str:
    return LEA_CODE + "0000000"


def _grade(grade: int) -> str:
    return "KN" if grade == 0 else f"{grade:02d}"


def _lexile(score: TestScore) -> str:
    """A Lexile (reading) or Quantile (math) measure that rises with the scale score."""
    if score.subject == "ela":
        measure = round((score.scale_score * 3.64 - 8260) / 5) * 5
        return "BR" if measure <= 0 else f"{min(measure, 1700)}L"
    measure = round((score.scale_score * 3.65 - 8390) / 5) * 5
    return "EM" if measure <= 0 else f"{min(measure, 1600)}Q"
