"""Sharing (DESIGN.md §3): grants and their events, the disclosure log, contributions, notifications.

A `Grant` row holds the terms a family signed, exactly as `consent.Grant` does, and never changes.
Everything that happens afterwards (changed, revoked, expired, ended at 18) is an append-only
`GrantEvent`; `webapp.policy` folds them with `consent.fold_grants` into the current state.

`DisclosureEntry` rows form the hash chain of `consent.audit` (ids in it are public ids, so the
chain reads the same in an export). `DisclosureHead` keeps the newest seq and hash, so removing
entries from the end of the chain is noticed too.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Optional

from sqlalchemy import Boolean, Date, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, orm
from sqlalchemy.orm import Mapped, mapped_column

from .accounts import Account, Invitation
from .backpack import Student
from .base import Base, opaque_id, utcnow

GRANT_EVENT_KINDS = ("granted", "changed", "revoked", "expired", "ended_at_18")
CONTRIBUTION_KINDS = ("note", "badge", "activity_hours")


class Grant(Base):
    """What a family agreed to share, with whom, why and for how long, as signed (see consent.Grant)."""
    __tablename__ = "grants"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)  # consent's grant_id
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    granted_by_account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    granted_by_role: Mapped[str] = mapped_column(String(10))  # guardian or student
    granted_by_name: Mapped[str] = mapped_column(String(120))  # the signer's name when signing
    recipient_kind: Mapped[str] = mapped_column(String(30))  # consent.RecipientKind value
    recipient_name: Mapped[str] = mapped_column(String(120))
    recipient_email: Mapped[Optional[str]] = mapped_column(String(254))
    recipient_account_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id"), index=True)
    invitation_id: Mapped[Optional[int]] = mapped_column(ForeignKey("invitations.id"), index=True)
    categories: Mapped[list] = mapped_column()  # category codes, as first signed
    purpose: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column()
    ends_at: Mapped[datetime] = mapped_column(index=True)  # as first signed; a change event may move it
    may_contribute: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    student: Mapped[Student] = orm.relationship()
    granted_by: Mapped[Account] = orm.relationship(foreign_keys=[granted_by_account_id])
    recipient_account: Mapped[Optional[Account]] = orm.relationship(foreign_keys=[recipient_account_id])
    invitation: Mapped[Optional[Invitation]] = orm.relationship(foreign_keys=[invitation_id])
    events: Mapped[list["GrantEvent"]] = orm.relationship(
        back_populates="grant", order_by="GrantEvent.seq", lazy="raise"
    )


class GrantEvent(Base):
    """One thing that happened to a grant. Rows are only ever added, never updated or deleted.

    payload: for "changed", the new categories / ends_at (ISO) / may_contribute.
    evidence: for events a person signed, the passkey assertion (webapp.auth.stepup.StepUpEvidence).
    by_account_id None means the app recorded it on its own (expiry, rights passing at 18).
    """
    __tablename__ = "grant_events"
    __table_args__ = (UniqueConstraint("grant_id", "seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("grants.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column()  # 1 for "granted", then 2, 3, …
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column()
    by_account_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id"))
    payload: Mapped[dict] = mapped_column(default=dict)
    evidence: Mapped[Optional[dict]] = mapped_column()
    grant: Mapped[Grant] = orm.relationship(back_populates="events")
    by_account: Mapped[Optional[Account]] = orm.relationship(foreign_keys=[by_account_id])


class DisclosureEntry(Base):
    """One time someone outside the family and school saw a student's records (consent.DisclosureEntry).

    The hashed fields use public ids: viewer_account_id is Account.public_id, student_public_id is
    Student.public_id, grant_public_id is Grant.public_id.
    """
    __tablename__ = "disclosure_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(unique=True)
    at: Mapped[datetime] = mapped_column()
    viewer_account_id: Mapped[str] = mapped_column(String(24), index=True)
    viewer_name: Mapped[str] = mapped_column(String(120))
    student_public_id: Mapped[str] = mapped_column(String(24), index=True)
    categories: Mapped[list] = mapped_column()
    grant_public_id: Mapped[Optional[str]] = mapped_column(String(24), index=True)
    action: Mapped[str] = mapped_column(String(10))  # view or export
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class DisclosureHead(Base):
    """The newest entry of the disclosure chain (one row, id 1): what an append locks and extends."""
    __tablename__ = "disclosure_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(default=0)
    hash: Mapped[str] = mapped_column(String(64))


class Contribution(Base):
    """Something a recipient (allowed to contribute) added to the learner profile.

    kind note -> teacher notes (narratives), badge -> badges, activity_hours -> activities.
    The official backpack is never touched. The family can hide an item; it is kept, not deleted.
    """
    __tablename__ = "contributions"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    grant_id: Mapped[Optional[int]] = mapped_column(ForeignKey("grants.id", ondelete="SET NULL"))
    author_account_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(120))
    author_kind: Mapped[str] = mapped_column(String(30))  # the recipient kind (tutor, …) when added
    kind: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20))  # narratives, badges or activities
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[Optional[str]] = mapped_column(Text)
    hours: Mapped[Optional[Decimal]] = mapped_column(Numeric(6, 2))
    occurred_on: Mapped[Optional[date]] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    hidden_at: Mapped[Optional[datetime]] = mapped_column()
    hidden_by_account_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))


class Notification(Base):
    """An in-app message for one account. `kind` and `params` are rendered in the reader's language.

    kinds: grant_new, first_view, ending_soon, grant_ended, rights_at_18, contribution.
    `dedupe_key` makes the same notice impossible to send twice (maintenance may run often).
    """
    __tablename__ = "notifications"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    student_id: Mapped[Optional[int]] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    grant_id: Mapped[Optional[int]] = mapped_column(ForeignKey("grants.id", ondelete="CASCADE"))
    params: Mapped[dict] = mapped_column(default=dict)
    dedupe_key: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[Optional[datetime]] = mapped_column()


class OutboxMessage(Base):
    """An email waiting to go out (or sent). Without SMTP settings messages simply stay here."""
    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[Optional[int]] = mapped_column(ForeignKey("notifications.id", ondelete="SET NULL"))
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[Optional[datetime]] = mapped_column()
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[Optional[str]] = mapped_column(String(300))


Index("ix_notifications_account_created", Notification.account_id, Notification.created_at)
Index("ix_outbox_unsent", OutboxMessage.sent_at, OutboxMessage.id)

__all__ = [
    "GRANT_EVENT_KINDS", "CONTRIBUTION_KINDS", "Grant", "GrantEvent", "DisclosureEntry", "DisclosureHead",
    "Contribution", "Notification", "OutboxMessage",
]
