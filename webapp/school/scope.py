"""Which schools a staff account may run console actions for (imports, invitations, corrections, audit).

District admins act for every school of their district (for every school when the role names no
district); school admins for their own school; teachers administer nothing and only write notes for
their own students (see `webapp.school.teaching`). Every console route asks here, never on its own.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, select, true
from sqlalchemy.orm import Session

from ..models import Account, School, Student

ADMIN_ROLES = ("district_admin", "school_admin")


@dataclass(frozen=True)
class StaffScope:
    all_schools: bool  # a district admin whose role names no district
    school_ids: frozenset[int]  # schools this account administers
    district_ids: frozenset[int]  # districts this account administers as a whole
    teacher_school_ids: frozenset[int]

    @property
    def is_admin(self) -> bool:
        return self.all_schools or bool(self.school_ids)

    @property
    def is_district_admin(self) -> bool:
        return self.all_schools or bool(self.district_ids)

    def administers(self, school_id: int | None) -> bool:
        """True when the account may act for this school. A record with no school needs a district-wide admin."""
        if self.all_schools:
            return True
        return school_id is not None and school_id in self.school_ids

    def administers_student(self, student: Student | None) -> bool:
        return student is not None and self.administers(student.school_id)

    def school_filter(self, column) -> ColumnElement[bool]:
        """A WHERE clause limiting `column` (a school id column) to the schools administered."""
        if self.all_schools:
            return true()
        if not self.school_ids:
            return false()
        return column.in_(sorted(self.school_ids))


def staff_scope(session: Session, account: Account) -> StaffScope:
    """Read the account's staff roles into the set of schools it administers."""
    rows = [row for row in account.role_rows if row.role in ADMIN_ROLES or row.role == "teacher"]
    all_schools = any(row.role == "district_admin" and row.district_id is None and row.school_id is None for row in rows)
    district_ids = {row.district_id for row in rows if row.role == "district_admin" and row.district_id is not None}
    district_ids |= {_district_of(session, row.school_id) for row in rows
                     if row.role == "district_admin" and row.district_id is None and row.school_id is not None}
    school_ids = {row.school_id for row in rows if row.role == "school_admin" and row.school_id is not None}
    if district_ids:
        school_ids |= set(session.scalars(select(School.id).where(School.district_id.in_(sorted(district_ids)))))
    teacher_school_ids = {row.school_id for row in rows if row.role == "teacher" and row.school_id is not None}
    return StaffScope(all_schools, frozenset(school_ids), frozenset(district_ids), frozenset(teacher_school_ids))


def schools_administered(session: Session, scope: StaffScope) -> list[School]:
    """The schools the account may pick from, by name."""
    return list(session.scalars(select(School).where(scope.school_filter(School.id)).order_by(School.name)))


def _district_of(session: Session, school_id: int) -> int:
    return session.scalar(select(School.district_id).where(School.id == school_id))
