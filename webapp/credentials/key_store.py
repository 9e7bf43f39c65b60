"""Keeping the district's signing keys in the database, private keys encrypted at rest.

Each private key is sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the app's
SIGNING_KEY_SECRET, or SECRET_KEY when that is not set; a copy of the database alone does not
reveal it. The key's did is bound in as associated data, so rows cannot be swapped.
Rotation retires the active key instead of deleting it: credentials it signed stay verifiable
(a did:key carries its public key) and the list shows which key signed when.
"""
from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import IssuerKey, utcnow
from .signing_key import SigningKey

_HKDF_INFO = b"family-backpack issuer signing keys v1"
_NONCE_BYTES = 12


class KeyStoreError(RuntimeError):
    """No usable key, a key that already exists, or a key sealed under another secret."""


def create_first_key(session: Session, secret: str) -> SigningKey:
    """The district's first key; refuses when any key exists, so nobody replaces one by accident."""
    existing = session.scalars(select(IssuerKey).limit(1)).first()
    if existing is not None:
        raise KeyStoreError(f"a signing key already exists ({existing.did}); use `backpack keys rotate` for a new one")
    return _add_key(session, secret)


def rotate_key(session: Session, secret: str) -> SigningKey:
    """A new active key; the old one is retired and kept."""
    current = _active_row(session)
    current.retired_at = utcnow()
    return _add_key(session, secret)


def list_keys(session: Session) -> list[IssuerKey]:
    return list(session.scalars(select(IssuerKey).order_by(IssuerKey.created_at, IssuerKey.id)))


def load_active_key(session: Session, secret: str) -> SigningKey:
    row = _active_row(session)
    return SigningKey(_open(row, secret))


def _active_row(session: Session) -> IssuerKey:
    row = session.scalars(
        select(IssuerKey).where(IssuerKey.retired_at.is_(None)).order_by(IssuerKey.created_at.desc(), IssuerKey.id.desc())
    ).first()
    if row is None:
        raise KeyStoreError("the district has no signing key yet; run `backpack keys create`")
    return row


def _add_key(session: Session, secret: str) -> SigningKey:
    key = SigningKey.generate()
    session.add(
        IssuerKey(
            did=key.did,
            public_key_multibase=key.public_key_multibase,
            encrypted_private_key=_seal(key.private_key, key.did, secret),
        )
    )
    session.flush()
    return key


def _key_encryption_key(secret: str) -> AESGCM:
    if not secret:
        raise KeyStoreError("no secret to encrypt signing keys with (set SIGNING_KEY_SECRET or SECRET_KEY)")
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(secret.encode("utf-8"))
    return AESGCM(derived)


def _seal(private_key: Ed25519PrivateKey, did: str, secret: str) -> bytes:
    seed = private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + _key_encryption_key(secret).encrypt(nonce, seed, did.encode("utf-8"))


def _open(row: IssuerKey, secret: str) -> Ed25519PrivateKey:
    sealed = bytes(row.encrypted_private_key)
    try:
        seed = _key_encryption_key(secret).decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], row.did.encode("utf-8"))
    except InvalidTag:
        raise KeyStoreError(
            f"cannot decrypt the signing key {row.did}: the secret it was sealed with "
            "(SIGNING_KEY_SECRET or SECRET_KEY) has changed"
        ) from None
    private_key = Ed25519PrivateKey.from_private_bytes(seed)
    if SigningKey(private_key).did != row.did:
        raise KeyStoreError(f"the stored private key does not match {row.did}")
    return private_key


def app_secret() -> str:
    """The secret that seals signing keys, from the running app's configuration."""
    from flask import current_app

    return current_app.config.get("SIGNING_KEY_SECRET") or current_app.config["SECRET_KEY"]


def active_key(session: Session | None = None, secret: str | None = None) -> SigningKey:
    """The key that signs new credentials; defaults to the app's session and secret."""
    if session is None:
        from .. import db

        session = db.session()
    return load_active_key(session, secret or app_secret())
