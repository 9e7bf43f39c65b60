"""Verifying a credential offline: proof, issuer, dates, nested credentials, optional JSON Schema.

Every check that fails gives one plain reason; the first failure wins.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from referencing.exceptions import Unresolvable

from .canonical import CanonicalizationError
from .did_key import ResolutionError, resolve_verification_method
from .eddsa_rdfc_2022 import CRYPTOSUITE, PROOF_TYPE, ProofError, verify_proof
from .issuer import issuer_id
from .loader import ContextNotShipped
from .timestamps import parse_timestamp

EXPECTED_PURPOSE = "assertionMethod"
CLOCK_SKEW = timedelta(minutes=5)
UNBOUND_KEY_NOTE = (
    "the public key was read from the verification method URL; that the issuer publishes this key "
    "was not checked (that needs the network)"
)


@dataclass(frozen=True)
class VerificationResult:
    ok: bool
    reason: str
    issuer: str | None = None
    verification_method: str | None = None
    issued_on: str | None = None
    note: str = ""


class _Rejected(Exception):
    """One failed check; its message is the reason shown to the person verifying."""


def verify_credential(
    doc: object, schema: dict | None = None, *, trust_url_keys: bool = False, now: datetime | None = None
) -> VerificationResult:
    """Check `doc` completely. `schema`, when given, is a JSON Schema the document must also match.

    trust_url_keys accepts keys written in an https verification-method URL (as in 1EdTech's
    examples) although nothing offline ties them to the issuer; did:key needs no such trust.
    Raises jsonschema.SchemaError when `schema` itself is not a valid schema.
    """
    now = now or datetime.now(timezone.utc)
    if schema is not None:
        validator_for(schema).check_schema(schema)
    if not isinstance(doc, dict):
        return VerificationResult(False, "the credential is not a JSON object")
    issuer = issuer_id(doc)
    proofs = _proofs(doc)
    method = next((p.get("verificationMethod") for p in proofs if isinstance(p, dict)), None)
    try:
        notes = _check_proofs(doc, proofs, issuer, trust_url_keys, now)
        _check_validity_period(doc, now)
        notes += _check_nested_credentials(doc, trust_url_keys, now)
        if schema is not None:
            _check_schema(doc, schema)
    except _Rejected as exc:
        return VerificationResult(False, str(exc), issuer, method)
    return VerificationResult(True, "valid", issuer, method, _issued_on(doc, proofs), "; ".join(dict.fromkeys(notes)))


def _proofs(doc: dict) -> list:
    proof = doc.get("proof")
    if proof is None:
        return []
    return proof if isinstance(proof, list) else [proof]


def _check_proofs(doc: dict, proofs: list, issuer: str | None, trust_url_keys: bool, now: datetime) -> list[str]:
    if not proofs:
        raise _Rejected("the credential has no proof: it is not signed")
    if issuer is None:
        raise _Rejected("the credential names no issuer")
    notes = []
    for proof in proofs:
        if not isinstance(proof, dict):
            raise _Rejected("the proof is not a JSON object")
        _check_proof_options(proof, now)
        try:
            method = resolve_verification_method(proof.get("verificationMethod"))
        except ResolutionError as exc:
            raise _Rejected(str(exc)) from None
        if method.controller != issuer:
            raise _Rejected(f"the proof was made with a key of {method.controller}, not of the issuer {issuer}")
        if not method.key_bound_to_controller:
            if not trust_url_keys:
                raise _Rejected(
                    f"the key in {method.id} cannot be tied to the issuer offline; only did:key issuers are "
                    "verified offline (--trust-url-keys checks the signature alone)"
                )
            notes.append(UNBOUND_KEY_NOTE)
        try:
            verify_proof(doc, proof, method.public_key)
        except (ProofError, CanonicalizationError, ContextNotShipped) as exc:
            raise _Rejected(str(exc)) from None
    return notes


def _check_proof_options(proof: dict, now: datetime) -> None:
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        raise _Rejected(
            f"the proof is {proof.get('type')!r} with cryptosuite {proof.get('cryptosuite')!r}; "
            f"only {PROOF_TYPE} with {CRYPTOSUITE} is supported"
        )
    if proof.get("proofPurpose") != EXPECTED_PURPOSE:
        raise _Rejected(f"the proof's purpose is {proof.get('proofPurpose')!r}, not {EXPECTED_PURPOSE!r}")
    if "created" in proof and _timestamp(proof["created"], "the proof's created date") > now + CLOCK_SKEW:
        raise _Rejected(f"the proof claims to be created in the future ({proof['created']})")
    if "expires" in proof and _timestamp(proof["expires"], "the proof's expiry date") < now:
        raise _Rejected(f"the proof expired on {proof['expires']}")


def _check_validity_period(doc: dict, now: datetime) -> None:
    for field in ("validFrom", "issuanceDate"):
        if field in doc and _timestamp(doc[field], field) > now + CLOCK_SKEW:
            raise _Rejected(f"the credential is not valid before {doc[field]} ({field})")
    for field in ("validUntil", "expirationDate"):
        if field in doc and _timestamp(doc[field], field) < now:
            raise _Rejected(f"the credential expired on {doc[field]} ({field})")


def _timestamp(value: object, what: str) -> datetime:
    try:
        return parse_timestamp(value)
    except ValueError as exc:
        raise _Rejected(f"{what} is invalid: {exc}") from None


def _check_nested_credentials(doc: dict, trust_url_keys: bool, now: datetime) -> list[str]:
    """A CLR carries other issuers' credentials; each must stand on its own proof too."""
    notes = []
    subjects = doc.get("credentialSubject")
    for subject in subjects if isinstance(subjects, list) else [subjects]:
        nested = subject.get("verifiableCredential", []) if isinstance(subject, dict) else []
        for position, credential in enumerate(nested if isinstance(nested, list) else [nested], start=1):
            label = credential.get("id", f"#{position}") if isinstance(credential, dict) else f"#{position}"
            if not isinstance(credential, dict):
                raise _Rejected(f"the nested credential {label} is not embedded JSON (a JWT is not verified here)")
            result = verify_credential(credential, trust_url_keys=trust_url_keys, now=now)
            if not result.ok:
                raise _Rejected(f"the nested credential {label} is not valid: {result.reason}")
            notes += [result.note] if result.note else []
    return notes


def _check_schema(doc: dict, schema: dict) -> None:
    validator_class = validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    name = schema.get("$id") or schema.get("title") or "the schema"
    try:
        error = best_match(validator.iter_errors(doc))
    except Unresolvable as exc:
        raise _Rejected(f"{name} refers to {exc.ref}, which is not available offline") from None
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "the top level"
        raise _Rejected(f"the credential does not match {name}: at {where}: {error.message}")


def _issued_on(doc: dict, proofs: list) -> str | None:
    return doc.get("validFrom") or doc.get("issuanceDate") or (proofs[0].get("created") if proofs else None)
