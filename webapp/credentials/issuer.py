"""Reading the issuer of a Verifiable Credential, which may be a URL or a Profile object."""
from __future__ import annotations


def issuer_id(credential: dict) -> str | None:
    issuer = credential.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) and issuer else None
