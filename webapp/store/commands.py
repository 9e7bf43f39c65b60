"""`backpack student SSID [--json] [--lang en|es]`: one student's whole backpack, by sharing category."""
from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from webapp import db

from .backpack import find_student, is_ssid, load_backpack, to_json
from .text import render_text

BAD_INPUT = 2  # DESIGN.md §8: nothing done


@click.command("student")
@click.argument("ssid")
@click.option("--json", "as_json", is_flag=True, help="Print the backpack as JSON (labels included).")
@click.option("--lang", type=click.Choice(["en", "es"]), default="en", show_default=True,
              help="Language of the labels.")
@with_appcontext
def student_command(ssid: str, as_json: bool, lang: str) -> None:
    """Show the whole backpack of the student with this SSID, grouped by sharing category."""
    ssid = ssid.strip()
    if not is_ssid(ssid):
        _stop(f"{ssid!r} is not an SSID: a Statewide Student Identifier is exactly 10 digits.")
    session = db.session()
    student = find_student(session, ssid=ssid)
    if student is None:
        _stop(f"No student with SSID {ssid} in this database. Import the CALPADS files first (backpack import calpads).")
    data = to_json(load_backpack(session, student.id), lang)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(data, lang), nl=False)


def _stop(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    raise SystemExit(BAD_INPUT)
