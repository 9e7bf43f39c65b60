"""`backpack keys …` and `backpack verify …`, run through the real command group."""
from __future__ import annotations

import json

import pytest

from webapp.cli import main
from webapp.credentials import active_key, sign_credential

from .conftest import EXAMPLES
from .test_verify import SCHEMA, badge


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()  # Click ≥ 8.2 keeps stderr apart, so messages can be checked by stream

    def invoke(*args):
        return runner.invoke(main, list(map(str, args)))

    return invoke


def test_keys_create_rotate_list(run, app):
    assert "No signing keys yet" in run("keys", "list").output
    created = run("keys", "create")
    assert created.exit_code == 0, created.output
    first_did = created.output.strip().rsplit(" ", 1)[-1]
    assert first_did.startswith("did:key:z6Mk")

    again = run("keys", "create")
    assert again.exit_code == 2
    assert "already exists" in again.stderr

    rotated = run("keys", "rotate")
    assert rotated.exit_code == 0
    second_did = rotated.output.strip().rsplit(" ", 1)[-1]
    assert second_did != first_did

    listing = run("keys", "list").output.splitlines()
    assert listing[0].startswith(first_did) and "retired" in listing[0]
    assert listing[1].startswith(second_did) and listing[1].endswith("active")
    assert active_key().did == second_did


def test_rotate_without_a_key_does_nothing(run):
    result = run("keys", "rotate")
    assert result.exit_code == 2
    assert "run `backpack keys create`" in result.stderr


@pytest.fixture
def signed_file(run, tmp_path):
    run("keys", "create")
    key = active_key()
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(sign_credential(badge(key.did), key)))
    return path, key


def test_verify_accepts_our_credential(run, signed_file):
    path, key = signed_file
    result = run("verify", path)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"Valid: issued by {key.did} on 2025-06-30T00:00:00Z"


def test_verify_rejects_a_tampered_credential_with_the_reason(run, signed_file):
    path, _ = signed_file
    document = json.loads(path.read_text())
    document["credentialSubject"]["achievement"]["name"] = "Grade 12"
    path.write_text(json.dumps(document))
    result = run("verify", path)
    assert result.exit_code == 1
    assert "Invalid: the signature does not match the document" in result.stderr


def test_verify_with_a_schema_file(run, signed_file, tmp_path):
    path, _ = signed_file
    schema_path = tmp_path / "schema.json"
    schema_path.write_text(json.dumps(SCHEMA))
    result = run("verify", path, "--schema", schema_path)
    assert result.exit_code == 0
    assert "Matches the schema https://schemas.example/badge.json" in result.output
    schema_path.write_text(json.dumps({**SCHEMA, "required": ["credentialStatus"]}))
    result = run("verify", path, "--schema", schema_path)
    assert result.exit_code == 1
    assert "'credentialStatus' is a required property" in result.stderr


@pytest.mark.parametrize(
    "content, message",
    [(None, "Cannot read the credential"), ("{not json", "Cannot read the credential")],
)
def test_verify_unreadable_input_exits_2(run, tmp_path, content, message):
    path = tmp_path / "input.json"
    if content is not None:
        path.write_text(content)
    result = run("verify", path)
    assert result.exit_code == 2
    assert message in result.stderr


def test_verify_with_an_invalid_schema_exits_2(run, signed_file, tmp_path):
    path, _ = signed_file
    schema_path = tmp_path / "schema.json"
    schema_path.write_text(json.dumps({"type": 12}))
    result = run("verify", path, "--schema", schema_path)
    assert result.exit_code == 2
    assert "is not a valid JSON Schema" in result.stderr


def test_verify_official_example_needs_the_trust_flag(run):
    example = EXAMPLES / "clr20-clrcredential-simple.json"
    refused = run("verify", example)
    assert refused.exit_code == 1 and "cannot be tied to the issuer offline" in refused.stderr
    accepted = run("verify", "--trust-url-keys", example)
    assert accepted.exit_code == 0
    assert accepted.output.splitlines()[0] == "Valid: issued by https://example.edu/issuers/565049 on 2010-01-01T00:00:00Z"
    assert accepted.output.splitlines()[1].startswith("Note: the public key was read from the verification method URL")
