"""Invitations: how every person gets in (there are no passwords).

A school (or, later, a family) creates an invitation; the person gets a link and a code
they can type. Redeeming it creates an account with a passkey — or, when the invitation
names an account (a re-invite), adds a passkey to that account.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app, has_app_context
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..models import (
    STAFF_ROLES, Account, AccountRole, District, GuardianLink, Invitation, School, Student, utcnow,
)
from .codes import code_hash, looks_like_code, new_code
from .events import log_event

INVITABLE_ROLES = frozenset({"guardian", "student", "recipient"}) | STAFF_ROLES
PURPOSES = frozenset({"guardian", "student", "recipient", "staff", "reinvite"})
LANGUAGES = ("en", "es")
DEFAULT_DAYS = 30


class InvitationError(ValueError):
    """The invitation cannot be made as asked (the message says why)."""


def create_invitation(
    session: Session, *, role: str, student: Student | None = None, account: Account | None = None,
    name: str | None = None, email: str | None = None, relationship: str | None = None,
    language: str = "en", created_by: Account | str, days: int | None = None, purpose: str | None = None,
    school: School | None = None, district: District | None = None,
) -> tuple[Invitation, str]:
    """Make an invitation and return it with its plain code (shown once; only the hash is kept).

    The caller commits. A student who already has an account gets a re-invite to it.
    """
    if role not in INVITABLE_ROLES:
        raise InvitationError(f"unknown role {role!r}")
    if role in ("guardian", "student") and student is None:
        raise InvitationError(f"a {role} invitation needs a student")
    if language not in LANGUAGES:
        raise InvitationError(f"language must be one of {', '.join(LANGUAGES)}")
    if role == "student" and account is None:
        account = session.scalar(select(Account).where(Account.student_id == student.id))
    purpose = purpose or ("reinvite" if account else "staff" if role in STAFF_ROLES else role)
    if purpose not in PURPOSES:
        raise InvitationError(f"unknown purpose {purpose!r}")
    if school is not None and district is None:
        district = school.district
    code = new_code()
    invitation = Invitation(
        code_hash=code_hash(code), purpose=purpose, role=role,
        student_id=student.id if student else None, account_id=account.id if account else None,
        school_id=school.id if school else None, district_id=district.id if district else None,
        name=name or (account.display_name if account else _student_name(student) if role == "student" else None),
        email=email, relationship=relationship, language=language,
        created_by=created_by if isinstance(created_by, str) else f"{created_by.display_name} ({created_by.public_id})",
        created_by_id=None if isinstance(created_by, str) else created_by.id,
        expires_at=utcnow() + timedelta(days=days or _default_days()),
    )
    session.add(invitation)
    session.flush()
    return invitation, code


def invitation_link(code: str) -> str:
    """The sign-in link for a code, on BACKPACK_ORIGIN so a server started with it accepts the link."""
    return f"{current_app.config['ORIGIN']}/i/{code}"


def find_invitation(session: Session, typed: str) -> Invitation | None:
    if not looks_like_code(typed):
        return None
    return session.scalar(select(Invitation).where(Invitation.code_hash == code_hash(typed)))


def claim(session: Session, invitation: Invitation) -> bool:
    """Mark the invitation used, if it still can be; False when someone else got there first."""
    now = utcnow()
    claimed = session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None),
               Invitation.revoked_at.is_(None), Invitation.expires_at > now)
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed == 1:
        invitation.used_at = now
    return claimed == 1


def apply_invitation(session: Session, invitation: Invitation, account: Account) -> None:
    """Give `account` what the invitation grants: a role, and a link to the student where there is one."""
    if invitation.role == "guardian" and invitation.student_id is not None:
        link = session.scalar(select(GuardianLink).where(
            GuardianLink.account_id == account.id, GuardianLink.student_id == invitation.student_id))
        if link is None:
            account.guardian_links.append(GuardianLink(student_id=invitation.student_id, relationship=invitation.relationship))
    if invitation.role == "student" and account.student_id is None:
        account.student_id = invitation.student_id
    _ensure_role(account, invitation.role, invitation.school_id, invitation.district_id)
    invitation.account_id = account.id
    log_event(session, "invitation_redeemed", account, invitation=invitation.public_id, purpose=invitation.purpose)


def letter_pdf(invitations_with_codes, lang: str = "en") -> bytes:
    """Printable letters, one per page (see `webapp.auth.letters`)."""
    from .letters import render_letters

    return render_letters(invitations_with_codes, lang)


def _ensure_role(account: Account, role: str, school_id: int | None, district_id: int | None) -> None:
    for row in account.role_rows:
        if (row.role, row.school_id, row.district_id) == (role, school_id, district_id):
            return
    account.role_rows.append(AccountRole(role=role, school_id=school_id, district_id=district_id))


def _student_name(student: Student | None) -> str | None:
    return f"{student.display_first_name} {student.last_name}" if student else None


def _default_days() -> int:
    return current_app.config["INVITATION_DAYS"] if has_app_context() else DEFAULT_DAYS
