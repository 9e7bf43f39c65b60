"""Sign-in links for the demo (`backpack demo`): a guardian of two children, a student, a school
admin and a district admin, each as a real invitation that works on BACKPACK_ORIGIN.

A recipient only ever gets in through a grant, so the demo tutor's link comes from the demo guardian's
grant (webapp.sharing.demo)."""
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
    role: str  # guardian, student, school admin, district admin
    link: str
    invitation: Invitation

    def __str__(self) -> str:
        return f"{self.role}: {self.link}"


def demo_links(session: Session, *, children: Sequence[str], student: str,
               guardian_name: str | None = None) -> list[DemoLink]:
    """Create the demo invitations (the caller commits) and return one link per role.

    `children` are the guardian's children's SSIDs (the first one's school gets the school admin and
    its district the district admin), `student` the SSID of the student who signs in.
    """
    kids = [_student(session, ssid) for ssid in children]
    if not kids:
        raise InvitationError("the demo guardian needs at least one child")
    first = kids[0]
    guardian = _demo_guardian(session, guardian_name or _guardian_name(first), kids)
    made = [
        ("guardian", create_invitation(session, role="guardian", student=first, account=guardian,
                                       relationship="parent", created_by=CREATED_BY,
                                       purpose="reinvite" if guardian.passkeys else "guardian")),
        ("student", create_invitation(session, role="student", student=_student(session, student),
                                      created_by=CREATED_BY)),
    ]
    if first.school is not None:
        made.append(("school admin", create_invitation(session, role="school_admin", school=first.school,
                                                       name="Demo School Admin", created_by=CREATED_BY)))
        made.append(("district admin", create_invitation(session, role="district_admin",
                                                         district=first.school.district, name="Demo District Admin", created_by=CREATED_BY)))
    return [DemoLink(role, invitation_link(code), invitation) for role, (invitation, code) in made]


def _demo_guardian(session: Session, name: str, kids: Sequence[Student]) -> Account:
    """The demo guardian of an earlier run, so a new link adds a passkey to the same account and what they
    shared stays; a new account the first time."""
    wanted = {kid.id for kid in kids}
    for account in session.scalars(select(Account).where(Account.display_name == name).order_by(Account.id)):
        if account.has_role("guardian") and {link.student_id for link in account.guardian_links} == wanted:
            return account
    guardian = Account(display_name=name, locale="en")
    guardian.role_rows.append(AccountRole(role="guardian"))
    guardian.guardian_links.extend(GuardianLink(student_id=kid.id, relationship="parent") for kid in kids)
    session.add(guardian)
    session.flush()
    return guardian


def _student(session: Session, ssid: str) -> Student:
    student = session.scalar(select(Student).where(Student.ssid == ssid))
    if student is None:
        raise InvitationError(f"no student with SSID {ssid}")
    return student


def _guardian_name(student: Student) -> str:
    names = [n for n in (student.guardian_names or []) if isinstance(n, str) and n.strip()]
    return names[0].strip() if names else f"Parent of {student.display_first_name}"
