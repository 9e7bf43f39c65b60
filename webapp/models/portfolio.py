"""The student's own learner profile (issue 7): portfolio work and its files, personal bests with their
history, goals and check-ins, activities and service hours, imported badges.

Every row carries a `visibility`: "private" (the student only), "family" (the student and their
guardians) or "shareable" (also whoever a live grant for the row's category lets see it). Files are
stored content-addressed (webapp.portfolio.storage); a row here only names the blob by its sha256.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Optional

from sqlalchemy import Date, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint, orm
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, opaque_id, utcnow

VISIBILITIES = ("private", "family", "shareable")
ACTIVITY_KINDS = ("activity", "service")
GOAL_STATUSES = ("active", "done")
BADGE_CHECKS = ("verified", "signature_only", "not_verified")


class PortfolioItem(Base):
    """One piece of work the student chose to keep: a photo of a poster, an essay, a link."""
    __tablename__ = "portfolio_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    subject: Mapped[str] = mapped_column(String(60))  # subject or skill, in the student's words
    standard_code: Mapped[Optional[str]] = mapped_column(String(60))  # e.g. CCSS.ELA-LITERACY.W.9-10.1
    made_on: Mapped[Optional[date]] = mapped_column(Date)
    reflection: Mapped[Optional[str]] = mapped_column(Text)
    link_url: Mapped[Optional[str]] = mapped_column(String(500))
    visibility: Mapped[str] = mapped_column(String(10), default="family")
    position: Mapped[int] = mapped_column(Integer, default=0)  # the student's order, smallest first
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    files: Mapped[list["PortfolioFile"]] = orm.relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="PortfolioFile.id", lazy="raise")


class PortfolioFile(Base):
    """A checked, re-encoded upload attached to one item. `sha256` names the stored blob (shared when
    the same bytes arrive twice); `preview_sha256` the phone-sized picture of an image."""
    __tablename__ = "portfolio_files"
    __table_args__ = (UniqueConstraint("item_id", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    item_id: Mapped[int] = mapped_column(ForeignKey("portfolio_items.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # image, pdf, text
    media_type: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(120))  # a safe display name, never used as a path
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    preview_sha256: Mapped[Optional[str]] = mapped_column(String(64), index=True)
    preview_size: Mapped[Optional[int]] = mapped_column(Integer)
    width: Mapped[Optional[int]] = mapped_column(Integer)
    height: Mapped[Optional[int]] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    item: Mapped[PortfolioItem] = orm.relationship(back_populates="files")


class PersonalBestMark(Base):
    """"This is my best in <subject>" from `since` until another item replaced it (`until`); kept as history.
    At most one open mark (until is None) per student and subject key."""
    __tablename__ = "personal_best_marks"
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("portfolio_items.id", ondelete="CASCADE"), index=True)
    subject_key: Mapped[str] = mapped_column(String(60))  # casefolded subject
    subject: Mapped[str] = mapped_column(String(60))
    since: Mapped[datetime] = mapped_column(default=utcnow)
    until: Mapped[Optional[datetime]] = mapped_column()


class Goal(Base):
    __tablename__ = "goals"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    detail: Mapped[Optional[str]] = mapped_column(Text)  # why it matters, how they will do it
    target_on: Mapped[Optional[date]] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="active")
    visibility: Mapped[str] = mapped_column(String(10), default="family")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[Optional[datetime]] = mapped_column()


class GoalCheckIn(Base):
    __tablename__ = "goal_check_ins"
    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text)
    progress: Mapped[Optional[int]] = mapped_column(Integer)  # percent, when the student gives one


class Activity(Base):
    """An activity or service the student logged; hours can be confirmed by a recipient whose live grant
    lets them contribute (an afterschool program, a tutor), and the confirmation names them."""
    __tablename__ = "activities"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="activity")
    title: Mapped[str] = mapped_column(String(120))
    organization: Mapped[Optional[str]] = mapped_column(String(120))
    started_on: Mapped[Optional[date]] = mapped_column(Date)
    ended_on: Mapped[Optional[date]] = mapped_column(Date)
    hours: Mapped[Optional[Decimal]] = mapped_column(Numeric(7, 2))
    description: Mapped[Optional[str]] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(10), default="family")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[Optional[datetime]] = mapped_column()
    confirmed_by_account_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    confirmed_by_name: Mapped[Optional[str]] = mapped_column(String(120))
    confirmed_by_kind: Mapped[Optional[str]] = mapped_column(String(30))  # the recipient kind
    confirmed_grant_id: Mapped[Optional[int]] = mapped_column(ForeignKey("grants.id", ondelete="SET NULL"))


class Badge(Base):
    """An Open Badges 3.0 credential the student received, kept exactly as imported, with what we could
    check: "verified" (eddsa-rdfc-2022 proof by a key tied to the issuer), "signature_only" (the
    signature holds but the key cannot be tied to the issuer offline) or "not_verified" (no proof)."""
    __tablename__ = "badges"
    __table_args__ = (UniqueConstraint("student_id", "credential_sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    credential: Mapped[dict] = mapped_column()
    credential_sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[Optional[str]] = mapped_column(Text)
    criteria: Mapped[Optional[str]] = mapped_column(Text)
    achievement_type: Mapped[Optional[str]] = mapped_column(String(60))
    issuer_name: Mapped[str] = mapped_column(String(200))
    issuer_id: Mapped[Optional[str]] = mapped_column(String(500))
    issuer_url: Mapped[Optional[str]] = mapped_column(String(500))
    issued_on: Mapped[Optional[date]] = mapped_column(Date)
    check: Mapped[str] = mapped_column(String(20))
    check_note: Mapped[Optional[str]] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(10), default="family")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


Index("ix_personal_best_marks_open", PersonalBestMark.student_id, PersonalBestMark.subject_key, PersonalBestMark.until)
Index("ix_goal_check_ins_goal_at", GoalCheckIn.goal_id, GoalCheckIn.at)

__all__ = [
    "VISIBILITIES", "ACTIVITY_KINDS", "GOAL_STATUSES", "BADGE_CHECKS", "PortfolioItem", "PortfolioFile",
    "PersonalBestMark", "Goal", "GoalCheckIn", "Activity", "Badge",
]
