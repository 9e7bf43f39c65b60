"""Write a whole demo district as the files a California district sends: CALPADS and state tests.

Deterministic: the output depends only on the arguments (`today` included, never the clock), so
the same seed gives the same bytes. Streaming: students are made and written one at a time; only
the course sections and teachers seen so far are kept, so a 100,000-student district fits in
little memory.
"""
from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import IO

from . import calpads, score_files
from .district import DISTRICT_NAME, SchoolYear, current_school_year, schools_for
from .names import TEACHER_FIRST_NAMES, TEACHER_LAST_NAMES
from .people import Student, students
from .timeline import Sections, TestScore, YearRecord, build, principal_seid

CALPADS_FILES = ("SENR", "SINF", "SPRG", "SELA", "STAS", "SINC", "SIRS", "SOFF", "CRSC", "SCSC", "SDEM", "SASS")
ALL_FILES = CALPADS_FILES + ("CAASPP", "ELPAC")
BENCH_FILES = ("SINF", "SENR", "SPRG", "SELA", "STAS", "CRSC", "SCSC", "CAASPP")
DEFAULT_TODAY = date(2025, 6, 20)  # just after the 2024-2025 school year, so every year is complete
DEFAULT_SEED = 2025
DEFAULT_STUDENTS = 600
DEFAULT_YEARS = 4
MARKER = ".backpack-demo"
SUBDIRS = ("calpads", "caaspp", "elpac")
STAFF_HIRED_BY = 2020  # staff were hired up to 20 years before this, whatever year the district is built for


@dataclass
class DemoFiles:
    """What `generate` wrote: the files by import kind, and how many records of each type."""
    directory: Path
    calpads: list[Path]
    caaspp: list[Path]
    elpac: list[Path]
    students: int
    records: dict[str, int] = field(default_factory=dict)

    def by_kind(self) -> list[tuple[str, list[Path]]]:
        """In the order they must be imported: CALPADS first, since score files need the students."""
        return [(kind, paths) for kind, paths in
                (("calpads", self.calpads), ("caaspp", self.caaspp), ("elpac", self.elpac)) if paths]


class _Files:
    """Opens each output file on its first record, so no file is ever empty."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.handles: dict[str, IO[str]] = {}
        self.counts: dict[str, int] = {}

    def write(self, relative: str, kind: str, text: str, header: str | None = None) -> None:
        handle = self.handles.get(relative)
        if handle is None:
            path = self.directory / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.handles[relative] = path.open("w", encoding="utf-8", newline="")
            if header is not None:
                handle.write(header + "\r\n")
        handle.write(text + "\r\n")
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def close(self) -> list[Path]:
        for handle in self.handles.values():
            handle.close()
        return sorted(self.directory / relative for relative in self.handles)


def generate(directory: Path | str, students_count: int = DEFAULT_STUDENTS, seed: int = DEFAULT_SEED,
             today: date = DEFAULT_TODAY, years: int = DEFAULT_YEARS, files: tuple[str, ...] = ALL_FILES) -> DemoFiles:
    """Write the district's files under `directory` (calpads/, caaspp/, elpac/) and say what was written.

    `years` school years are written, ending with the one under way on `today`; `files` picks
    record types (e.g. BENCH_FILES). A directory from an earlier run is emptied first; any other
    non-empty directory is refused, so a real district's files are never touched.
    """
    directory = Path(directory)
    _prepare(directory)
    wanted = set(files)
    current = current_school_year(today)
    school_years = [SchoolYear(current.start_year - back) for back in range(years - 1, -1, -1)]
    schools = schools_for(students_count)
    sections = Sections()
    out = _Files(directory)
    made = 0
    for student in students(seed, students_count, current, school_years, today):
        records = build(student, school_years, current, today, schools, sections)
        _write_student(out, wanted, student, records)
        made += 1
    _write_sections(out, wanted, sections, today)
    _write_staff(out, wanted, seed, sections, schools, school_years)
    paths = out.close()
    return DemoFiles(
        directory=directory,
        calpads=[p for p in paths if p.parent.name == "calpads"],
        caaspp=[p for p in paths if p.parent.name == "caaspp"],
        elpac=[p for p in paths if p.parent.name == "elpac"],
        students=made,
        records=dict(sorted(out.counts.items())),
    )


def _prepare(directory: Path) -> None:
    if directory.exists() and any(directory.iterdir()) and not (directory / MARKER).exists():
        raise FileExistsError(f"{directory} has other files in it; give an empty or new directory for the demo files")
    directory.mkdir(parents=True, exist_ok=True)
    for sub in SUBDIRS:
        shutil.rmtree(directory / sub, ignore_errors=True)
    (directory / MARKER).write_text(f"Demo files for {DISTRICT_NAME}, written by `backpack demo`.\n", encoding="utf-8")


def _write_student(out: _Files, wanted: set[str], student: Student, records: list[YearRecord]) -> None:
    scores = {(score.subject, r.year.start_year): score for r in records for score in r.tests}
    for record in records:
        year = record.year.label

        def put(kind: str, fields: list[str]) -> None:
            if kind in wanted:
                out.write(f"calpads/{year}-{kind}.txt", kind, calpads.line(fields))

        put("SENR", calpads.senr(student, record))
        put("SINF", calpads.sinf(student, record))
        for program in record.program_rows:
            put("SPRG", calpads.sprg(student, record, program))
        for status, start in record.english:
            put("SELA", calpads.sela(student, record, status, start))
        if record.attendance:
            put("STAS", calpads.stas(student, record, record.attendance))
        for incident in record.incidents:
            put("SINC", calpads.sinc(student, record, incident))
            put("SOFF", calpads.soff(student, record, incident))
            put("SIRS", calpads.sirs(student, record, incident))
        if "SCSC" in wanted:
            for taken in record.courses:
                out.write(f"calpads/{year}-SCSC.txt", "SCSC", calpads.line(calpads.scsc(student, record, taken)))
        _write_scores(out, wanted, student, record, scores)


def _write_scores(out: _Files, wanted: set[str], student: Student, record: YearRecord,
                  scores: dict[tuple[str, int], TestScore]) -> None:
    context = score_files.Context(student, record)
    start = record.year.start_year
    for score in record.tests:
        prior = [scores.get((score.subject, start - back)) for back in (1, 2, 3)]
        if score.subject == "elpac" and "ELPAC" in wanted:
            out.write(f"elpac/{record.year.label}-ELPAC-DLMTR.txt", "ELPAC",
                      score_files.elpac_line(context, score, prior[:2]), score_files.elpac_layout().header)
        elif score.subject != "elpac" and "CAASPP" in wanted:
            out.write(f"caaspp/{record.year.label}-CAASPP-DLMTR.txt", "CAASPP",
                      score_files.caaspp_line(context, score, prior), score_files.caaspp_layout().header)


def _write_sections(out: _Files, wanted: set[str], sections: Sections, today: date) -> None:
    """CRSC for sections of finished terms, CRSE (same layout) for terms still under way."""
    if "CRSC" not in wanted:
        return
    for key in sorted(sections.sections):
        school, year, course, section_id, term, seid = sections.sections[key]
        ends = year.day(0.5) if term == "S1" else year.last_day
        kind = "CRSC" if ends < today else "CRSE"
        out.write(f"calpads/{year.label}-CRSC.txt", "CRSC",
                  calpads.line(calpads.crsc(kind, school, year, course, section_id, term, seid)))


def _write_staff(out: _Files, wanted: set[str], seed: int, sections: Sections, schools, school_years) -> None:
    """SASS for every teacher who had a section and a principal at each school, every year; SDEM
    once per person, in the newest year they worked (one load of all years then agrees with itself)."""
    if not wanted & {"SDEM", "SASS"}:
        return
    newest: dict[str, SchoolYear] = {}
    for year in school_years:
        staff = [(seid, school, calpads.TEACHER_JOB) for (seid, label), (school, _d, _s) in
                 sorted(sections.teachers.items()) if label == year.label]
        staff += [(principal_seid(school), school, calpads.ADMINISTRATOR_JOB)
                  for level in schools.values() for school in level]
        for seid, school, job in staff:
            newest[seid] = year
            if "SASS" in wanted:
                person = _staff_member(seed, seid, year)
                out.write(f"calpads/{year.label}-SASS.txt", "SASS",
                          calpads.line(calpads.sass(year, school, seid, person, job)))
    if "SDEM" in wanted:
        for seid, year in sorted(newest.items(), key=lambda item: (item[1].start_year, item[0])):
            out.write(f"calpads/{year.label}-SDEM.txt", "SDEM",
                      calpads.line(calpads.sdem(year, seid, _staff_member(seed, seid, year))))


def _staff_member(seed: int, seid: str, year: SchoolYear) -> dict:
    """A staff member as of `year`; hired in a year that depends only on the seed and SEID."""
    rng = random.Random(f"{seed}:staff:{seid}")
    hired = SchoolYear(STAFF_HIRED_BY - rng.randrange(0, 20)).first_day - timedelta(days=rng.randrange(5, 30))
    years_here = max(1, year.start_year - hired.year + 1)
    return {
        "first": rng.choice(TEACHER_FIRST_NAMES), "last": rng.choice(TEACHER_LAST_NAMES),
        "birth": date(hired.year - rng.randrange(23, 40), rng.randrange(1, 13), rng.randrange(1, 29)),
        "gender": rng.choice("FFM"), "race": rng.choice(("700", "700", "201", "204", "400", "600")),
        "hispanic": rng.random() < 0.3, "degree": rng.choice("BMM"), "hired": hired,
        "status": "T" if years_here > 2 else "P", "years_lea": years_here,
        "years_total": years_here + rng.randrange(0, 6),
    }
