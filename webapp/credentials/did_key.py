"""did:key identifiers for Ed25519 keys, and offline resolution of verification methods.

A did:key is the public key itself, so it resolves with no network and cannot be claimed by
another key. Verification methods of the form <issuer URL>#z6Mk… (used by 1EdTech's examples)
also carry the key, but nothing offline proves that the issuer published it: resolution says so.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .multibase import MultibaseError, public_key_from_multibase, public_key_to_multibase

DID_KEY_PREFIX = "did:key:"


class ResolutionError(ValueError):
    """The verification method cannot be turned into a public key offline."""


@dataclass(frozen=True)
class ResolvedMethod:
    id: str
    controller: str
    public_key: Ed25519PublicKey
    key_bound_to_controller: bool  # True only when the identifier itself proves the key (did:key)


def did_key_for(public_key: Ed25519PublicKey) -> str:
    return DID_KEY_PREFIX + public_key_to_multibase(public_key)


def verification_method_for(public_key: Ed25519PublicKey) -> str:
    """did:key:z6Mk…#z6Mk…, the key's id inside its own DID document."""
    multikey = public_key_to_multibase(public_key)
    return f"{DID_KEY_PREFIX}{multikey}#{multikey}"


def resolve_verification_method(method_id: object) -> ResolvedMethod:
    if not isinstance(method_id, str) or not method_id:
        raise ResolutionError("the proof has no verificationMethod")
    controller, _, fragment = method_id.partition("#")
    if controller.startswith(DID_KEY_PREFIX):
        return _resolve_did_key(method_id, controller, fragment)
    if controller.startswith("did:"):
        method = controller.split(":")[1]
        raise ResolutionError(f"did:{method} needs the network to resolve; only did:key is resolved offline")
    if urlsplit(controller).scheme in ("http", "https") and fragment.startswith("z6Mk"):
        return ResolvedMethod(method_id, controller, _decode(fragment, method_id), key_bound_to_controller=False)
    raise ResolutionError(f"the verification method {method_id} cannot be resolved offline")


def _resolve_did_key(method_id: str, did: str, fragment: str) -> ResolvedMethod:
    multikey = did.removeprefix(DID_KEY_PREFIX)
    if fragment != multikey:
        raise ResolutionError(f"{method_id} does not name the key of {did} (expected #{multikey})")
    return ResolvedMethod(method_id, did, _decode(multikey, method_id), key_bound_to_controller=True)


def _decode(multikey: str, method_id: str) -> Ed25519PublicKey:
    try:
        return public_key_from_multibase(multikey)
    except (MultibaseError, ValueError) as exc:
        raise ResolutionError(f"{method_id} does not hold an Ed25519 public key: {exc}") from None
