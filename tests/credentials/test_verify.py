"""verify_credential: the official signed examples, our own credentials, and every kind of tampering."""
from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone

import pytest
from jsonschema.exceptions import SchemaError

from webapp.credentials import SigningKey, sign_credential, verify_credential
from webapp.credentials.multibase import decode_base58btc, encode_base58btc

from .conftest import EXAMPLES, VECTORS, read_json

V2 = "https://www.w3.org/ns/credentials/v2"
OB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OFFICIAL_EXAMPLES = sorted(path.name for path in EXAMPLES.glob("*.json"))


def badge(issuer_did: str, **extra) -> dict:
    return {
        "@context": [V2, OB],
        "id": "urn:uuid:0b7b7a7e-3c1e-4c57-9d2a-6a3f0e8f1a01",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_did, "type": ["Profile"], "name": "Sample Unified School District"},
        "validFrom": "2025-06-30T00:00:00Z",
        "name": "Grade 8 completion",
        "credentialSubject": {
            "id": "urn:uuid:5d0c1a52-8a5e-4b0e-a0ad-2f1b0a3c9e11",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:7c2f6a0e-1d4b-4c8a-9e3f-0a1b2c3d4e5f",
                "type": ["Achievement"],
                "name": "Grade 8",
                "description": "Completed grade 8.",
                "criteria": {"narrative": "Passed every grade 8 course."},
            },
        },
        **extra,
    }


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture(scope="module")
def other_key() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture
def signed(key) -> dict:
    return sign_credential(badge(key.did), key)


@pytest.mark.parametrize("name", OFFICIAL_EXAMPLES)
def test_official_examples_verify_when_url_keys_are_trusted(name):
    document = read_json(EXAMPLES / name)
    result = verify_credential(document, trust_url_keys=True)
    assert result.ok, result.reason
    assert result.issuer == (document["issuer"]["id"])
    assert result.issued_on == "2010-01-01T00:00:00Z"
    assert "not checked" in result.note


@pytest.mark.parametrize("name", OFFICIAL_EXAMPLES)
def test_official_examples_are_not_called_valid_without_that_trust(name):
    result = verify_credential(read_json(EXAMPLES / name))
    assert not result.ok
    assert "cannot be tied to the issuer offline" in result.reason


def test_official_example_altered_by_one_word_fails():
    document = read_json(EXAMPLES / "clr20-clrcredential-simple.json")
    document["name"] = "Sample Transcript (edited)"
    result = verify_credential(document, trust_url_keys=True)
    assert not result.ok and "signature does not match" in result.reason


def test_signed_test_vector_is_checked_against_its_issuer():
    """The W3C vector is signed by a did:key but names an https issuer: the signature is fine, the issuer is not."""
    result = verify_credential(read_json(VECTORS / "eddsa-rdfc-2022" / "signedDataInt.json"))
    assert not result.ok
    assert result.reason.startswith("the proof was made with a key of did:key:z6MkrJVn")
    assert "not of the issuer https://vc.example/issuers/5678" in result.reason


def test_our_credential_verifies(key, signed):
    result = verify_credential(signed)
    assert result.ok, result.reason
    assert result.issuer == key.did
    assert result.verification_method == key.verification_method
    assert result.issued_on == "2025-06-30T00:00:00Z"
    assert result.note == ""


def test_signing_leaves_the_input_alone_and_adds_one_proof(key):
    unsigned = badge(key.did)
    before = copy.deepcopy(unsigned)
    signed = sign_credential(unsigned, key)
    assert unsigned == before
    assert {k: v for k, v in signed.items() if k != "proof"} == unsigned
    assert signed["proof"]["type"] == "DataIntegrityProof"
    assert signed["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert signed["proof"]["proofPurpose"] == "assertionMethod"
    assert signed["proof"]["proofValue"].startswith("z")


def test_signing_refuses_a_credential_of_another_issuer(key, other_key):
    with pytest.raises(ValueError, match="this key signs as"):
        sign_credential(badge(other_key.did), key)


def _set(document: dict, path: str, value) -> dict:
    """A copy with one field changed; `value` may be a function of the old value."""
    altered = copy.deepcopy(document)
    *parents, last = path.split(".")
    target = altered
    for part in parents:
        target = target[part]
    target[last] = value(target[last]) if callable(value) else value
    return altered


def _flip_one_signature_bit(proof_value: str) -> str:
    signature = decode_base58btc(proof_value)
    return encode_base58btc(bytes([signature[0] ^ 1]) + signature[1:])


MISMATCH = "the signature does not match the document"
TAMPERINGS = {
    "subject achievement name": ("credentialSubject.achievement.name", "Grade 12", MISMATCH),
    "subject id": ("credentialSubject.id", "urn:uuid:00000000-0000-4000-8000-000000000000", MISMATCH),
    "issuer name": ("issuer.name", "Another District", MISMATCH),
    "validFrom": ("validFrom", "2024-06-30T00:00:00Z", MISMATCH),
    "proof created": ("proof.created", "2025-01-01T00:00:00Z", MISMATCH),
    "proof value": ("proof.proofValue", _flip_one_signature_bit, MISMATCH),
    "proof value too short": ("proof.proofValue", "z" + "2" * 86, "not a 64-byte Ed25519 signature"),
    "proof value not base58": ("proof.proofValue", "z0OIl", "the proofValue is unreadable"),
    "proof cryptosuite": ("proof.cryptosuite", "eddsa-jcs-2022", "only DataIntegrityProof with eddsa-rdfc-2022"),
    "proof type": ("proof.type", "Ed25519Signature2020", "only DataIntegrityProof with eddsa-rdfc-2022"),
    "proof purpose": ("proof.proofPurpose", "authentication", "purpose is 'authentication'"),
}


@pytest.mark.parametrize("case", sorted(TAMPERINGS))
def test_each_single_field_tampering_is_rejected_with_a_reason(signed, case):
    path, value, reason = TAMPERINGS[case]
    result = verify_credential(_set(signed, path, value))
    assert not result.ok
    assert reason in result.reason


def test_issuer_swapped_for_another_did_is_rejected(signed, other_key):
    result = verify_credential(_set(signed, "issuer.id", other_key.did))
    assert not result.ok
    assert f"not of the issuer {other_key.did}" in result.reason


def test_verification_method_swapped_for_another_key_is_rejected(signed, key, other_key):
    result = verify_credential(_set(signed, "proof.verificationMethod", other_key.verification_method))
    assert not result.ok
    assert f"a key of {other_key.did}, not of the issuer {key.did}" in result.reason


def test_issuer_and_verification_method_swapped_together_still_fail(signed, other_key):
    altered = _set(_set(signed, "issuer.id", other_key.did), "proof.verificationMethod", other_key.verification_method)
    result = verify_credential(altered)
    assert not result.ok and MISMATCH in result.reason


def test_did_key_with_a_foreign_fragment_is_rejected(signed, key, other_key):
    method = f"{key.did}#{other_key.public_key_multibase}"
    result = verify_credential(_set(signed, "proof.verificationMethod", method))
    assert not result.ok and "does not name the key" in result.reason


def test_did_web_needs_the_network_so_is_not_resolved(signed):
    result = verify_credential(_set(signed, "proof.verificationMethod", "did:web:district.example#key-1"))
    assert not result.ok and "did:web needs the network" in result.reason


def test_missing_proof_and_missing_issuer(key, signed):
    assert verify_credential(badge(key.did)).reason == "the credential has no proof: it is not signed"
    without_issuer = {k: v for k, v in signed.items() if k != "issuer"}
    assert verify_credential(without_issuer).reason == "the credential names no issuer"
    assert not verify_credential(["not", "an", "object"]).ok


def test_missing_context_and_missing_proof_value(signed):
    without_context = {k: v for k, v in signed.items() if k != "@context"}
    assert verify_credential(without_context).reason == "the document has no @context, so it is not JSON-LD"
    proof = {k: v for k, v in signed["proof"].items() if k != "proofValue"}
    assert verify_credential({**signed, "proof": proof}).reason == "the proof has no proofValue"


def test_an_added_undefined_property_is_refused(signed):
    result = verify_credential({**signed, "grade_point_average": "4.0"})
    assert not result.ok and "'grade_point_average' is not defined" in result.reason


def test_a_context_we_do_not_ship_fails_clearly(key):
    unsigned = badge(key.did)
    unsigned["@context"] = [*unsigned["@context"], "https://district.example/contexts/extra.json"]
    signed = {**unsigned, "proof": sign_credential(badge(key.did), key)["proof"]}
    result = verify_credential(signed)
    assert not result.ok
    assert "https://district.example/contexts/extra.json is not one of the contexts shipped" in result.reason
    with pytest.raises(LookupError, match="never fetched from the network"):
        sign_credential(unsigned, key)


def test_proof_created_in_the_future_is_rejected(key):
    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    result = verify_credential(sign_credential(badge(key.did), key, created=tomorrow))
    assert not result.ok and "created in the future" in result.reason


def test_expired_and_not_yet_valid_credentials_are_rejected(key):
    expired = verify_credential(sign_credential(badge(key.did, validUntil="2025-07-01T00:00:00Z"), key))
    assert not expired.ok and expired.reason == "the credential expired on 2025-07-01T00:00:00Z (validUntil)"
    later = badge(key.did)
    later["validFrom"] = "2999-01-01T00:00:00Z"
    early = verify_credential(sign_credential(later, key))
    assert not early.ok and "not valid before 2999-01-01T00:00:00Z" in early.reason


def test_a_date_without_time_zone_is_rejected(key):
    undated = badge(key.did)
    undated["validFrom"] = "2025-06-30T00:00:00"
    result = verify_credential(sign_credential(undated, key))
    assert not result.ok and "validFrom is invalid" in result.reason


SCHEMA = {
    "$schema": "https://json-schema.org/draft/2019-09/schema",
    "$id": "https://schemas.example/badge.json",
    "type": "object",
    "required": ["@context", "type", "issuer", "credentialSubject"],
    # dependentRequired exists from draft 2019-09 on: it proves the declared draft is the one applied
    "dependentRequired": {"validFrom": ["name"]},
}


def test_schema_match_and_mismatch(key, signed):
    assert verify_credential(signed, SCHEMA).ok
    nameless = {k: v for k, v in badge(key.did).items() if k != "name"}
    result = verify_credential(sign_credential(nameless, key), SCHEMA)
    assert not result.ok
    assert result.reason.startswith("the credential does not match https://schemas.example/badge.json")
    assert "'name' is a dependency of 'validFrom'" in result.reason


def test_schema_with_a_remote_reference_is_not_fetched(signed):
    schema = {"$schema": "https://json-schema.org/draft/2019-09/schema", "$ref": "https://schemas.example/other.json"}
    result = verify_credential(signed, schema)
    assert not result.ok and "https://schemas.example/other.json, which is not available offline" in result.reason


def test_an_invalid_schema_is_an_error_of_the_caller(signed):
    with pytest.raises(SchemaError):
        verify_credential(signed, {"$schema": "https://json-schema.org/draft/2019-09/schema", "type": 12})
