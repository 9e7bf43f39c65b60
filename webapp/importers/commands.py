"""`backpack import calpads|caaspp|elpac FILE... [--accept-partial] [--by NAME]`."""
from __future__ import annotations

import getpass
from pathlib import Path

import click
from flask.cli import with_appcontext

from .. import db
from .run import KINDS, run_import


@click.command("import")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--accept-partial", is_flag=True, help="Save the rows that are fine even if some rows are rejected.")
@click.option("--by", "imported_by", default=None, help="Who is importing (default: your user name).")
@with_appcontext
def import_command(kind: str, files: tuple[Path, ...], accept_partial: bool, imported_by: str | None) -> None:
    """Import CALPADS, CAASPP or ELPAC files; exit 0 = saved, 1 = rows rejected, 2 = nothing readable."""
    report = run_import(db.session(), list(files), kind, imported_by or getpass.getuser(),
                        accept_partial=accept_partial)
    click.echo(report.text())
    raise SystemExit(report.exit_code)
