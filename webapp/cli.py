"""The `backpack` command: a Flask CLI group over `create_app` (DESIGN.md §8).

Exit codes: 0 all good, 1 some rows or checks failed (reported), 2 nothing done (bad input).
Each domain keeps its commands next to its code and registers them here.
"""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from . import create_app, db


@click.group(cls=FlaskGroup, create_app=lambda: create_app(), add_default_commands=True)
def main() -> None:
    """Family Backpack: school records for families, with consent controls."""


@main.group("db")
def db_group() -> None:
    """Database schema."""


@db_group.command("upgrade")
@with_appcontext
def db_upgrade() -> None:
    """Create or upgrade the database schema to the newest version."""
    from .migrate import upgrade

    upgrade(db.engine())
    click.echo(f"Database is up to date ({_safe_url(current_app.config['DATABASE_URL'])}).")


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _register_domain_commands() -> None:
    """Commands that live with their domain (importers, demo, accounts, exports, …)."""
    from .auth import cli as auth_cli

    auth_cli.register(main)
    from .credentials.commands import keys_group, verify_command

    main.add_command(keys_group)
    main.add_command(verify_command)
    from .store.commands import student_command

    main.add_command(student_command)
    from .importers.commands import import_command

    main.add_command(import_command)
    from .demo.commands import demo_command

    main.add_command(demo_command)
    from .sharing.commands import audit_group, maintenance_command

    main.add_command(audit_group)
    main.add_command(maintenance_command)
    from .exports.commands import export_command

    main.add_command(export_command)


_register_domain_commands()
