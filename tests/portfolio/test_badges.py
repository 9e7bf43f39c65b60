"""Open Badges 3.0 import: the data model's shape is checked, eddsa-rdfc-2022 proofs are verified with
webapp.credentials, and each badge gets an honest label (or is refused when its proof fails)."""
from __future__ import annotations

import copy
import io
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from webapp.credentials import SigningKey
from webapp.credentials.signing import sign_credential
from webapp.models import Badge
from webapp.portfolio.badges import BadgeRefused, check, read_badge, structure_problems

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "clr-ob-schemas" / "examples"


def example(name: str = "ob30-openbadgecredential-simple.json") -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def did_key_badge(key: SigningKey) -> dict:
    """A badge a did:key issuer signed: verifiable offline end to end."""
    unsigned = {k: v for k, v in example().items() if k != "proof"}
    unsigned["issuer"] = {"id": key.did, "type": ["Profile"], "name": "Robotics League"}
    unsigned["name"] = "Robot Builder"
    unsigned["credentialSubject"]["achievement"]["name"] = "Robot Builder"
    return sign_credential(unsigned, key, created=datetime(2024, 5, 1, tzinfo=timezone.utc))


@pytest.mark.parametrize("name", ["ob30-openbadgecredential-simple.json", "ob30-openbadgecredential-complete.json"])
def test_the_official_examples_have_the_ob3_shape(name):
    assert structure_problems(example(name)) == []


def test_a_clr_or_random_json_is_not_a_badge(site):
    with site.test_request_context():
        clr = json.loads((EXAMPLES / "clr20-clrcredential-simple.json").read_text())
        assert structure_problems(clr)
        assert "AchievementSubject" in " ".join(structure_problems({"@context": [], "type": ["VerifiableCredential"]}))
        for raw in (b"not json", b"[]", json.dumps({"name": "x"}).encode(), b"\xff\xfe"):
            with pytest.raises(BadgeRefused):
                read_badge(raw)


def test_labels_are_honest(site):
    with site.test_request_context():
        assert check(did_key_badge(SigningKey.generate()))[0] == "verified"
        assert check(example())[0] == "signature_only"  # https key: not tied to the issuer offline
        unsigned = {k: v for k, v in example().items() if k != "proof"}
        assert check(unsigned)[0] == "not_verified"


def test_a_changed_badge_is_refused(site):
    tampered = copy.deepcopy(example())
    tampered["credentialSubject"]["achievement"]["name"] = "Leadership"
    with site.test_request_context(), pytest.raises(BadgeRefused, match="signature does not check out"):
        check(tampered)


def test_the_student_imports_badges_and_sees_issuer_and_meaning(site, db_session, family, leo, rosa):
    signed = did_key_badge(SigningKey.generate())
    response = leo.post("/portfolio/badges/new", data={
        "badge": (io.BytesIO(json.dumps(signed).encode()), "robot.json"), "visibility": "family"},
        content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)
    page = leo.get(response.headers["Location"]).get_data(as_text=True)
    assert "Robot Builder" in page and "Robotics League" in page and "Verified" in page
    assert "collaborate within a group" in page  # what it means (the achievement's description)
    unsigned = {k: v for k, v in example().items() if k != "proof"}
    assert leo.post("/portfolio/badges/new", data={"json": json.dumps(unsigned), "visibility": "family"}
                    ).status_code == 303
    again = leo.post("/portfolio/badges/new", data={"json": json.dumps(unsigned), "visibility": "family"})
    assert again.status_code == 303
    db_session.expire_all()
    rows = db_session.scalars(select(Badge).order_by(Badge.id)).all()
    assert [r.check for r in rows] == ["verified", "not_verified"]  # the same badge twice is kept once
    family_page = rosa.get(f"/c/{family.leo.public_id}/badges").get_data(as_text=True)
    assert "Robot Builder" in family_page and "Not verified" in family_page and "Example Corp" in family_page


def test_a_refused_badge_says_why_and_stores_nothing(site, db_session, leo):
    tampered = copy.deepcopy(example())
    tampered["name"] = "Changed"
    response = leo.post("/portfolio/badges/new", data={"json": json.dumps(tampered), "visibility": "family"})
    assert response.status_code == 400
    assert "not added" in response.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.scalars(select(Badge)).all() == []
