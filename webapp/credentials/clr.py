"""The CLR 2.0 envelope: what every ClrCredential from this district has, whatever the record holds.

Mirrors 1EdTech's clr20-clrcredential-simple.json: contexts in that order (the official schema
checks positions 0-2), the district as issuer Profile (its did:key), and credentialSchema citing
the official schemas, which we may not ship but verifiers can fetch. A ClrSubject carries the
achievements as AchievementCredentials (OB 3.0), each signed by the district too.
"""
from __future__ import annotations

import uuid
from datetime import datetime

from .timestamps import format_timestamp

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
CLR_CONTEXT = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB_EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
SCHEMA_VALIDATOR = "1EdTechJsonSchemaValidator2019"
CLR_SCHEMA = "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json"
OB_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"


def district_profile(did: str, name: str) -> dict:
    """The issuer: the district, named as people know it, identified by its signing key's did."""
    return {"id": did, "type": ["Profile"], "name": name}


def achievement_credential(*, issuer: dict, subject: dict, name: str, valid_from: datetime) -> dict:
    """An unsigned OB 3.0 AchievementCredential; `subject` is an AchievementSubject."""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT],
        "id": _new_id(),
        "type": ["VerifiableCredential", "AchievementCredential"],
        "issuer": issuer,
        "validFrom": format_timestamp(valid_from),
        "name": name,
        "credentialSubject": subject,
        "credentialSchema": [{"id": OB_SCHEMA, "type": SCHEMA_VALIDATOR}],
    }


def clr_subject(subject_id: str, credentials: list[dict], achievements=(), associations=()) -> dict:
    """A ClrSubject; CLR 2.0 requires at least one verifiable credential, so none is refused."""
    if not credentials:
        raise ValueError("a ClrSubject needs at least one verifiable credential")
    subject = {"id": subject_id, "type": ["ClrSubject"], "verifiableCredential": list(credentials)}
    if achievements:
        subject["achievement"] = list(achievements)
    if associations:
        subject["association"] = list(associations)
    return subject


def clr_credential(*, issuer: dict, subject: dict, name: str, valid_from: datetime, description: str | None = None) -> dict:
    """An unsigned ClrCredential around `subject`, ready for sign_credential."""
    credential = {
        "@context": [VC_CONTEXT, CLR_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT],
        "id": _new_id(),
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": issuer,
        "validFrom": format_timestamp(valid_from),
        "name": name,
        "credentialSubject": subject,
        "credentialSchema": [{"id": CLR_SCHEMA, "type": SCHEMA_VALIDATOR}],
    }
    if description:
        credential["description"] = description
    return credential


def _new_id() -> str:
    return f"urn:uuid:{uuid.uuid4()}"
