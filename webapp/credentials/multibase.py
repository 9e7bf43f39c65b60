"""Multibase (base58-btc) and Multikey encodings of Ed25519 keys and signatures.

did:key identifiers, verification-method fragments and proofValue all use the base58-btc
multibase form ('z' + base58); keys also carry their multicodec prefix as an unsigned varint.
"""
from __future__ import annotations

import base58
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

BASE58BTC_PREFIX = "z"
ED25519_PUB_CODEC = bytes([0xED, 0x01])  # multicodec ed25519-pub (0xed), varint-encoded
ED25519_PRIV_CODEC = bytes([0x80, 0x26])  # multicodec ed25519-priv (0x1300), varint-encoded
ED25519_KEY_BYTES = 32


class MultibaseError(ValueError):
    """A value that is not the multibase or multikey encoding it claims to be."""


def encode_base58btc(data: bytes) -> str:
    return BASE58BTC_PREFIX + base58.b58encode(data).decode("ascii")


def decode_base58btc(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith(BASE58BTC_PREFIX):
        raise MultibaseError(f"{text!r} is not multibase base58-btc (it must start with 'z')")
    try:
        return base58.b58decode(text[1:])
    except ValueError as exc:
        raise MultibaseError(f"{text!r} is not valid base58-btc: {exc}") from None


def _decode_multikey(text: str, codec: bytes, what: str) -> bytes:
    raw = decode_base58btc(text)
    if not raw.startswith(codec) or len(raw) != len(codec) + ED25519_KEY_BYTES:
        raise MultibaseError(f"{text!r} is not an Ed25519 {what} key in Multikey form")
    return raw[len(codec):]


def public_key_to_multibase(key: Ed25519PublicKey) -> str:
    return encode_base58btc(ED25519_PUB_CODEC + key.public_bytes(Encoding.Raw, PublicFormat.Raw))


def public_key_from_multibase(text: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(_decode_multikey(text, ED25519_PUB_CODEC, "public"))


def private_key_to_multibase(key: Ed25519PrivateKey) -> str:
    seed = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return encode_base58btc(ED25519_PRIV_CODEC + seed)


def private_key_from_multibase(text: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(_decode_multikey(text, ED25519_PRIV_CODEC, "private"))
