"""The whole sharing story through the routes: share, invite, look, who looked, revoke, receipts."""
from __future__ import annotations

import io
import json

from pypdf import PdfReader
from sqlalchemy import select

from tests.webapp.auth_support import make_school, site  # noqa: F401  (fixture)
from tests.webapp.sharing_support import guardian_of, recipient_from, share
from webapp import db
from webapp.models import DisclosureEntry, Grant, GrantEvent, Invitation, Notification, OutboxMessage


def test_share_look_and_revoke(site, db_session):
    maya = make_school(db_session)[1][0]
    rosa = guardian_of(site, maya)
    grant, code = share(rosa, maya)
    assert code, "the receipt shows the new recipient's invitation link once"
    with site.app_context():
        s = db.session()
        row = s.scalars(select(Grant).where(Grant.public_id == grant)).one()
        assert row.categories == ["grades", "state_tests"] and row.recipient_name == "Ms. Lee"
        invitation = s.get(Invitation, row.invitation_id)
        assert invitation.role == "recipient" and invitation.purpose == "recipient" and invitation.grant_ref == grant
        event = s.scalars(select(GrantEvent).where(GrantEvent.grant_id == row.id)).one()
        assert event.kind == "granted" and event.evidence["user_verified"] is True
        assert event.payload["signed_terms"]["purpose"] == "help with math"
        assert s.scalars(select(OutboxMessage).where(OutboxMessage.to_address == "lee@example.org")).first()

    lee = recipient_from(site, code)
    portal = lee.client.get("/shared").get_data(as_text=True)
    assert "Maya Lopez" in portal and "help with math" in portal
    page = lee.client.get(f"/shared/{maya.public_id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Grades and transcript" in text and "State tests" in text and "Attendance" not in text
    assert lee.client.get(f"/shared/{maya.public_id}/attendance").status_code == 404

    looked = rosa.client.get(f"/sharing/{maya.public_id}/looked").get_data(as_text=True)
    assert "Ms. Lee" in looked and "Grades and transcript, State tests" in looked
    with site.app_context():
        kinds = [n.kind for n in db.session().scalars(select(Notification).order_by(Notification.id))]
        assert "grant_new" in kinds and "first_view" in kinds

    response = rosa.client.post(f"/sharing/{maya.public_id}/grants/{grant}/revoke")
    assert response.status_code == 303
    after = lee.client.get(f"/shared/{maya.public_id}")
    assert after.status_code == 403 and "Maya" not in after.get_data(as_text=True)
    with site.app_context():
        assert db.session().scalar(select(DisclosureEntry.seq).order_by(DisclosureEntry.seq.desc())) == 1


def test_receipts(site, db_session):
    maya = make_school(db_session)[1][0]
    rosa = guardian_of(site, maya)
    grant, _ = share(rosa, maya, categories=["grades", "behavior"], sensitive_ok="yes", duration="days_90")
    data = rosa.client.get(f"/sharing/{maya.public_id}/grants/{grant}/receipt.json").get_json()
    assert data["recipient"]["name"] == "Ms. Lee" and data["purpose"] == "help with math"
    assert [r["code"] for r in data["records"]] == ["behavior", "grades"] and data["sensitive"] is True
    assert data["signer"]["signature"]["user_verified"] is True
    response = rosa.client.get(f"/sharing/{maya.public_id}/grants/{grant}/receipt.pdf")
    assert response.mimetype == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    for expected in ("Ms. Lee", "help with math", "Grades and transcript", "Behavior and discipline", "Rosa Hernandez"):
        assert expected in text, expected
    assert json.dumps(data)  # JSON-ready
