"""'Who looked at Maya's records': the disclosure log of one student, newest first, in plain terms."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import DisclosureEntry, Grant, Student, as_utc

SHOWN = 500  # the newest entries on the page; the JSON export carries them all


@dataclass(frozen=True)
class Look:
    at: datetime
    viewer_name: str
    recipient_kind: str | None
    categories: tuple[str, ...]
    action: str
    grant_public_id: str | None


def who_looked(session: Session, student: Student, limit: int = SHOWN) -> list[Look]:
    rows = session.execute(
        select(DisclosureEntry, Grant.recipient_kind)
        .outerjoin(Grant, Grant.public_id == DisclosureEntry.grant_public_id)
        .where(DisclosureEntry.student_public_id == student.public_id)
        .order_by(DisclosureEntry.seq.desc())
        .limit(limit)
    ).all()
    return [Look(as_utc(e.at), e.viewer_name, kind, tuple(e.categories), e.action, e.grant_public_id)
            for e, kind in rows]
