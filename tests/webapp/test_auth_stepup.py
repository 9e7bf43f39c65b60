"""Step-up: a fresh passkey check bound to one purpose and payload, used once within five minutes,
with evidence that can be checked later without the server."""
import hashlib
import json
from datetime import timedelta

import pytest
from flask import jsonify, request
from sqlalchemy import select, update
from webauthn.helpers import base64url_to_bytes, decode_credential_public_key, decoded_public_key_to_cryptography
from webauthn.helpers.cose import COSEAlgorithmIdentifier
from webauthn.helpers.verify_signature import verify_signature

from tests.webapp.auth_support import Person, invite, make_school
from tests.conftest import app_config
from webapp import create_app
from webapp.access import requires
from webapp.auth.stepup import binding, payload_hash, require_fresh_passkey
from webapp.models import WebAuthnChallenge, utcnow

GRANT = {"recipient": "Demo Tutor", "categories": ["attendance", "grades"], "days": 30}


@pytest.fixture
def site(database_url, clean_db, tmp_path):
    """The app plus a stand-in for the consent manager's POST handler that needs a fresh passkey."""
    app = create_app(app_config(database_url, clean_db, tmp_path))

    @requires("guardian")
    def confirm_grant():
        evidence = require_fresh_passkey(purpose="grant", payload_hash=payload_hash(json.loads(request.form["grant"])))
        return jsonify(evidence.as_dict())

    app.add_url_rule("/test/confirm-grant", "confirm_grant", confirm_grant, methods=["POST"])
    return app


@pytest.fixture
def guardian(site, db_session):
    person = Person(site)
    person.redeem(invite(site, "guardian", make_school(db_session)[1][0]))
    return person


def _confirm(person, grant=GRANT):
    return person.client.post("/test/confirm-grant", data={"grant": json.dumps(grant)})


def test_options_bind_the_payload_and_name_only_the_accounts_passkeys(guardian):
    h = payload_hash(GRANT)
    options = guardian.post_json("/passkeys/step-up/options", {"purpose": "grant", "payload_hash": h}).get_json()
    assert options["userVerification"] == "required"
    assert [base64url_to_bytes(c["id"]) for c in options["allowCredentials"]] == list(guardian.device.credentials)
    assert base64url_to_bytes(options["challenge"])[32:] == binding("grant", h)


def test_the_action_gets_evidence_once(guardian):
    assert guardian.step_up("grant", payload_hash(GRANT)).get_json() == {"ok": True}
    response = _confirm(guardian)
    assert response.status_code == 200
    evidence = response.get_json()
    assert evidence["purpose"] == "grant" and evidence["payload_hash"] == payload_hash(GRANT)
    assert evidence["user_verified"] is True
    again = _confirm(guardian)  # consumed
    assert again.status_code == 403 and "check it is you with your passkey" in again.get_data(as_text=True)


def test_the_evidence_proves_the_passkey_signed_this_payload(guardian):
    guardian.step_up("grant", payload_hash(GRANT))
    evidence = _confirm(guardian).get_json()
    client_data = base64url_to_bytes(evidence["client_data_json"])
    assert hashlib.sha256(client_data).hexdigest() == evidence["client_data_hash"]
    challenge = base64url_to_bytes(json.loads(client_data)["challenge"])
    assert challenge[32:] == binding("grant", payload_hash(GRANT))
    key = decode_credential_public_key(base64url_to_bytes(evidence["public_key"]))
    verify_signature(  # raises InvalidSignature when it does not verify
        public_key=decoded_public_key_to_cryptography(key), signature_alg=COSEAlgorithmIdentifier.ECDSA_SHA_256,
        signature=base64url_to_bytes(evidence["signature"]),
        data=base64url_to_bytes(evidence["authenticator_data"]) + hashlib.sha256(client_data).digest(),
    )


def test_a_step_up_for_another_payload_does_not_count(guardian):
    guardian.step_up("grant", payload_hash({**GRANT, "categories": ["attendance"]}))
    assert _confirm(guardian).status_code == 403
    guardian.step_up("revoke", payload_hash(GRANT))
    assert _confirm(guardian).status_code == 403


def test_a_step_up_older_than_five_minutes_does_not_count(guardian, db_session):
    guardian.step_up("grant", payload_hash(GRANT))
    db_session.execute(update(WebAuthnChallenge).where(WebAuthnChallenge.purpose == "step_up")
                       .values(used_at=utcnow() - timedelta(minutes=5, seconds=5)))
    db_session.commit()
    assert _confirm(guardian).status_code == 403


def test_a_step_up_without_user_verification_fails(guardian, db_session):
    response = guardian.step_up("grant", payload_hash(GRANT), user_verified=False)
    assert response.status_code == 400
    assert _confirm(guardian).status_code == 403
    assert db_session.scalars(select(WebAuthnChallenge.evidence).where(WebAuthnChallenge.purpose == "step_up")).one() is None


def test_step_up_options_check_their_input(guardian):
    for body in ({"purpose": "Grant!", "payload_hash": "a" * 64}, {"purpose": "grant", "payload_hash": "xyz"}):
        assert guardian.post_json("/passkeys/step-up/options", body).status_code == 400


def test_step_up_needs_a_signed_in_person(site):
    client = site.test_client()
    response = client.post("/passkeys/step-up/options", json={"purpose": "grant", "payload_hash": ""})
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def test_payload_hash_is_stable_whatever_the_key_order():
    assert payload_hash({"a": 1, "b": [1, 2]}) == payload_hash({"b": [1, 2], "a": 1})
    assert payload_hash({"a": 1}) != payload_hash({"a": 2})
