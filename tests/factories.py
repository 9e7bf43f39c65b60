"""Realistic backpack rows for tests, inserted through the models (no importer involved).

Small builders, one per table, each with CALPADS-like defaults that any keyword overrides, plus
`make_student_with_history`, which gives one student N school years in every table. Every builder
adds to the session and flushes (ids are set) but never commits: the test decides.

    district = make_district(s)
    high = make_school(s, district, name="Lincoln High")
    maya = make_student_with_history(s, school=high, years=5, last_grade="11")
    s.commit()
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import count
from typing import Optional

from sqlalchemy.orm import Session

from webapp.models import (
    AttendanceSummary,
    CourseRecord,
    CourseSection,
    DisciplineIncident,
    DisciplineOffense,
    DisciplineResult,
    District,
    Enrollment,
    EnglishStatus,
    ProgramParticipation,
    School,
    Staff,
    Student,
    TestResult,
)

LAST_YEAR = 2023  # the school year 2023-2024 is "this year" unless a test says otherwise
GRADES = ("KN", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12")
_serial = count(1)


def academic_year(start: int) -> str:
    """2023 -> "2023-2024", the CALPADS Academic Year ID."""
    return f"{start}-{start + 1}"


def grade_before(grade: str, years: int) -> str:
    """The grade a student was in `years` school years before `grade` ("11", 2 -> "09")."""
    return GRADES[GRADES.index(grade) - years]


def _add(session: Session, row):
    session.add(row)
    session.flush()
    return row


def make_district(session: Session, **fields) -> District:
    n = next(_serial)
    values = {"cds_code": f"{6100000 + n:07d}", "name": f"Sunrise Valley Unified {n}"}
    return _add(session, District(**(values | fields)))


def make_school(session: Session, district: District, **fields) -> School:
    n = next(_serial)
    values = {"cds_code": f"{6000000 + n:07d}", "name": f"Rosa Parks School {n}", "district_id": district.id}
    return _add(session, School(**(values | fields)))


def make_staff(session: Session, **fields) -> Staff:
    n = next(_serial)
    values = {"seid": f"{1000000000 + n}", "local_id": f"T{n}", "first_name": "Dana", "last_name": f"Okafor{n}",
              "employment_status": "P"}
    return _add(session, Staff(**(values | fields)))


def make_student(session: Session, school: Optional[School] = None, **fields) -> Student:
    """A student in `school` (and its district); SSIDs are ten digits and unique within the run."""
    n = next(_serial)
    values = {
        "ssid": f"{4000000000 + n}",
        "local_id": f"L{n:06d}",
        "district_id": school.district_id if school else None,
        "school_id": school.id if school else None,
        "first_name": "Maya",
        "middle_name": "Luz",
        "last_name": f"Hernandez{n}",
        "preferred_first_name": None,
        "birth_date": date(2008, 3, 14),
        "gender": "F",
        "grade_level": "11",
        "home_language": "01",
        "hispanic": True,
        "race_codes": ["700"],
        "parent_education": "13",
    }
    return _add(session, Student(**(values | fields)))


def add_enrollment(session: Session, student: Student, school: School, year: int, **fields) -> Enrollment:
    """A school-year stay: mid-August to mid-June, ended with a year-end exit (E155)."""
    values = {
        "student_id": student.id, "school_id": school.id, "academic_year": academic_year(year),
        "start_date": date(year, 8, 15), "status_code": "10", "grade_level": student.grade_level,
        "exit_date": date(year + 1, 6, 10), "exit_reason": "E155", "completion_status": None,
    }
    return _add(session, Enrollment(**(values | fields)))


def add_attendance(session: Session, student: Student, school: School, year: int, **fields) -> AttendanceSummary:
    """180 expected days; 171 attended (2 excused, 4 unexcused, 3 out-of-school suspension)."""
    values = {
        "student_id": student.id, "school_id": school.id, "academic_year": academic_year(year),
        "exempt": False, "hourly_school": False,
        "expected_days": Decimal("180"), "days_attended": Decimal("171"),
        "out_of_school_suspension_days": Decimal("3"), "in_school_suspension_days": Decimal("1"),
        "excused_absence_days": Decimal("2"), "unexcused_absence_days": Decimal("4"),
        "incomplete_independent_study_days": Decimal("0"),
    }
    return _add(session, AttendanceSummary(**(values | fields)))


def add_program(session: Session, student: Student, school: School, year: int, program_code: str,
                **fields) -> ProgramParticipation:
    """SPRG membership starting on the first day of `year` (open-ended unless end_date is given)."""
    values = {
        "student_id": student.id, "school_id": school.id, "academic_year": academic_year(year),
        "program_code": program_code, "membership_code": "1", "start_date": date(year, 8, 15), "end_date": None,
    }
    return _add(session, ProgramParticipation(**(values | fields)))


def add_english_status(session: Session, student: Student, year: int, status_code: str, **fields) -> EnglishStatus:
    values = {
        "student_id": student.id, "academic_year": academic_year(year), "status_code": status_code,
        "start_date": date(year, 9, 1), "primary_language": "01",
    }
    return _add(session, EnglishStatus(**(values | fields)))


def add_incident(session: Session, student: Student, school: School, year: int, *,
                 offenses: tuple[tuple[str, Optional[str]], ...] = (("511", None),),
                 results: tuple[tuple[str, Optional[Decimal]], ...] = (("100", Decimal("2")),),
                 **fields) -> DisciplineIncident:
    """SINC with its SOFF (offense code, weapon code) and SIRS (result code, days) rows."""
    n = next(_serial)
    values = {
        "student_id": student.id, "school_id": school.id, "academic_year": academic_year(year),
        "incident_id_local": f"INC{n}", "occurred_on": date(year + 1, 2, 3), "statutory_offense": True,
        "instructional_support": True, "removal_reason": None, "source": "SINC",
    }
    incident = _add(session, DisciplineIncident(**(values | fields)))
    for offense_code, weapon_code in offenses:
        _add(session, DisciplineOffense(incident_id=incident.id, offense_code=offense_code, weapon_code=weapon_code))
    for result_code, days in results:
        _add(session, DisciplineResult(incident_id=incident.id, result_code=result_code, authority_code="10",
                                       duration_days=days, modification_code=None))
    return incident


def add_course(session: Session, student: Student, school: School, year: int, *, name: str = "English 9",
               state_course_code: str = "2130", term_code: str = "S1", teacher: Optional[Staff] = None,
               final_grade: Optional[str] = "B", credits: Optional[Decimal] = Decimal("5"),
               ag_code: Optional[str] = "B", completed: bool = True, **section_fields) -> CourseRecord:
    """A CRSC section and the student's SCSC record in it (credits earned only when passed)."""
    n = next(_serial)
    section = _add(session, CourseSection(**({
        "school_id": school.id, "academic_year": academic_year(year), "state_course_code": state_course_code,
        "local_course_id": f"C{n}", "name": name, "uc_csu_approved": ag_code is not None,
        "section_id": f"S{n}", "term_code": term_code, "teacher_seid": teacher.seid if teacher else None,
    } | section_fields)))
    passed = final_grade is not None and final_grade[:1] in "ABCDP"
    return _add(session, CourseRecord(
        student_id=student.id, section_id=section.id, credits_attempted=credits,
        credits_earned=credits if passed else Decimal("0"), final_grade=final_grade, ag_code=ag_code,
        marking_period="FN", completed=completed,
    ))


def add_test_result(session: Session, student: Student, year: int, test: str = "sbac_ela", **fields) -> TestResult:
    values = {
        "student_id": student.id, "test": test, "academic_year": academic_year(year),
        "grade_assessed": student.grade_level, "completed_on": date(year + 1, 5, 2), "scale_score": 2500,
        "standard_error": 25, "level": "3", "condition_code": None, "parts": None, "source": "file",
    }
    return _add(session, TestResult(**(values | fields)))


# A high-school year: two semesters of English (B), math (C) and biology (D), 5 credits each.
HIGH_SCHOOL_COURSES = (("English", "2130", "B"), ("Integrated Math", "2403", "C"), ("Biology", "2606", "D"))


def add_year_of_history(session: Session, student: Student, school: School, year: int, grade: str,
                        teacher: Optional[Staff] = None, index: int = 0) -> None:
    """One school year in every table, with numbers that change with `index` (0 = first year)."""
    add_enrollment(session, student, school, year, grade_level=grade)
    add_attendance(session, student, school, year, days_attended=Decimal(171 + index))
    add_program(session, student, school, year, "181", end_date=date(year + 1, 6, 30))
    add_incident(session, student, school, year)
    for term in ("S1", "S2"):
        for subject, state_code, ag in HIGH_SCHOOL_COURSES:
            add_course(session, student, school, year, name=f"{subject} {grade}", state_course_code=state_code,
                       term_code=term, teacher=teacher, final_grade="ABC"[index % 3], ag_code=ag)
    add_test_result(session, student, year, "sbac_ela", grade_assessed=grade, scale_score=2450 + 20 * index,
                    level=str(min(4, 2 + index // 2)))
    add_test_result(session, student, year, "sbac_math", grade_assessed=grade, scale_score=2440 + 15 * index,
                    level="2")
    add_test_result(session, student, year, "elpac_summative", grade_assessed=grade, scale_score=1500 + 10 * index,
                    level=str(min(4, 2 + index)), parts={"oral": "3", "written": "2", "listening": "2",
                                                          "speaking": "3", "reading": "2", "writing": "1"})


def make_student_with_history(session: Session, school: School, years: int = 5, last_grade: str = "11",
                              last_year: int = LAST_YEAR, **student_fields) -> Student:
    """A student now in `last_grade` with `years` school years of history in every table.

    Also an open 504 plan and an English status history (EL from the first year; RFEP in the
    last year when there are at least two years).
    """
    student = make_student(session, school, grade_level=last_grade, **student_fields)
    teacher = make_staff(session)
    first_year = last_year - years + 1
    for index in range(years):
        add_year_of_history(session, student, school, first_year + index,
                            grade_before(last_grade, years - 1 - index), teacher, index)
    add_program(session, student, school, first_year, "101")
    add_english_status(session, student, first_year, "EL")
    if years > 1:
        add_english_status(session, student, last_year, "RFEP")
    return student
