"""`backpack demo`: write the demo district as CALPADS and score files, then load them for real.

The files go through `run_import` exactly as a district's would, so the demo also proves the
importers. Running it again is safe: unchanged files are recognised and nothing is written twice.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale, gettext as _

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import db, policy
from ..auth import demo_links
from ..auth.invitations import create_invitation, invitation_link
from ..importers import ImportReport, run_import
from ..models import Account, Student
from ..sharing.demo import tutor_link
from .district import DISTRICT_NAME
from .generator import DEFAULT_SEED, DEFAULT_STUDENTS, generate
from .showcase import DANIEL, LEO, MAYA, showcase

IMPORTED_BY = "backpack demo"


@click.command("demo")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the files (default: instance/demo-files).")
@click.option("--students", default=DEFAULT_STUDENTS, show_default=True, type=click.IntRange(1, 200_000),
              help="How many students the district has this school year.")
@click.option("--seed", default=DEFAULT_SEED, show_default=True, type=int,
              help="The same seed always gives the same files.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Build the district as it stands on this date (default: today).")
@with_appcontext
def demo_command(directory: Path | None, students: int, seed: int, today) -> None:
    """Build the demo district from CALPADS-format files and load it through the importers."""
    # A terminal has no browser to ask for a language: speak the app's default one.
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        build_and_load(directory or Path(current_app.instance_path) / "demo-files", students, seed,
                       today.date() if today else date.today())


def build_and_load(directory: Path, students: int, seed: int, as_of: date) -> None:
    files = generate(directory, students_count=students, seed=seed, today=as_of)
    click.echo(_("Wrote %(count)s students of %(district)s as CALPADS, CAASPP and ELPAC files in %(dir)s.",
                 count=files.students, district=DISTRICT_NAME, dir=directory))
    for kind, paths in files.by_kind():
        report = run_import(db.session(), paths, kind, IMPORTED_BY)
        if report.exit_code:
            click.echo(report.text())
            raise SystemExit(report.exit_code)
        click.echo(summary(report))
    from ..portfolio.demo import seed_leo

    seed_leo(db.session(), LEO.ssid)  # Leo's learner profile: work, a personal best, a goal, service hours
    print_showcase()
    print_sign_in_links(db.session())


def summary(report: ImportReport) -> str:
    """One line per import run: how many files and rows, and what happened to them."""
    files = report.files
    return _("%(kind)s: %(files)s files, %(read)s rows read: %(loaded)s loaded, %(unchanged)s unchanged, "
             "%(rejected)s rejected.", kind=report.kind.upper(), files=len(files),
             read=sum(f.rows_read for f in files), loaded=sum(f.rows_loaded for f in files),
             unchanged=sum(f.rows_unchanged for f in files), rejected=report.rows_rejected)


def print_showcase() -> None:
    """The demo people to try, one line each, starting with the role they play."""
    click.echo(_("Try these demo students with `backpack student SSID`:"))
    for person in showcase():
        grade = _("grade %(grade)s", grade=person.grade.lstrip("0") or person.grade)
        if person.role == "guardian":
            who = _("%(guardian)s, for %(child)s (%(grade)s)", guardian=person.guardian, child=person.name, grade=grade)
        else:
            who = f"{person.name} ({grade})"
        click.echo(f"{_role(person.role)}: {who} — backpack student {person.ssid} — {person.story}")


def print_sign_in_links(session: Session) -> None:
    """Fresh one-time invitations for the showcase people, printed as links to open in a browser."""
    made = demo_links(session, children=[MAYA.ssid, LEO.ssid], student=LEO.ssid, guardian_name=MAYA.guardian)
    links = [(link.role, link.link) for link in made]
    guardian = session.get(Account, made[0].invitation.account_id)
    leo = session.scalar(select(Student).where(Student.ssid == LEO.ssid))
    links.append(("tutor", tutor_link(session, guardian, leo, policy.now())))
    daniel = session.scalar(select(Student).where(Student.ssid == DANIEL.ssid))
    if daniel is not None:
        code = create_invitation(session, role="student", student=daniel, created_by=IMPORTED_BY)[1]
        links.append(("adult student", invitation_link(code)))
    session.commit()
    labels = {"guardian": _("Guardian (Rosa Hernández, Maya and Leo)"), "student": _("Student (Leo Hernández)"),
              "adult student": _("Adult student (Daniel Ortiz, 18)"), "school admin": _("School admin"),
              "district admin": _("District admin (imports, invitations, all schools)"),
              "tutor": _("Tutor (Demo Tutor: Leo's attendance, grades and state tests, shared by Rosa for 30 days)")}
    click.echo(_("Sign-in links (each works once; open it and make a passkey):"))
    for role, link in links:
        click.echo(f"  {labels[role]}: {link}")


def _role(role: str) -> str:
    return {"guardian": _("guardian"), "student": _("student"), "adult student": _("adult student")}[role]
