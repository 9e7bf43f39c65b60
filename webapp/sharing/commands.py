"""`backpack audit verify` (recompute the disclosure chain) and `backpack maintenance` (what the calendar
makes due: lapsed grants, rights at 18, ending-soon notices, the email outbox).

Exit codes (DESIGN.md §8): 0 all good, 1 a check failed or an email could not be sent (reported).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import click
from flask.cli import with_appcontext
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

import consent
from consent.dates import add_years
from consent.rights import AGE_OF_RIGHTS

from .. import db, notifications, policy
from ..models import Account, DisclosureEntry, DisclosureHead, GuardianLink, Notification, Student
from ..notifications.notices import RIGHTS_KINDS
from ..notifications.outbox import send_pending
from ..portfolio.storage import storage
from ..portfolio.works import sweep
from .ledger import settle

ENDING_SOON = timedelta(days=7)
BATCH = 1000
UNUSED_UPLOAD_GRACE = timedelta(hours=1)  # an upload writes its file before its row commits


@click.group("audit")
def audit_group() -> None:
    """The disclosure log."""


@audit_group.command("verify")
@with_appcontext
def audit_verify() -> None:
    """Recompute the hash chain of the disclosure log; exit 1 naming the first bad entry."""
    check, problem = verify_log(db.session())
    if problem:
        click.echo(problem, err=True)
        sys.exit(1)
    click.echo(f"disclosure log: {check.message}")


def verify_log(session: Session) -> tuple[consent.ChainCheck, str | None]:
    """The chain check, and the first problem in words (None when the log is intact). Entries are read
    in batches, so memory stays flat; the head row catches entries cut from the end."""
    rows = session.scalars(select(DisclosureEntry).order_by(DisclosureEntry.seq).execution_options(yield_per=BATCH))
    newest: list[consent.DisclosureEntry] = []

    def entries():
        for row in rows:
            entry = policy.chain_entry(row)
            newest[:] = [entry]
            yield entry

    check = consent.verify_chain(entries())
    if not check.ok:
        return check, f"disclosure log: {check.message}"
    head = session.get(DisclosureHead, 1)
    head_at = (head.seq, head.hash) if head is not None else (0, consent.GENESIS)
    last_at = (newest[0].seq, newest[0].hash) if newest else (0, consent.GENESIS)
    if head_at != last_at:
        return check, (f"disclosure log: entry {last_at[0] + 1}: missing "
                       f"(the log should end at entry {head_at[0]}, but ends at entry {last_at[0]})")
    return check, None


@click.command("maintenance")
@with_appcontext
def maintenance_command() -> None:
    """End lapsed grants, pass rights at 18, send ending-soon notices and waiting emails, and remove
    portfolio files no record names any more."""
    now = policy.now()
    report = run_maintenance(db.session(), now)
    swept = sweep(db.session(), storage(), now - UNUSED_UPLOAD_GRACE)
    click.echo(
        f"grants ended: {report.ended}; students told they now decide: {report.told}; "
        f"ending-soon notices: {report.ending_soon}; emails sent: {report.sent}, failed: {report.failed}; "
        f"unused upload files removed: {swept}"
    )
    if report.failed:
        sys.exit(1)


@dataclass(frozen=True)
class Report:
    ended: int
    told: int
    ending_soon: int
    sent: int
    failed: int


def run_maintenance(session: Session, now: datetime) -> Report:
    records = policy.grant_records(session, now)
    by_student: dict[int, dict] = {}
    for grant_id, record in records.items():
        by_student.setdefault(record.row.student_id, {})[grant_id] = record
    ids = set(by_student) | _adults_not_told(session, now.date())
    ended = told = 0
    for student in session.scalars(select(Student).where(Student.id.in_(ids)).order_by(Student.id)):
        settled = settle(session, student, by_student.get(student.id, {}), now)
        ended, told = ended + settled.ended, told + int(settled.told)
    ending = _ending_soon(session, now)
    session.commit()
    sent, failed = send_pending(session)
    return Report(ended, told, ending, sent, failed)


def _adults_not_told(session: Session, today: date) -> set[int]:
    """Students with a family account who may hold their own rights (18, or emancipated) and were not told
    yet; `settle` checks each one with consent's own rule (the extra day covers 29 February)."""
    cutoff = add_years(today, -AGE_OF_RIGHTS) + timedelta(days=1)
    has_family = or_(
        Student.id.in_(select(GuardianLink.student_id).where(GuardianLink.court_restricted.is_(False))),
        Student.id.in_(select(Account.student_id).where(Account.student_id.is_not(None))),
    )
    told = select(Notification.student_id).where(
        Notification.kind.in_(RIGHTS_KINDS), Notification.student_id.is_not(None))
    return set(session.scalars(select(Student.id).where(
        or_(Student.birth_date <= cutoff, Student.emancipated.is_(True)), has_family, Student.id.not_in(told))))


def _ending_soon(session: Session, now: datetime) -> int:
    """Tell families about active grants whose window ends within seven days (once per end date)."""
    sent = 0
    for record in policy.grant_records(session, now).values():
        state = record.state
        active = state is not None and state.status_at(now) is consent.GrantStatus.ACTIVE
        if active and state.ends_at - now <= ENDING_SOON:
            sent += notifications.ending_soon(session, record.row, state.ends_at)
    return sent
