"""Every download of a student's record: who took it, in which format, when (issue 8).

Families see these rows on the Download page, so a copy of the record never leaves unnoticed.
CLI exports by staff have no account; `actor_name` then says who ran the command.
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, opaque_id, utcnow

EXPORT_FORMATS = ("pdf", "clr", "csv", "json")


class ExportLog(Base):
    __tablename__ = "export_logs"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"))
    account_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(160))
    actor_role: Mapped[str] = mapped_column(String(20))  # guardian, student or cli
    format: Mapped[str] = mapped_column(String(8))  # one of EXPORT_FORMATS
    lang: Mapped[str] = mapped_column(String(5))
    categories: Mapped[list] = mapped_column(default=list)  # sharing category codes included
    credential_id: Mapped[Optional[str]] = mapped_column(String(64))  # the CLR's urn:uuid, to match a copy later
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


Index("ix_export_logs_student_created", ExportLog.student_id, ExportLog.created_at)

__all__ = ["EXPORT_FORMATS", "ExportLog"]
