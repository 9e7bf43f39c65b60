"""People a family already shares with, so a second child can be shared with the same tutor without
a new invitation: recipient accounts of any grant on the students this account looks after."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Account, Grant, Invitation, Student
from ..policy import family_students


@dataclass(frozen=True)
class KnownRecipient:
    account_id: int
    public_id: str
    name: str
    kind: str


def known_recipients(session: Session, student: Student, account: Account) -> dict[str, KnownRecipient]:
    """public id -> recipient, for recipients who have an account, newest grant first; one query."""
    ids = [s.id for s in family_students(session, account)] or [student.id]
    receiver = Account.id == Grant.recipient_account_id
    accepted = (Account.id == Invitation.account_id) & Invitation.used_at.is_not(None)
    rows = session.execute(
        select(Account.id, Account.public_id, Grant.recipient_name, Grant.recipient_kind)
        .select_from(Grant)
        .outerjoin(Invitation, Invitation.id == Grant.invitation_id)
        .join(Account, receiver | accepted)
        .where(Grant.student_id.in_(ids))
        .order_by(Grant.created_at.desc(), Grant.id.desc())
    ).all()
    known: dict[str, KnownRecipient] = {}
    for account_id, public_id, name, kind in rows:
        known.setdefault(public_id, KnownRecipient(account_id, public_id, name, kind))
    return known
