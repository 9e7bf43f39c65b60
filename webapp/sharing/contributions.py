"""What recipients allowed to contribute add to the learner profile: a note, a badge, activity hours.

Each item keeps its author and date; the family can hide it (and show it again). The official
backpack is never changed here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Mapping

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import notifications
from ..models import Account, Contribution, Grant, Student, utcnow

CATEGORY_OF_KIND = {"note": "narratives", "badge": "badges", "activity_hours": "activities"}
TITLE_MAX = 120
BODY_MAX = 2000
MAX_HOURS = Decimal("1000")


@dataclass(frozen=True)
class Entry:
    """A checked contribution form; errors maps field -> message."""

    kind: str
    title: str
    body: str
    hours: Decimal | None
    occurred_on: date | None
    errors: dict


def read_form(form: Mapping, today: date) -> Entry:
    errors: dict[str, str] = {}
    kind = form.get("kind", "")
    if kind not in CATEGORY_OF_KIND:
        errors["kind"] = _("Choose what you are adding.")
    title = " ".join(form.get("title", "").split())[:TITLE_MAX]
    if not title:
        errors["title"] = _("Give it a short title.")
    body = form.get("body", "").strip()[:BODY_MAX]
    hours = None
    if kind == "activity_hours":
        try:
            hours = Decimal(form.get("hours", "").strip())
        except InvalidOperation:
            hours = None
        if hours is None or not (Decimal("0") < hours <= MAX_HOURS):
            errors["hours"] = _("Type the number of hours, for example 12 or 2.5.")
    occurred_on = None
    if form.get("occurred_on"):
        try:
            occurred_on = date.fromisoformat(form["occurred_on"])
        except ValueError:
            errors["occurred_on"] = _("Choose a date.")
        else:
            if occurred_on > today:
                errors["occurred_on"] = _("The date cannot be in the future.")
    return Entry(kind, title, body, hours, occurred_on, errors)


def add(session: Session, student: Student, grant: Grant, author: Account, entry: Entry) -> Contribution:
    """Store a contribution made under `grant` and tell the family; the caller commits."""
    item = Contribution(
        student_id=student.id, grant_id=grant.id, author_account_id=author.id, author_name=author.display_name,
        author_kind=grant.recipient_kind, kind=entry.kind, category=CATEGORY_OF_KIND[entry.kind], title=entry.title,
        body=entry.body or None, hours=entry.hours, occurred_on=entry.occurred_on,
    )
    session.add(item)
    session.flush()
    notifications.contribution_added(session, item, grant)
    return item


def for_student(session: Session, student: Student, *, include_hidden: bool) -> list[Contribution]:
    """Newest first; hidden items only for the family's own list."""
    query = select(Contribution).where(Contribution.student_id == student.id)
    if not include_hidden:
        query = query.where(Contribution.hidden_at.is_(None))
    return list(session.scalars(query.order_by(Contribution.created_at.desc(), Contribution.id.desc())))


def set_hidden(item: Contribution, account: Account, hidden: bool) -> None:
    item.hidden_at, item.hidden_by_account_id = (utcnow(), account.id) if hidden else (None, None)
