"""`backpack export --ssid SSID --format pdf|clr|csv|json -o PATH [--lang en|es]` (DESIGN.md §8).

For staff: the same files the family gets on the Download page, logged in ExportLog under the
name of the person running the command. Exit 0 written; 2 nothing done (unknown SSID, no
signing key for a CLR, nothing to put in a CLR).
"""
from __future__ import annotations

import getpass
from pathlib import Path

import click
from flask.cli import with_appcontext

from webapp import db
from webapp.credentials import KeyStoreError
from webapp.models.exports import EXPORT_FORMATS
from webapp.store.backpack import find_student, is_ssid

from .clr import NothingToIssue
from .produce import Actor, make_export, write_to

NOTHING_DONE = 2


@click.command("export")
@click.option("--ssid", required=True, help="The student's Statewide Student Identifier (10 digits).")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="pdf to read, clr the signed learner record, csv a zip of tables, json all data.")
@click.option("-o", "--output", "path", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the file.")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="Language of the labels and headings.")
@with_appcontext
def export_command(ssid: str, fmt: str, path: Path, lang: str) -> None:
    """Write one student's whole record to PATH; the download is logged for the family to see."""
    ssid = ssid.strip()
    if not is_ssid(ssid):
        _stop(f"{ssid!r} is not an SSID: a Statewide Student Identifier is exactly 10 digits.")
    session = db.session()
    student = find_student(session, ssid=ssid)
    if student is None:
        _stop(f"No student with SSID {ssid} in this database.")
    actor = Actor(name=f"{getpass.getuser()} (backpack export)", role="cli")
    try:
        export = make_export(session, student.id, fmt, actor=actor, lang=lang)
        size = write_to(path, export.chunks)
    except (KeyStoreError, NothingToIssue) as exc:
        session.rollback()
        _stop(str(exc))
    except OSError as exc:
        session.rollback()
        _stop(f"Cannot write {path}: {exc}")
    session.commit()
    click.echo(f"Wrote {path} ({size:,} bytes, {fmt}) for SSID {ssid}; logged as download {export.log.public_id}.")


def _stop(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    raise SystemExit(NOTHING_DONE)
