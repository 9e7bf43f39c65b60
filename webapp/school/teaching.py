"""Which students a teacher teaches: the sections naming the teacher's SEID (CRSC) and the students
enrolled in them (SCSC), in the latest school year those sections cover, at the teacher's schools.

A teacher account gets its SEID from the invitation the school sent it (TeacherIdentity).
"""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Account, CourseRecord, CourseSection, Invitation, Student, TeacherIdentity


def taught_seids(session: Session, account: Account) -> list[str]:
    return list(session.scalars(
        select(TeacherIdentity.seid).join(Invitation, Invitation.id == TeacherIdentity.invitation_id)
        .where(Invitation.account_id == account.id, Invitation.used_at.is_not(None), Invitation.role == "teacher")
        .distinct()
    ))


def _sections(session: Session, account: Account):
    seids = taught_seids(session, account)
    school_ids = sorted({r.school_id for r in account.role_rows if r.role == "teacher" and r.school_id is not None})
    if not seids or not school_ids:
        return None
    mine = (CourseSection.teacher_seid.in_(seids), CourseSection.school_id.in_(school_ids))
    latest = session.scalar(select(func.max(CourseSection.academic_year)).where(*mine))
    if latest is None:
        return None
    return select(CourseSection.id).where(*mine, CourseSection.academic_year == latest)


def taught_student_ids(session: Session, account: Account) -> set[int]:
    """Student ids (for consent's Viewer.teacher_student_ids once keyed by public id)."""
    sections = _sections(session, account)
    if sections is None:
        return set()
    return set(session.scalars(select(CourseRecord.student_id).where(CourseRecord.section_id.in_(sections))))


def taught_students(session: Session, account: Account) -> list[Student]:
    """The teacher's current students, by name."""
    sections = _sections(session, account)
    if sections is None:
        return []
    ids = select(CourseRecord.student_id).where(CourseRecord.section_id.in_(sections))
    return list(session.scalars(select(Student).where(Student.id.in_(ids)).order_by(Student.last_name, Student.first_name)))
