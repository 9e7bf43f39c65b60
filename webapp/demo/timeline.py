"""One student's school years, worked out once and then written to whichever files are asked for.

A `YearRecord` holds what the district's systems would know about the student in one school year:
enrollment, programs, English status, attendance, incidents, courses and state tests. Draws come
from the student's own `random.Random`, in a fixed order, so the same seed gives the same years.
"""
from __future__ import annotations

import math
import random
import zlib
from dataclasses import dataclass, field
from datetime import date

from .. import codes
from .courses import ELD, Course, schedule
from .district import SchoolYear, School, level_of
from .people import Incident, Student, elpac_day

TESTED_GRADES = (3, 4, 5, 6, 7, 8, 11)
SECTION_SIZE = 30
TEACHERS_PER_DEPARTMENT = 6
DEPARTMENTS = ("ENG", "MATH", "SCI", "HIST", "PE", "WL", "ART", "ELEC", "ELD", "SPED")
LETTERS = ((1.3, "A"), (0.9, "A-"), (0.6, "B+"), (0.3, "B"), (0.05, "B-"), (-0.2, "C+"), (-0.5, "C"),
           (-0.8, "C-"), (-1.1, "D+"), (-1.4, "D"), (-1.6, "D-"))
AG_PASSING = {"A", "A-", "B+", "B", "B-", "C+", "C", "C-"}
# Smarter Balanced lowest and highest obtainable scale scores by grade (2020-21 on), for clamping.
SBAC_RANGE = {
    "ela": {3: (2114, 2623), 4: (2131, 2663), 5: (2201, 2701), 6: (2210, 2724), 7: (2258, 2745),
            8: (2288, 2769), 11: (2299, 2795)},
    "math": {3: (2189, 2621), 4: (2204, 2659), 5: (2219, 2700), 6: (2235, 2748), 7: (2250, 2778),
             8: (2265, 2802), 11: (2280, 2862)},
}
# Summative ELPAC overall cut scores (lowest score of levels 2, 3, 4). Grades 11–12 are the published
# 2020-21 values (CALPADS.md B.2); the lower grades are set below them so scores rise with grade.
ELPAC_CUTS = {0: (1374, 1422, 1474), 1: (1411, 1458, 1498), 2: (1437, 1482, 1521), 3: (1449, 1494, 1548),
              4: (1458, 1503, 1556), 5: (1466, 1512, 1565), 6: (1473, 1521, 1573), 7: (1480, 1528, 1580),
              8: (1486, 1535, 1587), 9: (1491, 1543, 1596), 10: (1495, 1549, 1605), 11: (1500, 1555, 1615),
              12: (1500, 1555, 1615)}
ELPAC_RANGE = (1150, 1950)


@dataclass(frozen=True)
class Program:
    code: str
    start: date
    end: date | None
    dwelling: str = ""


@dataclass(frozen=True)
class Attendance:
    expected: int
    attended: int
    out_of_school_suspension: int
    in_school_suspension: int
    excused: int
    unexcused: int


@dataclass(frozen=True)
class CourseTaken:
    course: Course
    section_id: str
    term: str  # FY, S1, S2
    teacher_seid: str
    mark: str  # final grade, "" while the term is under way
    credits_attempted: str
    credits_earned: str

    @property
    def completed(self) -> bool:
        return bool(self.mark)


@dataclass(frozen=True)
class TestScore:
    subject: str  # "ela", "math" (CAASPP) or "elpac"
    grade: int
    completed_on: date
    scale_score: int
    standard_error: int
    level: int
    parts: dict = field(default_factory=dict)  # ELPAC oral/written/domain levels and scores


@dataclass
class YearRecord:
    year: SchoolYear
    grade: int
    school: School
    start: date
    exit: date | None
    exit_reason: str
    completion: str
    receiver: str
    programs: list[Program]  # in force this year
    program_rows: list[Program]  # SPRG rows sent this year
    english: list[tuple[str, date]]  # SELA rows sent this year
    attendance: Attendance | None
    incidents: list[Incident]
    courses: list[CourseTaken]
    tests: list[TestScore]
    met_uc_csu: str = ""


class Sections:
    """Hands out sections 30 students at a time, and remembers every section and teacher used."""

    def __init__(self) -> None:
        self.filled: dict[tuple, int] = {}
        self.sections: dict[tuple, tuple[School, SchoolYear, Course, str, str, str]] = {}
        self.teachers: dict[tuple[str, str], tuple[School, str, int]] = {}

    def take(self, school: School, year: SchoolYear, course: Course, terms: tuple[str, ...]) -> tuple[str, str]:
        key = (school.code, year.start_year, course.local_id)
        seat = self.filled.get(key, 0)
        self.filled[key] = seat + 1
        number = seat // SECTION_SIZE
        section_id = f"{course.local_id[:7]}{number + 1:03d}"
        slot = zlib.crc32(f"{course.local_id}:{number}".encode()) % TEACHERS_PER_DEPARTMENT
        seid = teacher_seid(school, course.dept, slot)
        self.teachers.setdefault((seid, year.label), (school, course.dept, slot))
        for term in terms:
            self.sections.setdefault((school.code, year.start_year, course.local_id, section_id, term),
                                     (school, year, course, section_id, term, seid))
        return section_id, seid


def teacher_seid(school: School, dept: str, slot: int) -> str:
    """A 9-digit Statewide Educator Identifier: 8, the school code's last six digits, department, slot."""
    return f"8{school.code[1:]}{DEPARTMENTS.index(dept)}{slot}"


def principal_seid(school: School) -> str:
    return f"9{school.code[1:]}00"


def build(student: Student, years: list[SchoolYear], current: SchoolYear, today: date,
          schools: dict[str, tuple[School, ...]], sections: Sections) -> list[YearRecord]:
    rng = random.Random(f"{student.ssid}:{student.local_id}:{student.birth_date}")
    records: list[YearRecord] = []
    reported: set[tuple[str, date]] = set()
    for year in years:
        if student.enrolled_in(year, current):
            records.append(_year(rng, student, year, current, today, schools, sections, reported))
    _mark_graduates(records, today)
    return records


def _year(rng: random.Random, student: Student, year: SchoolYear, current: SchoolYear, today: date,
          schools: dict[str, tuple[School, ...]], sections: Sections, reported: set[tuple[str, date]]) -> YearRecord:
    grade = student.grade_in(year, current)
    school = _school_for(schools, grade, student.family.number)
    start = max(year.first_day, student.entered_on)
    complete = year.is_complete(today)
    until = min(today, year.last_day)
    history = [(code, start) for code, start in student.english_history if start <= until]
    el_now = history[-1][0] in ("EL", "TBD")
    programs = _programs(student, year, grade, start, until, complete, el_now)
    incidents = [i for i in student.incidents if i.start_year == year.start_year]
    strength = {"ela": student.ability_ela + rng.gauss(0, 0.25) - (0.5 if el_now else 0.0),
                "math": student.ability_math + rng.gauss(0, 0.25)}
    chronic = year.start_year in student.chronic_years
    return YearRecord(
        year=year,
        grade=grade,
        school=school,
        start=start,
        exit=year.last_day if complete else None,
        exit_reason=("E230" if grade == 12 else "E155") if complete else "",
        completion="100" if complete and grade == 12 else "",
        receiver=_receiver(schools, grade, student.family.number) if complete else "",
        programs=programs,
        program_rows=_once(programs, reported),
        english=_once(history, reported),
        attendance=_attendance(rng, year, start, today, chronic, incidents),
        incidents=incidents,
        courses=_courses(rng, student, year, grade, school, today, strength, el_now, chronic, sections),
        tests=_tests(rng, student, year, grade, today, strength),
    )


def _school_for(schools: dict[str, tuple[School, ...]], grade: int, family_number: int) -> School:
    """Brothers and sisters go to the same school at each level."""
    options = schools[level_of(grade)]
    return options[family_number % len(options)]


def _receiver(schools: dict[str, tuple[School, ...]], grade: int, family_number: int) -> str:
    """SENR 1.28: the school a promoted fifth or eighth grader is expected to attend next."""
    if grade in (5, 8):
        return _school_for(schools, grade + 1, family_number).code
    return ""


def _once(rows: list, reported: set) -> list:
    """SELA statuses and lasting programs are sent once, in the first year file that knows them.

    A record repeated in several years' files with a different Academic Year would make one
    load of all the files disagree with itself; CALPADS also takes SELA as changes, not yearly copies.
    """
    fresh = []
    for row in rows:
        key = (row.code, row.start) if isinstance(row, Program) else row
        if key not in reported:
            reported.add(key)
            fresh.append(row)
    return fresh


def _programs(student: Student, year: SchoolYear, grade: int, start: date, until: date, complete: bool,
              el_now: bool) -> list[Program]:
    year_end = year.last_day if complete else None
    found = []
    if student.plan_504_since and student.plan_504_since <= until:
        found.append(Program("101", student.plan_504_since, None))
    if student.iep_since and student.iep_since <= until:
        # CALPADS retired program 144 after 2018-19, when special education moved to the SPED and
        # SSRV files. We do not import those files, so the demo reports IEPs the way many student
        # information systems still export them: as program 144 on SPRG.
        found.append(Program("144", student.iep_since, None))
    if student.family.meals:
        found.append(Program(student.family.meals, start, year_end))
    homeless_from = max(start, year.day(0.3))
    if student.family.homeless_year == year.start_year and homeless_from <= until:
        found.append(Program("191", homeless_from, year_end, student.family.dwelling))
    if el_now:
        newcomer = (year.first_day - student.us_entry).days < 365 and grade >= 3
        found.append(Program("303" if newcomer else "305", start, year_end))
    if student.gate and 3 <= grade <= 8:
        identified = SchoolYear(year.start_year - (grade - 3))
        found.append(Program("127", max(identified.day(0.3), student.entered_on),
                             year.last_day if complete and grade == 8 else None))
    return found


def _attendance(rng: random.Random, year: SchoolYear, start: date, today: date, chronic: bool,
                incidents: list[Incident]) -> Attendance | None:
    expected = year.school_days(start, today)
    if expected == 0:
        return None
    suspended = sum(i.days for i in incidents if i.result == "100")
    in_school = sum(i.days for i in incidents if i.result == "110")
    if chronic:
        missed = max(math.ceil(expected * 0.1), round(expected * rng.uniform(0.10, 0.24)))
    else:
        missed = round(expected * min(0.09, rng.expovariate(1 / 0.03)))
    missed = max(missed, suspended)
    absent = missed - suspended
    unexcused = round(absent * rng.uniform(0.2, 0.6))
    return Attendance(expected, expected - missed, suspended, in_school, absent - unexcused, unexcused)


def _courses(rng: random.Random, student: Student, year: SchoolYear, grade: int, school: School,
             today: date, strength: dict[str, float], el_now: bool, chronic: bool,
             sections: Sections) -> list[CourseTaken]:
    if grade < 6:
        return []
    high = grade >= 9
    terms = ("S1", "S2") if high else ("FY",)
    ends = {"S1": year.day(0.5), "S2": year.last_day, "FY": year.last_day}
    taken = []
    for course in schedule(rng, grade, strength, el_now, student.iep_since is not None):
        section_id, seid = sections.take(school, year, course, terms)
        for term in terms:
            done = ends[term] < today
            mark = _mark(rng, course, strength, chronic) if done else ""
            credits = "5.00" if high else ""
            earned = ("0.00" if mark == "F" else "5.00") if high and done else ""
            taken.append(CourseTaken(course, section_id, term, seid, mark, credits, earned))
    return taken


def _mark(rng: random.Random, course: Course, strength: dict[str, float], chronic: bool) -> str:
    subject = {"ENG": "ela", "HIST": "ela", "WL": "ela", "ELD": "ela", "MATH": "math", "SCI": "math"}
    base = strength[subject[course.dept]] if course.dept in subject else 0.6 + strength["ela"] / 2
    score = base + 0.4 + rng.gauss(0, 0.7) - (0.6 if chronic else 0.0) + (0.3 if course is ELD else 0.0)
    return next((letter for cut, letter in LETTERS if score >= cut), "F")


def _tests(rng: random.Random, student: Student, year: SchoolYear, grade: int, today: date,
           strength: dict[str, float]) -> list[TestScore]:
    """Scores reach the district after the school year ends, so only finished years have them."""
    if not year.is_complete(today):
        return []
    found = []
    if grade in TESTED_GRADES:
        taken = year.day(rng.uniform(0.78, 0.88))
        for subject in ("ela", "math"):
            found.append(_sbac(rng, subject, grade, taken, strength[subject]))
    on = elpac_day(year)
    statuses = [code for code, start in student.english_history if start <= on]
    if statuses and statuses[-1] == "EL":
        found.append(_elpac(rng, student, grade, on))
    return found


def _sbac(rng: random.Random, subject: str, grade: int, taken: date, z: float) -> TestScore:
    nearly, met, exceeded = codes.sbac_bands(subject, grade)
    low, high = SBAC_RANGE[subject][grade]
    spread = (exceeded - nearly) * 0.75
    score = round(met + spread * (z - (0.15 if subject == "ela" else 0.35)) + rng.gauss(0, 12))
    score = max(low, min(high, score))
    level = 1 + sum(score >= cut for cut in (nearly, met, exceeded))
    error = round(18 + abs(score - met) / 9 + rng.uniform(0, 4))
    return TestScore(subject, grade, taken, score, error, level)


def _elpac(rng: random.Random, student: Student, grade: int, on: date) -> TestScore:
    proficiency = student.elpac_level(on)
    level = max(1, min(4, int(proficiency)))
    cuts = ELPAC_CUTS[grade]
    floor = (ELPAC_RANGE[0] + cuts[0]) // 2 if level == 1 else cuts[level - 2]
    ceiling = cuts[level - 1] - 1 if level < 4 else cuts[2] + 120
    score = round(floor + (ceiling - floor) * min(0.95, proficiency - int(proficiency) + rng.uniform(0, 0.1)))
    oral = min(4, level + (rng.random() < 0.45))
    written = max(1, level - (rng.random() < 0.45))
    domain = {1: 1, 2: 2, 3: 2, 4: 3}
    parts = {
        "oral": oral, "written": written,
        "oral_score": min(ELPAC_RANGE[1], score + rng.randrange(5, 40)),
        "written_score": max(ELPAC_RANGE[0], score - rng.randrange(5, 40)),
        "listening": domain[oral], "speaking": min(3, domain[oral] + (rng.random() < 0.3)),
        "reading": domain[written], "writing": max(1, domain[written] - (rng.random() < 0.3)),
    }
    return TestScore("elpac", grade, on, score, 0, level, parts)


def _mark_graduates(records: list[YearRecord], today: date) -> None:
    """SENR 1.29 for a graduate: Y when every a–g course was passed with a C- or better."""
    last = records[-1] if records else None
    if last is None or last.completion != "100":
        return
    marks = [c.mark for r in records for c in r.courses if c.course.ag and c.mark]
    last.met_uc_csu = "Y" if marks and all(m in AG_PASSING for m in marks) else "N"
