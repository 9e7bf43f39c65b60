"""One invitation from the console form: a guardian or the student (by SSID), or a teacher (by SEID,
so their notes reach the students in their sections). Every problem is reported per field."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..auth.invitations import create_invitation
from ..models import Account, CourseSection, Invitation, School, StaffAssignment, Staff, Student, TeacherIdentity
from .bulk_invites import EMAIL, LANGUAGE_WORDS, SSID
from .scope import StaffScope

ROLES = ("guardian", "student", "teacher")
SEID_DIGITS = 10


@dataclass
class InviteForm:
    role: str
    ssid: str = ""
    name: str = ""
    relationship: str = ""
    email: str = ""
    language: str = "en"
    seid: str = ""
    school_id: int | None = None
    student: Student | None = None
    school: School | None = None
    errors: dict[str, str] = field(default_factory=dict)


def read(form) -> InviteForm:
    role = form.get("role", "guardian")
    school_id = form.get("school", type=int)
    return InviteForm(role=role if role in ROLES else "guardian", ssid=form.get("ssid", "").strip(),
                      name=form.get("name", "").strip(), relationship=form.get("relationship", "").strip(),
                      email=form.get("email", "").strip(), language=form.get("language", "en").strip().lower(),
                      seid=form.get("seid", "").strip(), school_id=school_id)


def check(session: Session, scope: StaffScope, f: InviteForm) -> InviteForm:
    """Fill `errors` (field -> plain words) and the student or school the invitation is for."""
    if f.role in ("guardian", "student"):
        if not SSID.match(f.ssid):
            f.errors["ssid"] = _("Type the student's 10-digit SSID.")
        else:
            f.student = session.scalar(select(Student).where(Student.ssid == f.ssid, scope.school_filter(Student.school_id)))
            if f.student is None:
                f.errors["ssid"] = _("No student with SSID %(ssid)s at your school.", ssid=f.ssid)
    if f.role in ("guardian", "teacher") and not f.name:
        f.errors["name"] = _("Type the person's name.")
    if len(f.name) > 120:
        f.errors["name"] = _("Keep the name under 120 characters.")
    if len(f.relationship) > 40:
        f.errors["relationship"] = _("Keep the relationship under 40 characters.")
    if f.email and (len(f.email) > 254 or not EMAIL.match(f.email)):
        f.errors["email"] = _("This is not an email address.")
    if LANGUAGE_WORDS.get(f.language) is None:
        f.errors["language"] = _("Choose English or Spanish.")
    else:
        f.language = LANGUAGE_WORDS[f.language]
    if f.role == "teacher":
        _check_teacher(session, scope, f)
    return f


def _check_teacher(session: Session, scope: StaffScope, f: InviteForm) -> None:
    f.school = session.get(School, f.school_id) if f.school_id else None
    if f.school is None or not scope.administers(f.school.id):
        f.errors["school"] = _("Choose the teacher's school.")
        return
    if not (f.seid.isdigit() and len(f.seid) == SEID_DIGITS):
        f.errors["seid"] = _("Type the teacher's 10-digit SEID.")
        return
    known = session.scalar(select(Staff.id).where(Staff.seid == f.seid, or_(
        Staff.id.in_(select(StaffAssignment.staff_id).where(StaffAssignment.school_id == f.school.id)),
        Staff.seid.in_(select(CourseSection.teacher_seid).where(CourseSection.school_id == f.school.id)),
    )).limit(1))
    if known is None:
        f.errors["seid"] = _("No teacher with SEID %(seid)s at %(school)s in the imported files.", seid=f.seid,
                             school=f.school.name)


def create(session: Session, account: Account, f: InviteForm) -> tuple[Invitation, str]:
    """Create the checked invitation; the caller commits."""
    if f.role == "teacher":
        invitation, code = create_invitation(session, role="teacher", name=f.name, email=f.email or None,
                                             language=f.language, created_by=account, school=f.school)
        session.add(TeacherIdentity(invitation_id=invitation.id, seid=f.seid))
        return invitation, code
    return create_invitation(session, role=f.role, student=f.student, name=f.name or None, email=f.email or None,
                             relationship=(f.relationship or None) if f.role == "guardian" else None,
                             language=f.language, created_by=account)
