"""The W3C Data Integrity cryptosuite eddsa-rdfc-2022 (vc-di-eddsa): create and verify one proof.

Both the document (without its proof) and the proof options (with the document's @context) are
canonicalized with RDFC-1.0 and hashed with SHA-256; Ed25519 signs proofHash || documentHash and
the signature is stored as a multibase base58-btc proofValue.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .canonical import canonicalize
from .multibase import MultibaseError, decode_base58btc, encode_base58btc
from .timestamps import format_timestamp, parse_timestamp

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
SIGNATURE_BYTES = 64


class ProofError(ValueError):
    """The proof is malformed, uses another suite, or its signature does not match."""


@dataclass(frozen=True)
class HashInputs:
    """The canonical forms whose hashes are signed; kept so tests can compare every step."""

    canonical_document: str
    canonical_proof_config: str

    @property
    def proof_hash(self) -> bytes:
        return hashlib.sha256(self.canonical_proof_config.encode("utf-8")).digest()

    @property
    def document_hash(self) -> bytes:
        return hashlib.sha256(self.canonical_document.encode("utf-8")).digest()

    @property
    def hash_data(self) -> bytes:
        return self.proof_hash + self.document_hash


def proof_configuration(unsecured: dict, options: dict) -> dict:
    """The proof options without proofValue, under the document's @context (spec §3.3.5)."""
    if options.get("type") != PROOF_TYPE or options.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(
            f"the proof is {options.get('type')!r} with cryptosuite {options.get('cryptosuite')!r}; "
            f"only {PROOF_TYPE} with {CRYPTOSUITE} is supported"
        )
    if "created" in options:
        try:
            parse_timestamp(options["created"])
        except ValueError as exc:
            raise ProofError(f"the proof's created date is invalid: {exc}") from None
    if "@context" not in unsecured:
        raise ProofError("the document has no @context, so it is not JSON-LD")
    config = {key: value for key, value in options.items() if key != "proofValue"}
    config["@context"] = unsecured["@context"]
    return config


def hash_inputs(unsecured: dict, options: dict) -> HashInputs:
    config = proof_configuration(unsecured, options)
    return HashInputs(canonical_document=canonicalize(unsecured), canonical_proof_config=canonicalize(config))


def create_proof(
    unsecured: dict,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime,
    proof_purpose: str = "assertionMethod",
) -> dict:
    """A complete proof object for `unsecured` (which must not already carry a proof)."""
    if "proof" in unsecured:
        raise ProofError("the document already has a proof; sign the document without it")
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": format_timestamp(created),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    signature = private_key.sign(hash_inputs(unsecured, options).hash_data)
    return {**options, "proofValue": encode_base58btc(signature)}


def verify_proof(secured: dict, proof: dict, public_key: Ed25519PublicKey) -> None:
    """Raise ProofError unless `proof` is a valid signature by `public_key` over `secured`."""
    if "proofValue" not in proof:
        raise ProofError("the proof has no proofValue")
    try:
        signature = decode_base58btc(proof.get("proofValue"))
    except MultibaseError as exc:
        raise ProofError(f"the proofValue is unreadable: {exc}") from None
    if len(signature) != SIGNATURE_BYTES:
        raise ProofError(f"the proofValue holds {len(signature)} bytes, not a {SIGNATURE_BYTES}-byte Ed25519 signature")
    unsecured = {key: value for key, value in secured.items() if key != "proof"}
    options = {key: value for key, value in proof.items() if key != "proofValue"}
    if "@context" in options:
        _require_context_prefix(secured.get("@context"), options["@context"])
        unsecured["@context"] = options["@context"]
    try:
        public_key.verify(signature, hash_inputs(unsecured, options).hash_data)
    except InvalidSignature:
        raise ProofError("the signature does not match the document: it was altered or signed by another key") from None


def _require_context_prefix(document_context, proof_context) -> None:
    document_context, proof_context = _as_list(document_context), _as_list(proof_context)
    if document_context[: len(proof_context)] != proof_context:
        raise ProofError("the proof's @context does not match the start of the document's @context")


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]
