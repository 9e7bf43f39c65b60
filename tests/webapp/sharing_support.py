"""Helpers for the sharing tests: a family walking the sharing pages with a software authenticator,
and grant rows in any state (scheduled, expired, revoked …) written the way the ledger writes them."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import select

from tests.webapp.auth_support import Person, invite
from webapp import db
from webapp.models import Account, Grant, GrantEvent, Invitation, Student, utcnow

PAYLOAD_HASH = re.compile(r'data-payload-hash="([0-9a-f]{64})"')
LINK = re.compile(r"https?://[^\s<\"]+/i/([2-9A-Z-]{19})")
FORM = {"kind": "tutor", "name": "Ms. Lee", "email": "lee@example.org", "categories": ["grades", "state_tests"],
        "purpose": "help with math", "duration": "days_30"}


def guardian_of(app, student: Student, name: str = "Rosa Hernandez") -> Person:
    person = Person(app)
    person.redeem(invite(app, "guardian", student), name=name)
    return person


def share(person: Person, student: Student, **form) -> tuple[str, str | None]:
    """Fill in "Share with someone", confirm with the passkey; returns (grant public id, invitation code)."""
    data = {**FORM, **form}
    response = person.client.post(f"/sharing/{student.public_id}/new", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)
    page = person.client.get(f"/sharing/{student.public_id}/confirm").get_data(as_text=True)
    payload = PAYLOAD_HASH.search(page).group(1)
    assert person.step_up("grant", payload).status_code == 200
    response = person.client.post(f"/sharing/{student.public_id}/confirm")
    assert response.status_code == 303, response.get_data(as_text=True)
    grant = response.headers["Location"].rstrip("/").split("/")[-1]
    receipt = person.client.get(response.headers["Location"]).get_data(as_text=True)
    found = LINK.search(receipt)
    return grant, found.group(1) if found else None


def recipient_from(app, code: str, name: str = "Ms. Lee") -> Person:
    person = Person(app)
    assert person.open_invitation(code).status_code == 303
    assert person.client.post("/welcome", data={"answer": "yes", "name": name}).status_code == 303
    assert person.register().status_code == 200
    return person


def account_named(app, name: str) -> Account:
    with app.app_context():
        return db.session().scalars(select(Account).where(Account.display_name == name)).one()


def add_grant(session, student: Student, grantor: Account, *, recipient: Account | None = None,
              invitation: Invitation | None = None, categories=("grades",), starts_at: datetime | None = None,
              ends_at: datetime | None = None, events=(), kind: str = "tutor", name: str = "Ms. Lee",
              may_contribute: bool = False, role: str = "guardian") -> Grant:
    """A grant row signed at `starts_at` (default an hour ago) plus later events [(kind, at), …]."""
    start = starts_at or utcnow() - timedelta(hours=1)
    signed = min(start, utcnow() - timedelta(hours=1))
    grant = Grant(
        student_id=student.id, granted_by_account_id=grantor.id, granted_by_role=role,
        granted_by_name=grantor.display_name, recipient_kind=kind, recipient_name=name,
        recipient_account_id=recipient.id if recipient else None, invitation_id=invitation.id if invitation else None,
        categories=list(categories), purpose="help with math", starts_at=start,
        ends_at=ends_at or start + timedelta(days=30), may_contribute=may_contribute, created_at=signed,
    )
    session.add(grant)
    session.flush()
    session.add(GrantEvent(grant_id=grant.id, seq=1, kind="granted", at=signed, by_account_id=grantor.id))
    for seq, (event_kind, at) in enumerate(events, start=2):
        session.add(GrantEvent(grant_id=grant.id, seq=seq, kind=event_kind, at=at,
                               by_account_id=grantor.id if event_kind == "revoked" else None))
    session.flush()
    return grant
