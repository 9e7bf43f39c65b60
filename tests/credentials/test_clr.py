"""The CLR 2.0 envelope: shaped like 1EdTech's example, signed by the district, verified with its nested credentials."""
from __future__ import annotations

import copy
from datetime import datetime, timezone

import pytest

from webapp.credentials import SigningKey, sign_credential, verify_credential
from webapp.credentials.clr import (
    CLR_SCHEMA,
    achievement_credential,
    clr_credential,
    clr_subject,
    district_profile,
)

from .conftest import EXAMPLES, read_json

STUDENT = "urn:uuid:3f1a9c52-7a0e-4e6b-9c1d-2b8e5f0a7d33"
JUNE = datetime(2025, 6, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey.generate()


def course_credential(key: SigningKey, issuer: dict) -> dict:
    subject = {
        "id": STUDENT,
        "type": ["AchievementSubject"],
        "achievement": {
            "id": "urn:uuid:9b2d7e10-4c3a-4f5e-8a6b-1c2d3e4f5a6b",
            "type": ["Achievement"],
            "achievementType": "Course",
            "name": "Algebra I",
            "description": "A full-year algebra course.",
            "criteria": {"narrative": "Completed the course with a passing grade."},
            "creditsAvailable": 10,
        },
        "result": [{"type": ["Result"], "value": "B+"}],
        "creditsEarned": 10,
    }
    return sign_credential(achievement_credential(issuer=issuer, subject=subject, name="Algebra I", valid_from=JUNE), key)


@pytest.fixture
def clr(key) -> dict:
    issuer = district_profile(key.did, "Sample Unified School District")
    subject = clr_subject(STUDENT, [course_credential(key, issuer)])
    unsigned = clr_credential(issuer=issuer, subject=subject, name="Learner record for Maya", valid_from=JUNE)
    return sign_credential(unsigned, key)


def test_envelope_mirrors_the_official_example(clr, key):
    example = read_json(EXAMPLES / "clr20-clrcredential-simple.json")
    assert clr["@context"] == example["@context"]
    assert clr["type"] == example["type"]
    assert clr["credentialSchema"] == [{"id": CLR_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}]
    assert clr["issuer"] == {"id": key.did, "type": ["Profile"], "name": "Sample Unified School District"}
    assert clr["id"].startswith("urn:uuid:") and clr["validFrom"] == "2025-06-30T00:00:00Z"
    assert clr["credentialSubject"]["type"] == ["ClrSubject"]


def test_signed_clr_verifies_with_its_nested_credential(clr, key):
    result = verify_credential(clr)
    assert result.ok, result.reason
    assert result.issuer == key.did


def test_a_tampered_nested_credential_is_caught_even_under_a_valid_outer_proof(clr, key):
    nested = copy.deepcopy(clr["credentialSubject"]["verifiableCredential"][0])
    nested["credentialSubject"]["result"][0]["value"] = "A"
    unsigned = {k: v for k, v in clr.items() if k != "proof"}
    unsigned["credentialSubject"] = clr_subject(STUDENT, [nested])
    result = verify_credential(sign_credential(unsigned, key))
    assert not result.ok
    assert result.reason == f"the nested credential {nested['id']} is not valid: the signature does not match the document: it was altered or signed by another key"


def test_clr_subject_needs_a_credential():
    with pytest.raises(ValueError, match="at least one verifiable credential"):
        clr_subject(STUDENT, [])
