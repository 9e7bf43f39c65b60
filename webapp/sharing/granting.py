"""Signing and revoking grants: the only code that creates Grant rows.

A grant is stored with its "granted" event carrying the passkey assertion (the signature FERPA 99.30
asks for) and the exact terms that assertion covers. A new recipient gets an invitation
(`create_invitation(role="recipient", purpose="recipient")`) whose `grant_ref` names the grant.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import force_locale, gettext as _
from sqlalchemy.orm import Session

import consent

from .. import notifications
from ..auth.invitations import create_invitation, invitation_link
from ..auth.stepup import StepUpEvidence
from ..models import Account, Grant, Student
from ..notifications.outbox import queue_invitation_email
from ..policy import GrantRecord, signature_evidence, unsigned_record
from . import drafts
from .ledger import append_event
from .recipients import known_recipients


@dataclass(frozen=True)
class Signed:
    """A new grant, and the invitation link for a new recipient (shown to the family once)."""

    grant: Grant
    invitation_link: str | None


def sign(session: Session, account: Account, student: Student, draft: drafts.Draft, role: consent.Role,
         window: consent.Window, evidence: StepUpEvidence, now: datetime) -> Signed:
    """Store the grant the family just confirmed with a passkey, notify, and queue the invitation.
    The caller commits."""
    return _store(session, account, student, draft, role, window, now, evidence)


def record_for_demo(session: Session, account: Account, student: Student, draft: drafts.Draft, role: consent.Role,
                    window: consent.Window, now: datetime) -> Signed:
    """The demo tutor's grant (webapp.sharing.demo): nobody holds a passkey while `backpack demo` runs, so it
    is stored without passkey evidence, and its receipt, history and exports say it was not signed with one.
    The caller commits."""
    return _store(session, account, student, draft, role, window, now, None)


def _store(session: Session, account: Account, student: Student, draft: drafts.Draft, role: consent.Role,
           window: consent.Window, now: datetime, evidence: StepUpEvidence | None) -> Signed:
    existing = known_recipients(session, student, account).get(draft.existing) if draft.existing else None
    invitation, code = None, None
    if existing is None:
        invitation, code = create_invitation(
            session, role="recipient", purpose="recipient", name=draft.name, email=draft.email or None,
            relationship=draft.kind, language=account.locale or "en", created_by=account,
        )
    row = Grant(
        student_id=student.id, granted_by_account_id=account.id, granted_by_role=role.value,
        granted_by_name=account.display_name, recipient_kind=draft.kind, recipient_name=draft.name,
        recipient_email=draft.email or None, recipient_account_id=existing.account_id if existing else None,
        invitation_id=invitation.id if invitation else None, categories=list(draft.categories),
        purpose=consent.clean_purpose(draft.purpose), starts_at=window.starts_at, ends_at=window.ends_at,
        may_contribute=draft.may_contribute, created_at=now,
    )
    session.add(row)
    session.flush()
    if invitation is not None:
        invitation.grant_ref = row.public_id
    record = unsigned_record(row)
    signature = _evidence(evidence) if evidence is not None else None
    event = consent.Granted(grant=record.grant, at=now, by=account.public_id, evidence=signature)
    stored = append_event(session, record, event, by_account=account,
                          evidence=evidence.as_dict() if evidence is not None else None)
    stored.payload = {"signed_terms": draft.terms(), "payload_hash": evidence.payload_hash if evidence else draft.hash()}
    notifications.grant_new(session, row, window.ends_at)
    link = invitation_link(code) if code else None
    if link and draft.email:
        _email_invitation(session, account, student, draft, link)
    return Signed(row, link)


def revoke(session: Session, account: Account, record: GrantRecord, now: datetime) -> None:
    """Stop sharing at once (one tap, no passkey: taking access away must be easy); the caller commits."""
    append_event(session, record, consent.Revoked(grant_id=record.grant.grant_id, at=now, by=account.public_id),
                 by_account=account)
    notifications.grant_ended(session, record.row, "revoked")


def _evidence(evidence: StepUpEvidence) -> consent.SignatureEvidence:
    return signature_evidence(evidence.as_dict())


def _email_invitation(session: Session, account: Account, student: Student, draft: drafts.Draft, link: str) -> None:
    with force_locale(account.locale or "en"):
        subject = _("%(name)s shared school records with you", name=account.display_name)
        body = _(
            "%(name)s shared some of %(student)s's school records with you on Family Backpack, for: %(purpose)s.\n\n"
            "Open this link to create your passkey and see them:\n%(link)s\n\n"
            "You will see only what they chose, and only while they allow it.",
            name=account.display_name, student=student.display_first_name, purpose=draft.purpose, link=link,
        )
    queue_invitation_email(session, draft.email, subject, body)

