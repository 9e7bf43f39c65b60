"""`backpack invite`, `backpack reinvite` and `backpack admin create` (DESIGN.md §8).

Exit codes: 0 done, 2 nothing done (bad input, such as an unknown SSID).
"""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from .. import db
from ..models import Account, School, Student
from .invitations import InvitationError, create_invitation, invitation_link, letter_pdf

CLI_CREATOR = "backpack command line"


@click.command("invite")
@click.option("--ssid", required=True, help="The student's SSID.")
@click.option("--role", required=True, type=click.Choice(["guardian", "student"]))
@click.option("--name", help="The invited person's name.")
@click.option("--email", help="The invited person's email address.")
@click.option("--relationship", help="For a guardian: mother, father, grandparent, ...")
@click.option("--language", type=click.Choice(["en", "es"]), default="en", show_default=True)
@click.option("--days", type=click.IntRange(1, 365), help="Days until the code stops working.")
@click.option("--letter", "letter_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the printable letter (PDF) here.")
@with_appcontext
def invite(ssid, role, name, email, relationship, language, days, letter_path):
    """Invite a guardian or a student; prints the sign-in link and the code."""
    s = db.session()
    student = s.scalar(select(Student).where(Student.ssid == ssid))
    if student is None:
        raise click.BadParameter(f"no student with SSID {ssid}", param_hint="--ssid")
    invitation, code = create_invitation(
        s, role=role, student=student, name=name, email=email, relationship=relationship,
        language=language, days=days, created_by=CLI_CREATOR)
    _finish(s, invitation, code, letter_path)


@click.command("reinvite")
@click.option("--email", help="The account's email address.")
@click.option("--account", "public_id", help="The account's id (as shown to staff).")
@click.option("--language", type=click.Choice(["en", "es"]), default="en", show_default=True)
@with_appcontext
def reinvite(email, public_id, language):
    """Someone lost every passkey: make an invitation that adds a new passkey to their account."""
    if bool(email) == bool(public_id):
        raise click.UsageError("give exactly one of --email or --account")
    s = db.session()
    where = Account.email == email if email else Account.public_id == public_id
    accounts = s.scalars(select(Account).where(where)).all()
    if len(accounts) != 1:
        raise click.BadParameter("no single account matches" if accounts else "no account matches")
    account = accounts[0]
    role = sorted(account.roles)[0] if account.roles else "guardian"
    invitation, code = create_invitation(s, role=role, student=account.student, account=account, language=language,
                                         created_by=CLI_CREATOR, purpose="reinvite")
    _finish(s, invitation, code, None)


@click.group("admin")
def admin() -> None:
    """Staff accounts."""


@admin.command("create")
@click.option("--name", required=True)
@click.option("--email", required=True)
@click.option("--role", type=click.Choice(["district_admin", "school_admin"]), default="district_admin", show_default=True)
@click.option("--school", "school_cds", help="School CDS code (needed for a school admin).")
@with_appcontext
def admin_create(name, email, role, school_cds):
    """Invite a staff member; prints the sign-in link and the code."""
    s = db.session()
    school = None
    if school_cds:
        school = s.scalar(select(School).where(School.cds_code == school_cds))
        if school is None:
            raise click.BadParameter(f"no school with CDS code {school_cds}", param_hint="--school")
    elif role == "school_admin":
        raise click.BadParameter("a school admin needs --school", param_hint="--school")
    district = school.district if school is not None and role == "district_admin" else None
    try:
        invitation, code = create_invitation(s, role=role, name=name, email=email, created_by=CLI_CREATOR,
                                             school=None if district else school, district=district)
    except InvitationError as exc:
        raise click.BadParameter(str(exc)) from exc
    _finish(s, invitation, code, None)


def register(group: click.Group) -> None:
    for command in (invite, reinvite, admin):
        group.add_command(command)


def _finish(s, invitation, code: str, letter_path: Path | None) -> None:
    s.commit()
    click.echo(invitation_link(code))
    click.echo(f"code: {code}")
    click.echo(f"expires: {invitation.expires_at:%Y-%m-%d}")
    if letter_path is not None:
        letter_path.write_bytes(letter_pdf([(invitation, code)], invitation.language))
        click.echo(f"letter: {letter_path}")
