"""`backpack keys create|rotate|list` and `backpack verify PATH [--schema FILE]`.

Exit codes follow the backpack command: 0 all good, 1 the check failed (reason printed),
2 nothing done (unreadable input, or a key operation that does not apply).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import click
from flask.cli import with_appcontext
from jsonschema.exceptions import SchemaError
from jsonschema.validators import validator_for

from .. import db
from .key_store import KeyStoreError, app_secret, create_first_key, list_keys, rotate_key
from .verify import verify_credential


@click.group("keys")
def keys_group() -> None:
    """The district's signing keys for exported credentials."""


@keys_group.command("create")
@with_appcontext
def keys_create() -> None:
    """Create the district's first signing key (refuses if one exists)."""
    _change_keys(create_first_key, "Created signing key")


@keys_group.command("rotate")
@with_appcontext
def keys_rotate() -> None:
    """Make a new active key; old keys are kept so their credentials still verify."""
    _change_keys(rotate_key, "New active signing key")


def _change_keys(operation, done: str) -> None:
    session = db.session()
    try:
        key = operation(session, app_secret())
    except KeyStoreError as exc:
        session.rollback()
        click.echo(f"Nothing done: {exc}", err=True)
        raise SystemExit(2) from None
    session.commit()
    click.echo(f"{done}: {key.did}")


@keys_group.command("list")
@with_appcontext
def keys_list() -> None:
    """List every key, oldest first, with when it was created and retired."""
    rows = list_keys(db.session())
    if not rows:
        click.echo("No signing keys yet; run `backpack keys create`.")
    for row in rows:
        status = f"retired {_utc(row.retired_at)}" if row.retired_at else "active"
        click.echo(f"{row.did}  created {_utc(row.created_at)}  {status}")


def _utc(moment: datetime) -> str:
    """SQLite hands back naive UTC, PostgreSQL aware values: show both the same way."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return f"{moment:%Y-%m-%d %H:%M} UTC"


@click.command("verify")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--schema", "schema_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also validate against this JSON Schema file (e.g. 1EdTech's CLR 2.0 schema).")
@click.option("--trust-url-keys", is_flag=True,
              help="Accept keys written in an https verification-method URL without checking the issuer publishes them.")
def verify_command(path: Path, schema_path: Path | None, trust_url_keys: bool) -> None:
    """Verify a signed credential offline: exit 0 valid, 1 invalid (with the reason), 2 unreadable."""
    document = _read_json(path, "credential")
    schema = _read_schema(schema_path) if schema_path else None
    result = verify_credential(document, schema, trust_url_keys=trust_url_keys)
    if not result.ok:
        click.echo(f"Invalid: {result.reason}", err=True)
        raise SystemExit(1)
    click.echo(f"Valid: issued by {result.issuer} on {result.issued_on}")
    if schema is not None:
        click.echo(f"Matches the schema {schema.get('$id') or schema_path}")
    if result.note:
        click.echo(f"Note: {result.note}")


def _read_json(path: Path, what: str):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        click.echo(f"Cannot read the {what} {path}: {exc}", err=True)
        raise SystemExit(2) from None


def _read_schema(path: Path) -> dict:
    schema = _read_json(path, "schema")
    if not isinstance(schema, dict):
        click.echo(f"{path} is not a JSON Schema object", err=True)
        raise SystemExit(2)
    try:
        validator_for(schema).check_schema(schema)
    except SchemaError as exc:
        click.echo(f"{path} is not a valid JSON Schema: {exc.message}", err=True)
        raise SystemExit(2) from None
    return schema
