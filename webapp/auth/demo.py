"""Sign-in links for the demo (`backpack demo`): a guardian of two children, a student, a tutor
and a school admin, each as a real invitation that works on BACKPACK_ORIGIN."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Account, AccountRole, GuardianLink, Invitation, Student
from .invitations import InvitationError, create_invitation, invitation_link

CREATED_BY = "backpack demo"


@dataclass(frozen=True)
class DemoLink:
    role: str  # guardian, student, tutor, school admin
    link: str
    invitation: Invitation

    def __str__(self) -> str:
        return f"{self.role}: {self.link}"


def demo_links(session: Session, *, children: Sequence[str], student: str, tutor_for: str | None = None,
               guardian_name: str | None = None) -> list[DemoLink]:
    """Create the demo invitations (the caller commits) and return one link per role.

    `children` are the guardian's children's SSIDs (the first one's school gets the school admin),
    `student` the SSID of the student who signs in, `tutor_for` the SSID the tutor works with
    (default: the first child; the consent work attaches the tutor's grant to that invitation).
    """
    kids = [_student(session, ssid) for ssid in children]
    if not kids:
        raise InvitationError("the demo guardian needs at least one child")
    first = kids[0]
    guardian = Account(display_name=guardian_name or _guardian_name(first), locale="en")
    guardian.role_rows.append(AccountRole(role="guardian"))
    guardian.guardian_links.extend(
        GuardianLink(student_id=kid.id, relationship="parent") for kid in kids)
    session.add(guardian)
    session.flush()
    made = [
        ("guardian", create_invitation(session, role="guardian", student=first, account=guardian,
                                       relationship="parent", created_by=CREATED_BY, purpose="guardian")),
        ("student", create_invitation(session, role="student", student=_student(session, student),
                                      created_by=CREATED_BY)),
        ("tutor", create_invitation(session, role="recipient", student=_student(session, tutor_for) if tutor_for else first,
                                    name="Demo Tutor", relationship="tutor", created_by=CREATED_BY)),
    ]
    if first.school is not None:
        made.append(("school admin", create_invitation(session, role="school_admin", school=first.school,
                                                       name="Demo School Admin", created_by=CREATED_BY)))
    return [DemoLink(role, invitation_link(code), invitation) for role, (invitation, code) in made]


def _student(session: Session, ssid: str) -> Student:
    student = session.scalar(select(Student).where(Student.ssid == ssid))
    if student is None:
        raise InvitationError(f"no student with SSID {ssid}")
    return student


def _guardian_name(student: Student) -> str:
    names = [n for n in (student.guardian_names or []) if isinstance(n, str) and n.strip()]
    return names[0].strip() if names else f"Parent of {student.display_first_name}"
