"""What the school console keeps: correction requests and family statements (FERPA 34 CFR 99.20–99.22),
teacher notes, browser import jobs, the link from teacher accounts to their SEID, and the admin audit log."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Optional

from sqlalchemy import Date, ForeignKey, Index, Numeric, String, Text, UniqueConstraint, orm
from sqlalchemy.orm import Mapped, mapped_column

from .accounts import Account, Invitation
from .backpack import Student
from .base import Base, opaque_id, utcnow

# submitted → under_review → accepted | declined → statement_added (only after a decline)
OPEN_CORRECTION_STATES = ("submitted", "under_review")


class CorrectionRequest(Base):
    """A family's request to amend one field of the record; the school answers by `due_on`."""
    __tablename__ = "correction_requests"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    school_id: Mapped[Optional[int]] = mapped_column(ForeignKey("schools.id"), index=True)  # who must answer
    requested_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"), index=True)
    requested_by_name: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(20))  # a consent category code
    field_key: Mapped[str] = mapped_column(String(160))  # stable key from the family pages
    field_label: Mapped[str] = mapped_column(String(200))  # what the family saw, in their words
    what_is_wrong: Mapped[str] = mapped_column(Text)
    should_be: Mapped[Optional[str]] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default="submitted")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_on: Mapped[date] = mapped_column(Date)
    decided_at: Mapped[Optional[datetime]] = mapped_column()
    decided_by_name: Mapped[Optional[str]] = mapped_column(String(120))
    decision_note: Mapped[Optional[str]] = mapped_column(Text)  # the reason for a decline, or what was fixed
    student: Mapped[Student] = orm.relationship()
    requested_by: Mapped[Optional[Account]] = orm.relationship()
    events: Mapped[list["CorrectionEvent"]] = orm.relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="CorrectionEvent.id")
    statement: Mapped[Optional["FamilyStatement"]] = orm.relationship(back_populates="request", uselist=False)


Index("ix_correction_requests_state_due", CorrectionRequest.state, CorrectionRequest.due_on)


class CorrectionEvent(Base):
    """One step of a correction request, shown to the family as its history."""
    __tablename__ = "correction_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("correction_requests.id", ondelete="CASCADE"), index=True)
    state: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_name: Mapped[str] = mapped_column(String(120))
    note: Mapped[Optional[str]] = mapped_column(Text)
    request: Mapped[CorrectionRequest] = orm.relationship(back_populates="events")


class FamilyStatement(Base):
    """The family's own words after a declined correction, kept with that record wherever it is shown."""
    __tablename__ = "family_statements"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    request_id: Mapped[int] = mapped_column(ForeignKey("correction_requests.id", ondelete="CASCADE"), unique=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(20))
    field_key: Mapped[str] = mapped_column(String(160))
    field_label: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    request: Mapped[CorrectionRequest] = orm.relationship(back_populates="statement")


class TeacherNote(Base):
    """A short note about a student for one term: the author edits it until it is published."""
    __tablename__ = "teacher_notes"
    __table_args__ = (UniqueConstraint("student_id", "author_id", "term"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"), index=True)
    author_name: Mapped[str] = mapped_column(String(120))
    term: Mapped[str] = mapped_column(String(20))  # "2024-2025/fall", see webapp.school.terms
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    published_at: Mapped[Optional[datetime]] = mapped_column()
    student: Mapped[Student] = orm.relationship()


class TeacherIdentity(Base):
    """Which SEID (CALPADS staff id) a teacher invitation is for; once redeemed, the account teaches
    the sections that name that SEID."""
    __tablename__ = "teacher_identities"
    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(ForeignKey("invitations.id", ondelete="CASCADE"), unique=True)
    seid: Mapped[str] = mapped_column(String(10), index=True)
    invitation: Mapped[Invitation] = orm.relationship()


class ImportJob(Base):
    """Files uploaded in the browser and loaded by a background worker; ImportBatch rows hold the results."""
    __tablename__ = "import_jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    created_by_name: Mapped[str] = mapped_column(String(120))
    school_id: Mapped[Optional[int]] = mapped_column(ForeignKey("schools.id"))  # a school admin's upload
    district_id: Mapped[Optional[int]] = mapped_column(ForeignKey("districts.id"))
    files: Mapped[list] = mapped_column(default=list)  # [{"kind": "calpads", "name": "senr.txt", "stored": "0.txt"}]
    accept_partial: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(12), default="queued")  # queued, running, finished, failed
    rows_total: Mapped[int] = mapped_column(default=0)
    run_ids: Mapped[list] = mapped_column(default=list)
    exit_code: Mapped[Optional[int]] = mapped_column()
    message: Mapped[Optional[str]] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[Optional[datetime]] = mapped_column()


class EarlyWarningSetting(Base):
    """A district's own early-warning thresholds, set by a district admin in the console; without a row the
    district uses the defaults (webapp/summaries/thresholds.py)."""
    __tablename__ = "early_warning_settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id", ondelete="CASCADE"), unique=True)
    attendance_percent: Mapped[Decimal] = mapped_column(Numeric(4, 1))  # share of school days missed
    suspensions: Mapped[int] = mapped_column()  # suspensions in a school year; 0 turns the sign off
    low_marks: Mapped[str] = mapped_column(String(20))  # letter grades, space-separated ("D F"); "" turns it off
    ag_off_track: Mapped[bool] = mapped_column()
    updated_by_name: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class AdminAuditEntry(Base):
    """Append-only record of what staff did in the console (imports, invitations, corrections, notes)."""
    __tablename__ = "admin_audit_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    school_id: Mapped[Optional[int]] = mapped_column(ForeignKey("schools.id"), index=True)
    district_id: Mapped[Optional[int]] = mapped_column(ForeignKey("districts.id"), index=True)  # district-wide actions
    student_id: Mapped[Optional[int]] = mapped_column(ForeignKey("students.id", ondelete="SET NULL"))
    detail: Mapped[dict] = mapped_column(default=dict)


__all__ = [
    "OPEN_CORRECTION_STATES", "CorrectionRequest", "CorrectionEvent", "FamilyStatement",
    "TeacherNote", "TeacherIdentity", "ImportJob", "EarlyWarningSetting", "AdminAuditEntry",
]
