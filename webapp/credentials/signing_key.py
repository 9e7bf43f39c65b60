"""The district's Ed25519 signing key in memory, and the identifiers derived from it."""
from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .did_key import did_key_for, verification_method_for
from .multibase import private_key_from_multibase, public_key_to_multibase


@dataclass(frozen=True)
class SigningKey:
    private_key: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> "SigningKey":
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_multibase(cls, private_key_multibase: str) -> "SigningKey":
        """From a Multikey private key (z3u2…), the form the W3C test vectors publish."""
        return cls(private_key_from_multibase(private_key_multibase))

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def public_key_multibase(self) -> str:
        return public_key_to_multibase(self.public_key)

    @property
    def did(self) -> str:
        """The issuer id: did:key:z6Mk…"""
        return did_key_for(self.public_key)

    @property
    def verification_method(self) -> str:
        return verification_method_for(self.public_key)
