"""The district's signing keys in the database (SQLite and PostgreSQL), sealed at rest."""
from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from webapp.credentials import KeyStoreError, sign_credential, verify_credential
from webapp.credentials.key_store import create_first_key, list_keys, load_active_key, rotate_key

from .test_verify import badge

SECRET = "a-test-secret-for-sealing-keys"


def test_create_then_load_the_same_key(db_session):
    created = create_first_key(db_session, SECRET)
    db_session.commit()
    loaded = load_active_key(db_session, SECRET)
    assert loaded.did == created.did
    assert verify_credential(sign_credential(badge(loaded.did), loaded)).ok


def test_a_second_create_is_refused(db_session):
    first = create_first_key(db_session, SECRET)
    with pytest.raises(KeyStoreError, match=f"already exists \\({first.did}\\)"):
        create_first_key(db_session, SECRET)


def test_no_key_yet(db_session):
    with pytest.raises(KeyStoreError, match="run `backpack keys create`"):
        load_active_key(db_session, SECRET)
    with pytest.raises(KeyStoreError, match="no signing key yet"):
        rotate_key(db_session, SECRET)


def test_rotation_keeps_old_keys_and_their_credentials_verify(db_session):
    old = create_first_key(db_session, SECRET)
    db_session.commit()
    old_credential = sign_credential(badge(old.did), load_active_key(db_session, SECRET))
    new = rotate_key(db_session, SECRET)
    db_session.commit()
    assert load_active_key(db_session, SECRET).did == new.did != old.did
    rows = list_keys(db_session)
    assert [row.did for row in rows] == [old.did, new.did]
    assert rows[0].retired_at is not None and rows[1].retired_at is None
    assert verify_credential(old_credential).ok
    assert verify_credential(sign_credential(badge(new.did), load_active_key(db_session, SECRET))).ok


def test_private_key_is_not_stored_in_the_clear(db_session):
    key = create_first_key(db_session, SECRET)
    db_session.commit()
    seed = key.private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    stored = bytes(list_keys(db_session)[0].encrypted_private_key)
    assert seed not in stored
    assert len(stored) == 12 + 32 + 16  # nonce, sealed seed, GCM tag


def test_a_changed_secret_is_reported_not_misused(db_session):
    create_first_key(db_session, SECRET)
    db_session.commit()
    with pytest.raises(KeyStoreError, match="has changed"):
        load_active_key(db_session, "another-secret")


def test_a_sealed_key_cannot_be_moved_to_another_row(db_session):
    create_first_key(db_session, SECRET)
    rotate_key(db_session, SECRET)
    db_session.commit()
    old, new = list_keys(db_session)
    new.encrypted_private_key = old.encrypted_private_key
    db_session.commit()
    with pytest.raises(KeyStoreError, match="has changed"):
        load_active_key(db_session, SECRET)
