"""Multikey and multibase encodings, checked against the W3C key pair."""
import pytest

from webapp.credentials import SigningKey
from webapp.credentials.multibase import (
    MultibaseError,
    decode_base58btc,
    encode_base58btc,
    private_key_from_multibase,
    private_key_to_multibase,
    public_key_from_multibase,
)


def test_vector_private_key_gives_the_published_public_key(vector_key, vector_key_pair):
    assert vector_key.public_key_multibase == vector_key_pair["publicKeyMultibase"]
    assert private_key_to_multibase(vector_key.private_key) == vector_key_pair["privateKeyMultibase"]


def test_did_key_and_verification_method_follow_the_did_key_form(vector_key, vector_key_pair):
    multikey = vector_key_pair["publicKeyMultibase"]
    assert vector_key.did == f"did:key:{multikey}"
    assert vector_key.verification_method == f"did:key:{multikey}#{multikey}"


def test_generated_keys_round_trip():
    key = SigningKey.generate()
    assert key.public_key_multibase.startswith("z6Mk")
    restored = private_key_from_multibase(private_key_to_multibase(key.private_key))
    assert SigningKey(restored).did == key.did
    assert public_key_from_multibase(key.public_key_multibase).public_bytes_raw() == key.public_key.public_bytes_raw()


def test_base58btc_keeps_leading_zero_bytes():
    data = b"\x00\x00\x01\xff"  # two zero bytes -> "11"; 0x01ff = 511 = 8*58 + 47 -> "9p"
    assert encode_base58btc(data) == "z119p"
    assert decode_base58btc("z119p") == data


@pytest.mark.parametrize(
    "text, message",
    [
        ("6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", "must start with 'z'"),
        ("z0OIl", "not valid base58-btc"),
        ("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq", "not an Ed25519 public key"),
    ],
)
def test_malformed_public_keys_are_refused(text, message):
    with pytest.raises(MultibaseError, match=message):
        public_key_from_multibase(text)
