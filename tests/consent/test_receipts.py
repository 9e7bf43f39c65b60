import json

import pytest

from consent import Changed, Revoked, grant_state, receipt

from .factories import DAY, EVIDENCE, T0, granted, make_grant

NOW = T0 + 2 * DAY


def make_receipt(events, now=NOW):
    return receipt(grant_state(events, now), events, "Maya Hernández", "Riverside Unified School District", "Rosa Hernández", now)


def test_receipt_carries_the_ferpa_99_30_content():
    events = [granted(make_grant(categories={"grades", "behavior"}))]
    doc = make_receipt(events)
    assert doc["ferpa_99_30"] == {
        "records": ["Behavior and discipline", "Grades and transcript"],
        "purpose": "help with math",
        "disclosed_to": "Ms. Lee (Tutor)",
        "signed_by": "Rosa Hernández",
        "date": "2026-03-01",
        "signed_with": "passkey-signed consent",
    }
    assert doc["signer"] == {
        "account_id": "acct-rosa",
        "name": "Rosa Hernández",
        "role": "guardian",
        "signed_at": "2026-03-01T09:00:00+00:00",
        "signature": EVIDENCE.as_dict(),
    }
    assert doc["recipient"] == {
        "name": "Ms. Lee", "kind": "tutor", "kind_label": "Tutor", "account_id": "acct-lee", "invitation_id": None,
    }
    assert [r["code"] for r in doc["records"]] == ["behavior", "grades"]  # display order, not set order


def test_receipt_carries_the_consent_record_fields():
    doc = make_receipt([granted(make_grant(categories={"grades", "behavior", "supports"}))])
    assert doc["receipt_id"].startswith("urn:uuid:")
    assert doc["receipt_version"] == 1
    assert doc["issued_at"] == "2026-03-03T09:00:00+00:00"
    assert doc["consent_timestamp"] == "2026-03-01T09:00:00+00:00"
    assert doc["controller"] == {"name": "Riverside Unified School District", "role": "school district (educational agency)"}
    assert doc["jurisdiction"].startswith("US: FERPA")
    assert doc["collection_method"] == "passkey-signed consent"
    assert doc["sensitive"] is True and doc["sensitive_categories"] == ["behavior", "supports"]
    assert doc["period"] == {
        "starts_at": "2026-03-01T09:00:00+00:00", "ends_at": "2026-03-31T09:00:00+00:00", "last_day": "2026-03-31",
    }
    assert "Stop sharing next to Ms. Lee" in doc["how_to_revoke"]
    assert doc["status"] == "active"


def test_receipt_is_deterministic_json():
    events = [granted(make_grant())]
    first, second = make_receipt(events), make_receipt(events)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert json.loads(json.dumps(first)) == first


def test_a_change_gives_a_new_receipt_version_signed_by_the_change():
    change = Changed(grant_id="g1", at=T0 + DAY, by="acct-rosa", categories={"attendance"}, evidence=EVIDENCE)
    events = [granted(make_grant(), evidence=None), change]
    before, after = make_receipt(events[:1]), make_receipt(events)
    assert after["receipt_version"] == 2 and after["receipt_id"] != before["receipt_id"]
    assert before["signer"]["signature"] is None and before["ferpa_99_30"]["signed_with"] is None
    assert after["consent_timestamp"] == "2026-03-02T09:00:00+00:00"
    assert [r["code"] for r in after["records"]] == ["attendance"]
    assert [h["event"] for h in after["history"]] == ["granted", "changed"]
    assert after["history"][1] == {
        "event": "changed", "at": "2026-03-02T09:00:00+00:00", "by": "acct-rosa", "categories": ["attendance"],
        "signature": EVIDENCE.as_dict(),
    }


def test_revoked_grant_receipt_says_so():
    events = [granted(make_grant()), Revoked(grant_id="g1", at=T0 + DAY, by="acct-rosa")]
    assert make_receipt(events)["status"] == "revoked"


def test_receipt_refuses_events_of_another_grant():
    events = [granted(make_grant())]
    with pytest.raises(ValueError, match="events of grant g1"):
        receipt(grant_state(events, NOW), [granted(make_grant(grant_id="g2"))], "M", "D", "R", NOW)
