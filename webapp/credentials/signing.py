"""Signing a credential as the district."""
from __future__ import annotations

import copy
from datetime import datetime, timezone

from .eddsa_rdfc_2022 import create_proof
from .issuer import issuer_id
from .signing_key import SigningKey


def sign_credential(unsigned: dict, key: SigningKey, created: datetime | None = None) -> dict:
    """A copy of `unsigned` with an eddsa-rdfc-2022 proof by `key`.

    The credential's issuer must be the key's did: a verifier checks exactly that, so signing
    anything else would only produce a credential that fails verification.
    """
    if issuer_id(unsigned) != key.did:
        raise ValueError(f"the credential's issuer is {issuer_id(unsigned)!r}, but this key signs as {key.did}")
    proof = create_proof(unsigned, key.private_key, key.verification_method, created or datetime.now(timezone.utc))
    return {**copy.deepcopy(unsigned), "proof": proof}
