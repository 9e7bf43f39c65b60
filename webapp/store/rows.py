"""Fetch every row behind a set of backpacks with a fixed number of queries.

One query per table, filtered by an IN list of student ids (or a join on it), never one per
student or per year: a page costs the same whatever the history length. The statements are
built once and read plain rows (attribute access by column name) rather than ORM objects,
which keeps a five-year history well inside the page budget (DESIGN.md §9). Very long id lists
are split into chunks so they stay under the databases' bound-parameter limits.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from sqlalchemy import Row, Select, bindparam, select
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

from .parts import DistrictRef, SchoolRef

CHUNK = 1000
IDS = bindparam("ids", expanding=True)


def _per_student(model) -> Select:
    table = model.__table__
    return select(table).where(table.c.student_id.in_(IDS))


def _per_incident(model) -> Select:
    table, incidents = model.__table__, DisciplineIncident.__table__
    return (select(table, incidents.c.student_id)
            .join(incidents, table.c.incident_id == incidents.c.id)
            .where(incidents.c.student_id.in_(IDS)))


_students, _districts = Student.__table__, District.__table__
_records, _sections, _staff = CourseRecord.__table__, CourseSection.__table__, Staff.__table__
_schools = School.__table__

STUDENTS = (
    select(_students, _districts.c.cds_code.label("district_cds_code"), _districts.c.name.label("district_name"))
    .outerjoin(_districts, _students.c.district_id == _districts.c.id)
    .where(_students.c.id.in_(IDS))
)
PER_STUDENT = {
    "enrollments": _per_student(Enrollment),
    "programs": _per_student(ProgramParticipation),
    "english": _per_student(EnglishStatus),
    "incidents": _per_student(DisciplineIncident),
    "attendance": _per_student(AttendanceSummary),
    "tests": _per_student(TestResult),
}
PER_INCIDENT = {"offenses": _per_incident(DisciplineOffense), "results": _per_incident(DisciplineResult)}
COURSES = (
    select(
        _records.c.student_id, _records.c.credits_attempted, _records.c.credits_earned, _records.c.final_grade,
        _records.c.ag_code, _records.c.completed,
        _sections.c.school_id, _sections.c.academic_year, _sections.c.state_course_code, _sections.c.local_course_id,
        _sections.c.name, _sections.c.uc_csu_approved, _sections.c.section_id, _sections.c.term_code,
        _sections.c.teacher_seid, _sections.c.instructional_level,
        _staff.c.first_name.label("teacher_first_name"), _staff.c.last_name.label("teacher_last_name"),
    )
    .join(_sections, _records.c.section_id == _sections.c.id)
    .outerjoin(_staff, _staff.c.seid == _sections.c.teacher_seid)
    .where(_records.c.student_id.in_(IDS))
)
SCHOOLS = select(_schools.c.id, _schools.c.cds_code, _schools.c.name).where(_schools.c.id.in_(IDS))


@dataclass
class StudentRows:
    """Everything stored for one student, as loaded (unsorted). Rows carry their table's column names."""
    student: Row
    enrollments: list[Row] = field(default_factory=list)
    programs: list[Row] = field(default_factory=list)
    english: list[Row] = field(default_factory=list)
    incidents: list[Row] = field(default_factory=list)
    offenses: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))  # by incident id
    results: dict[int, list[Row]] = field(default_factory=lambda: defaultdict(list))  # by incident id
    courses: list[Row] = field(default_factory=list)  # a course record with its section and teacher name
    attendance: list[Row] = field(default_factory=list)
    tests: list[Row] = field(default_factory=list)

    @property
    def district(self) -> Optional[DistrictRef]:
        s = self.student
        return DistrictRef(s.district_cds_code, s.district_name) if s.district_cds_code is not None else None


@dataclass
class Loaded:
    students: dict[int, StudentRows]
    schools: dict[int, SchoolRef]

    def school(self, school_id: Optional[int]) -> Optional[SchoolRef]:
        return self.schools.get(school_id) if school_id is not None else None


def fetch(session: Session, student_ids: Iterable[int]) -> Loaded:
    """Rows for every known id in `student_ids`; unknown ids are simply absent."""
    ids = list(dict.fromkeys(student_ids))
    loaded = Loaded(students={}, schools={})
    for chunk in _chunks(ids):
        _fetch_chunk(session, chunk, loaded)
    return loaded


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _fetch_chunk(session: Session, ids: list[int], loaded: Loaded) -> None:
    given = {"ids": ids}
    rows = {s.id: StudentRows(student=s) for s in session.execute(STUDENTS, given)}
    school_ids = {r.student.school_id for r in rows.values()}
    for attribute, statement in PER_STUDENT.items():
        for row in session.execute(statement, given):
            getattr(rows[row.student_id], attribute).append(row)
            school_ids.add(getattr(row, "school_id", None))
    for attribute, statement in PER_INCIDENT.items():
        for row in session.execute(statement, given):
            getattr(rows[row.student_id], attribute)[row.incident_id].append(row)
    for row in session.execute(COURSES, given):
        rows[row.student_id].courses.append(row)
        school_ids.add(row.school_id)
    school_ids.discard(None)
    for school in session.execute(SCHOOLS, {"ids": sorted(school_ids)}):
        loaded.schools[school.id] = SchoolRef(cds_code=school.cds_code, name=school.name)
    loaded.students.update(rows)
