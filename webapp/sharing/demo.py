"""The demo's tutor (DESIGN.md §8: `backpack demo` prints a tutor's sign-in link).

The demo guardian shares Leo's attendance, grades and state tests with "Demo Tutor" for 30 days, the way the
Sharing page would, except that nobody holds a passkey while the command runs: the grant is recorded without
passkey evidence (granting.record_for_demo) and says so wherever it is shown. Running the demo again prints a
link that adds a passkey to the tutor's account once it exists; before that, the old grant (whose link cannot be
shown twice) is revoked and a new one made.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

import consent

from .. import policy
from ..auth.invitations import create_invitation, invitation_link
from ..models import Account, Grant, Invitation, Student
from . import drafts, granting

TUTOR = "Demo Tutor"
CATEGORIES = ("attendance", "grades", "state_tests")
PURPOSE = "Math tutoring after school (demo)"
CREATED_BY = "backpack demo"


def tutor_link(session: Session, guardian: Account, student: Student, now: datetime) -> str:
    """A sign-in link for the demo tutor, who can read what the live demo grant shares. The caller commits."""
    live = _live_demo_grant(session, guardian, student, now)
    tutor = _tutor_account(session, live.row) if live is not None else None
    if tutor is not None:
        return invitation_link(create_invitation(session, role="recipient", account=tutor, purpose="reinvite",
                                                 created_by=CREATED_BY)[1])
    if live is not None:
        granting.revoke(session, guardian, live, now)
    draft = drafts.Draft(student=student.public_id, kind="tutor", name=TUTOR, categories=CATEGORIES,
                         purpose=PURPOSE, duration="days_30")
    window = drafts.window(draft, now, policy.facts_for(student), consent.Role.GUARDIAN)
    return granting.record_for_demo(session, guardian, student, draft, consent.Role.GUARDIAN, window, now).invitation_link


def _live_demo_grant(session: Session, guardian: Account, student: Student, now: datetime) -> policy.GrantRecord | None:
    records = policy.grant_records(session, now, student_ids=[student.id])
    live = [r for r in records.values()
            if r.row.granted_by_account_id == guardian.id and r.row.recipient_name == TUTOR
            and r.state is not None and r.state.status_at(now) == consent.GrantStatus.ACTIVE]
    return max(live, key=lambda r: r.row.id, default=None)


def _tutor_account(session: Session, grant: Grant) -> Account | None:
    """The account that redeemed the grant's invitation, if someone has."""
    if grant.recipient_account_id is not None:
        return session.get(Account, grant.recipient_account_id)
    if grant.invitation_id is None:
        return None
    return session.scalar(select(Account).join(Invitation, Invitation.account_id == Account.id).where(
        Invitation.id == grant.invitation_id, Invitation.used_at.is_not(None)))
