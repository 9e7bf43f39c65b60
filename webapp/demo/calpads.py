"""CALPADS upload records (caret-delimited, no header) for the demo district, one function per file.

Field orders follow `../shared/formats/CALPADS.md` section A (2019-20 numbering); SINF uses the
50-field vendor layout and STAS the 23-field one, as districts sent them from 2020-21 on.
Dates are CCYYMMDD. Each function returns the record's fields; `line()` checks the count.
"""
from __future__ import annotations

from datetime import date
from functools import cache

from .district import LEA_CODE, School, SchoolYear
from .people import Incident, Student
from .timeline import Attendance, CourseTaken, Program, YearRecord

FIELD_COUNTS = {"SENR": 39, "SINF": 50, "SPRG": 26, "SELA": 16, "STAS": 23, "SINC": 17, "SIRS": 17,
                "SOFF": 15, "CRSC": 36, "CRSE": 36, "SCSC": 20, "SCSE": 20, "SDEM": 31, "SASS": 21}
TEACHER_JOB, ADMINISTRATOR_JOB = "12", "10"  # SASS 8.13 job classification: teacher, administrator


def line(fields: list[str]) -> str:
    expected = FIELD_COUNTS[fields[0]]
    if len(fields) != expected:
        raise ValueError(f"{fields[0]} record has {len(fields)} fields, the layout has {expected}")
    return "^".join(fields)


@cache
def ccyymmdd(day: date | None) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}" if day else ""


def yes_no(flag: bool) -> str:
    return "Y" if flag else "N"


def _header(kind: str, student: Student, school: School, year: SchoolYear) -> list[str]:
    """Fields x.01–x.12 shared by SPRG, STAS, SINC, SIRS and SOFF."""
    return [kind, "", "", LEA_CODE, school.code, year.label, student.ssid, student.local_id,
            student.first_name, student.last_name, ccyymmdd(student.birth_date), student.gender]


def senr(student: Student, record: YearRecord) -> list[str]:
    city, state, country = student.birth_place
    return [
        "SENR", "", "", LEA_CODE, record.school.code, "", record.year.label, student.ssid, student.local_id,
        student.first_name, student.middle_name, student.last_name, "", "", "", "",
        ccyymmdd(student.birth_date), student.gender, city, state, country,
        ccyymmdd(record.start), "10", grade_code(record.grade), ccyymmdd(record.exit), record.exit_reason,
        record.completion, record.receiver, record.met_uc_csu, "", LEA_CODE,
        "N", "N", "N", "N", "N", "N", "N", "N",
    ]


def sinf(student: Student, record: YearRecord) -> list[str]:
    family = student.family
    city, state, country = student.birth_place
    races = list(student.race_codes) + [""] * (5 - len(student.race_codes))
    guardians = [part for name in family.guardians for part in name] + [""] * (4 - 2 * len(family.guardians))
    line1, home_city, home_state, zip_code = family.address
    under_three = (record.year.first_day - student.us_entry).days < 3 * 365
    return [
        "SINF", "", "", ccyymmdd(record.start), "", LEA_CODE, record.school.code, record.year.label,
        student.ssid, student.local_id, student.first_name, student.middle_name, student.last_name, "",
        "", "", "", ccyymmdd(student.birth_date), student.gender, city, state, country,
        yes_no(student.hispanic), "N", *races, "N",
        line1, "", home_city, home_state, zip_code,
        ccyymmdd(student.us_entry), yes_no(under_three), family.parent_education, *guardians,
        student.preferred_first_name, "", "", "", "", "", "", "",
    ]


def sprg(student: Student, record: YearRecord, program: Program) -> list[str]:
    homeless = program.code == "191"
    return _header("SPRG", student, record.school, record.year) + [
        program.code, "1", ccyymmdd(program.start), ccyymmdd(program.end), "", "", "", "", "", "",
        program.dwelling, "N" if homeless else "", "N" if homeless else "", "",
    ]


def sela(student: Student, record: YearRecord, status: str, start: date) -> list[str]:
    header = _header("SELA", student, record.school, record.year)
    return header[:7] + header[8:] + [student.local_id, status, ccyymmdd(start), student.family.language, ""]


def stas(student: Student, record: YearRecord, days: Attendance) -> list[str]:
    return _header("STAS", student, record.school, record.year) + [
        "N", "N", str(days.expected), str(days.attended), str(days.out_of_school_suspension),
        str(days.in_school_suspension), str(days.excused), str(days.unexcused), "0", "0", "N",
    ]


def incident_id(student: Student, incident: Incident) -> str:
    return f"{incident.occurred_on:%y%m%d}-{student.local_id}"


def sinc(student: Student, record: YearRecord, incident: Incident) -> list[str]:
    return _header("SINC", student, record.school, record.year) + [
        incident_id(student, incident), ccyymmdd(incident.occurred_on), "Y", "N", "",
    ]


def sirs(student: Student, record: YearRecord, incident: Incident) -> list[str]:
    days = f"{incident.days:03d}" if incident.result in ("100", "110") else ""
    return _header("SIRS", student, record.school, record.year) + [
        incident_id(student, incident), incident.result, "10", days, "",
    ]


def soff(student: Student, record: YearRecord, incident: Incident) -> list[str]:
    return _header("SOFF", student, record.school, record.year) + [incident_id(student, incident), incident.offense, ""]


def scsc(student: Student, record: YearRecord, taken: CourseTaken) -> list[str]:
    """SCSC when the term is over; SCSE (fall enrollment, same layout) while it is under way."""
    kind = "SCSC" if taken.completed else "SCSE"
    return _header(kind, student, record.school, record.year) + [
        taken.course.local_id, taken.section_id, taken.term, taken.credits_attempted, taken.credits_earned,
        taken.mark, taken.course.ag, "",
    ]


def crsc(kind: str, school: School, year: SchoolYear, course, section_id: str, term: str, seid: str) -> list[str]:
    middle_core = school.level == "middle" and course.dept in ("ENG", "MATH", "SCI", "HIST")
    return [
        kind, "", "", LEA_CODE, school.code, year.label, course.state_code, course.local_id, course.name, "", "",
        "N", yes_no(bool(course.ag)), section_id, term, seid, staff_local_id(seid), "", "", "", "", "",
        "N", "N", "", "", "", "", "", "", "N", course.state_code if course.ap else "", "",
        yes_no(middle_core), "", "",
    ]


def staff_local_id(seid: str) -> str:
    return f"T{seid}"


def sdem(year: SchoolYear, seid: str, staff: dict) -> list[str]:
    return [
        "SDEM", "", "", ccyymmdd(year.first_day), "", LEA_CODE, year.label, seid, staff_local_id(seid),
        staff["first"], "", staff["last"], "", "", "", ccyymmdd(staff["birth"]), staff["gender"],
        yes_no(staff["hispanic"]), "N", staff["race"], "", "", "", "", "N", staff["degree"], staff["status"],
        ccyymmdd(staff["hired"]), "",
        str(staff["years_lea"]), str(staff["years_total"]),
    ]


def sass(year: SchoolYear, school: School, seid: str, staff: dict, job: str) -> list[str]:
    return [
        "SASS", "", "", LEA_CODE, school.code, year.label, seid, staff_local_id(seid), staff["first"],
        staff["last"], ccyymmdd(staff["birth"]), staff["gender"], job, "100.0", "", "", "", "", "", "", "",
    ]


def grade_code(grade: int) -> str:
    return "KN" if grade == 0 else f"{grade:02d}"
