"""Who is told what, once: each notice has a dedupe key, so maintenance can run as often as it likes."""
from __future__ import annotations

from datetime import datetime
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

import consent

from ..models import Account, Contribution, Grant, GuardianLink, Notification, Student, as_utc
from .outbox import queue_email


def already_sent(session: Session, key: str) -> bool:
    return session.scalar(select(Notification.id).where(Notification.dedupe_key == key)) is not None


def notify(session: Session, account: Account, kind: str, key: str, *, student: Student | None = None,
           grant: Grant | None = None, params: dict | None = None) -> Notification | None:
    """Add a notice for `account` (and queue its email) unless one with this key exists; the caller commits."""
    key = f"{key}:{account.public_id}"[:120]
    if already_sent(session, key):
        return None
    notification = Notification(account_id=account.id, kind=kind, dedupe_key=key, params=params or {},
                                student_id=student.id if student else None, grant_id=grant.id if grant else None)
    session.add(notification)
    session.flush()
    queue_email(session, notification, account)
    return notification


def family(session: Session, student: Student, *, include: Iterable[int] = ()) -> list[Account]:
    """Who looks after this student's sharing: linked guardians (not court restricted) and the student's
    own account, plus any account in `include` (e.g. whoever signed a grant)."""
    ids = set(include) | set(session.scalars(select(GuardianLink.account_id).where(
        GuardianLink.student_id == student.id, GuardianLink.court_restricted.is_(False))))
    own = select(Account.id).where(Account.student_id == student.id)
    return list(session.scalars(select(Account).where(Account.id.in_(ids) | Account.id.in_(own)).order_by(Account.id)))


def _student_params(student: Student) -> dict:
    return {"student": student.display_first_name}


def _grant_params(grant: Grant) -> dict:
    return {"student": grant.student.display_first_name, "recipient": grant.recipient_name,
            "kind": grant.recipient_kind, "grant": grant.public_id, "student_id": grant.student.public_id}


def _recipient(session: Session, grant: Grant) -> Account | None:
    """The recipient's account once they have one (through the grant or its accepted invitation)."""
    if grant.recipient_account_id is not None:
        return session.get(Account, grant.recipient_account_id)
    if grant.invitation is not None and grant.invitation.used_at is not None and grant.invitation.account_id:
        return session.get(Account, grant.invitation.account_id)
    return None


def grant_new(session: Session, grant: Grant, ends_at: datetime) -> None:
    """A grant was signed: tell the family (the other guardian most of all) and a recipient with an account."""
    params = _grant_params(grant) | {"signer": grant.granted_by_name, "categories": list(grant.categories),
                                     "last_day": consent.last_day(as_utc(ends_at)).isoformat()}
    for account in family(session, grant.student, include=[grant.granted_by_account_id]):
        notify(session, account, "grant_new", f"grant_new:{grant.public_id}", student=grant.student, grant=grant,
               params=params)
    recipient = _recipient(session, grant)
    if recipient is not None:
        notify(session, recipient, "shared_with_you", f"shared:{grant.public_id}", student=grant.student, grant=grant,
               params=params)


def notify_first_view(session: Session, student: Student, grant_ids: list[str], viewer: Account,
                      categories: list[str]) -> None:
    """The first time a recipient opens records under a grant, the family hears about it."""
    grants = session.scalars(select(Grant).where(Grant.public_id.in_(grant_ids))).all()
    for grant in grants:
        params = _grant_params(grant) | {"viewer": viewer.display_name, "categories": list(categories)}
        for account in family(session, student, include=[grant.granted_by_account_id]):
            notify(session, account, "first_view", f"first_view:{grant.public_id}", student=student, grant=grant,
                   params=params)


def ending_soon(session: Session, grant: Grant, ends_at: datetime) -> int:
    """Seven days before a grant ends; keyed on the end date, so moving the end brings a new notice.
    Returns how many notices were new."""
    last = consent.last_day(as_utc(ends_at))
    params = _grant_params(grant) | {"last_day": last.isoformat()}
    return sum(
        notify(session, account, "ending_soon", f"ending_soon:{grant.public_id}:{last.isoformat()}",
               student=grant.student, grant=grant, params=params) is not None
        for account in family(session, grant.student, include=[grant.granted_by_account_id])
    )


def grant_ended(session: Session, grant: Grant, how: str) -> None:
    """A grant stopped ("revoked", "expired" or "ended_at_18"): the family and the recipient are told."""
    params = _grant_params(grant) | {"how": how}
    for account in family(session, grant.student, include=[grant.granted_by_account_id]):
        notify(session, account, "grant_ended", f"ended:{grant.public_id}", student=grant.student, grant=grant,
               params=params)
    recipient = _recipient(session, grant)
    if recipient is not None:
        notify(session, recipient, "no_longer_shared", f"unshared:{grant.public_id}", student=grant.student,
               grant=grant, params=params)


RIGHTS_KINDS = ("rights_yours", "rights_passed")


def rights_told(session: Session, student: Student) -> bool:
    """Whether the family was already told that the student now holds the rights."""
    return session.scalar(select(Notification.id).where(
        Notification.student_id == student.id, Notification.kind.in_(RIGHTS_KINDS)).limit(1)) is not None


def rights_passed(session: Session, student: Student) -> bool:
    """The student now decides about their records: tell them, and tell their guardians. False when
    there is nobody to tell yet (asked again next time)."""
    told = False
    for account in family(session, student):
        kind = "rights_yours" if account.student_id == student.id else "rights_passed"
        told |= notify(session, account, kind, f"rights_at_18:{student.public_id}", student=student,
                       params=_student_params(student)) is not None
    return told


def hours_confirmed(session: Session, activity, grant: Grant) -> None:
    """A recipient allowed to contribute confirmed an activity's hours: the family (and the student) hear of it."""
    params = _grant_params(grant) | {"author": activity.confirmed_by_name, "title": activity.title}
    for account in family(session, grant.student, include=[grant.granted_by_account_id]):
        notify(session, account, "hours_confirmed", f"hours_confirmed:{activity.public_id}",
               student=grant.student, grant=grant, params=params)


def contribution_added(session: Session, contribution: Contribution, grant: Grant) -> None:
    """A recipient added something to the learner profile: the family can look at it, and hide it."""
    params = _grant_params(grant) | {"author": contribution.author_name, "title": contribution.title}
    for account in family(session, grant.student, include=[grant.granted_by_account_id]):
        notify(session, account, "contribution", f"contribution:{contribution.public_id}",
               student=grant.student, grant=grant, params=params)
