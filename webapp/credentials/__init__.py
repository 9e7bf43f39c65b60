"""Signed exports: W3C Data Integrity (eddsa-rdfc-2022) proofs by the district's did:key, verified offline.

Public API:
    sign_credential(unsigned, key) -> signed dict
    active_key(session=None, secret=None) -> SigningKey
    verify_credential(doc, schema=None, *, trust_url_keys=False) -> VerificationResult
"""
from .canonical import CanonicalizationError
from .key_store import KeyStoreError, active_key
from .loader import ContextNotShipped
from .signing import sign_credential
from .signing_key import SigningKey
from .verify import VerificationResult, verify_credential

__all__ = [
    "CanonicalizationError",
    "ContextNotShipped",
    "KeyStoreError",
    "SigningKey",
    "VerificationResult",
    "active_key",
    "sign_credential",
    "verify_credential",
]
