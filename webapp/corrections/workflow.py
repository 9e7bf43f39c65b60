"""Correction requests (FERPA 34 CFR 99.20–99.22), one step at a time:

    submitted → under_review → accepted | declined → statement_added (after a decline only)

The school answers within CORRECTION_DAYS (45 by default). Every step is kept as an event, told to the
family, and (for staff steps) written to the admin audit log. After a decline the family may add a
statement, which is then kept with that record and shown wherever it is shown or disclosed.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from flask import current_app, has_app_context
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from consent import CATEGORY_CODES

from ..models import Account, CorrectionEvent, CorrectionRequest, FamilyStatement, Student, as_utc
from ..school import audit
from .notify import tell_family

DEFAULT_DAYS = 45
MAX_TEXT = 2000
FIELD_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.:/-]{0,159}$")
NEXT_STATES = {
    "submitted": ("under_review", "accepted", "declined"),
    "under_review": ("accepted", "declined"),
    "declined": ("statement_added",),
}


class CorrectionError(ValueError):
    """The step cannot be taken (the message says why, in plain words)."""


def due_on(created: datetime) -> date:
    days = current_app.config["CORRECTION_DAYS"] if has_app_context() else DEFAULT_DAYS
    return (as_utc(created) + timedelta(days=days)).date()


def is_field_key(value: str) -> bool:
    return bool(FIELD_KEY.match(value or ""))


def _text(value: str | None, *, required: bool, missing: str) -> str | None:
    value = (value or "").strip()
    if required and not value:
        raise CorrectionError(missing)
    if len(value) > MAX_TEXT:
        raise CorrectionError(_("Please keep it under %(max)s characters.", max=MAX_TEXT))
    return value or None


def submit(session: Session, account: Account, student: Student, *, category: str, field_key: str, field_label: str,
           what_is_wrong: str, should_be: str | None, now: datetime) -> CorrectionRequest:
    """A family member asks to correct one field; the caller commits."""
    if category not in CATEGORY_CODES or not is_field_key(field_key):
        raise CorrectionError(_("We could not tell which part of the record this is about. Go back and try again."))
    request = CorrectionRequest(
        student_id=student.id, school_id=student.school_id, requested_by_id=account.id,
        requested_by_name=account.display_name[:120], category=category, field_key=field_key,
        field_label=(field_label or field_key)[:200], created_at=now, due_on=due_on(now),
        what_is_wrong=_text(what_is_wrong, required=True, missing=_("Tell the school what is wrong.")),
        should_be=_text(should_be, required=False, missing=""),
    )
    request.student = student
    session.add(request)
    _step(session, request, "submitted", account.display_name, None, now)
    return request


def start_review(session: Session, request: CorrectionRequest, staff: Account, now: datetime) -> None:
    _move(request, "under_review")
    _step(session, request, "under_review", staff.display_name, None, now)
    audit.record(session, staff, "correction_review_started", school_id=request.school_id,
                 student_id=request.student_id, request=request.public_id)


def accept(session: Session, request: CorrectionRequest, staff: Account, note: str | None, now: datetime) -> None:
    """The school agrees; `note` says what it fixed (the source data is fixed and imported again)."""
    note = _text(note, required=True, missing=_("Say what the school will fix, so the family knows."))
    _move(request, "accepted")
    _decide(request, staff, note, now)
    _step(session, request, "accepted", staff.display_name, note, now)
    audit.record(session, staff, "correction_accepted", school_id=request.school_id, student_id=request.student_id,
                 request=request.public_id)


def decline(session: Session, request: CorrectionRequest, staff: Account, reason: str, now: datetime) -> None:
    reason = _text(reason, required=True, missing=_("Give the reason for declining; the family will read it."))
    _move(request, "declined")
    _decide(request, staff, reason, now)
    _step(session, request, "declined", staff.display_name, reason, now)
    audit.record(session, staff, "correction_declined", school_id=request.school_id, student_id=request.student_id,
                 request=request.public_id)


def add_statement(session: Session, request: CorrectionRequest, account: Account, text: str,
                  now: datetime) -> FamilyStatement:
    """The family's statement after a decline, kept with the record from now on."""
    text = _text(text, required=True, missing=_("Write your statement first."))
    _move(request, "statement_added")
    statement = FamilyStatement(
        request_id=request.id, student_id=request.student_id, category=request.category, field_key=request.field_key,
        field_label=request.field_label, text=text, author_id=account.id, author_name=account.display_name[:120],
        created_at=now,
    )
    session.add(statement)
    request.statement = statement
    _step(session, request, "statement_added", account.display_name, None, now)
    return statement


def is_overdue(request: CorrectionRequest, today: date) -> bool:
    return request.state in ("submitted", "under_review") and request.due_on < today


def _move(request: CorrectionRequest, state: str) -> None:
    if state not in NEXT_STATES.get(request.state, ()):
        raise CorrectionError(_("This request has already moved on; reload the page to see where it stands."))
    request.state = state


def _decide(request: CorrectionRequest, staff: Account, note: str, now: datetime) -> None:
    request.decided_at, request.decided_by_name, request.decision_note = now, staff.display_name[:120], note


def _step(session: Session, request: CorrectionRequest, state: str, actor: str, note: str | None, now: datetime) -> None:
    request.events.append(CorrectionEvent(state=state, at=now, actor_name=actor[:120], note=note))
    session.flush()
    tell_family(session, request, state)
