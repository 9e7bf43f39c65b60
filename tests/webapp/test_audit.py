"""`backpack audit verify`: the disclosure chain is recomputed from the stored rows; any change to any
entry (or removing entries, even from the end) exits 1 and names the first bad entry."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import delete, select, update

from tests.factories import make_district, make_school, make_student
from tests.webapp.sharing_support import add_grant
from webapp import db, policy
from webapp.cli import main
from webapp.models import Account, AccountRole, DisclosureEntry, DisclosureHead, GuardianLink

ENTRIES = 5


@pytest.fixture
def logged(app, db_session):
    """Five views by a tutor under a grant, appended through policy.record_disclosure."""
    s = db_session
    student = make_student(s, make_school(s, make_district(s)), birth_date=date.today() - timedelta(days=12 * 365))
    rosa = Account(display_name="Rosa")
    rosa.role_rows.append(AccountRole(role="guardian"))
    rosa.guardian_links.append(GuardianLink(student_id=student.id))
    lee = Account(display_name="Ms. Lee")
    lee.role_rows.append(AccountRole(role="recipient"))
    s.add_all([rosa, lee])
    s.flush()
    add_grant(s, student, rosa, recipient=lee, categories=["grades", "attendance"])
    s.commit()
    session = db.session()
    viewer = session.get(Account, lee.id)
    for n in range(ENTRIES):
        found = policy.access(session, viewer, student.public_id, policy.now())
        policy.record_disclosure(session, viewer, found, ["grades"] if n % 2 else ["grades", "attendance"])
        session.commit()
    return student


def verify(app):
    return app.test_cli_runner().invoke(main, ["audit", "verify"])


def _tamper(statement) -> None:
    s = db.session()
    s.execute(statement)
    s.commit()


def test_an_intact_log_verifies(app, logged):
    result = verify(app)
    assert result.exit_code == 0, result.output
    assert f"OK: {ENTRIES} entries, chain intact" in result.output


def test_an_empty_log_verifies(app, clean_db):
    result = verify(app)
    assert result.exit_code == 0 and "OK: 0 entries" in result.output


TAMPERING = {
    "viewer name": (update(DisclosureEntry).where(DisclosureEntry.seq == 3).values(viewer_name="Someone else"),
                    "entry 3: hash mismatch"),
    "categories": (update(DisclosureEntry).where(DisclosureEntry.seq == 2).values(categories=["attendance"]),
                   "entry 2: hash mismatch"),
    "student": (update(DisclosureEntry).where(DisclosureEntry.seq == 4).values(student_public_id="someone"),
                "entry 4: hash mismatch"),
    "grant": (update(DisclosureEntry).where(DisclosureEntry.seq == 1).values(grant_public_id=None),
              "entry 1: hash mismatch"),
    "action": (update(DisclosureEntry).where(DisclosureEntry.seq == 5).values(action="export"),
               "entry 5: hash mismatch"),
    "viewer account": (update(DisclosureEntry).where(DisclosureEntry.seq == 2).values(viewer_account_id="x"),
                       "entry 2: hash mismatch"),
    "removed in the middle": (delete(DisclosureEntry).where(DisclosureEntry.seq == 3), "entry 4: sequence gap"),
    "removed at the end": (delete(DisclosureEntry).where(DisclosureEntry.seq == 5), "entry 5: missing"),
    "rehashed entry": (update(DisclosureEntry).where(DisclosureEntry.seq == 2).values(hash="0" * 64),
                       "entry 2: hash mismatch"),
    "relinked entry": (update(DisclosureEntry).where(DisclosureEntry.seq == 4).values(prev_hash="f" * 64),
                       "entry 4: broken link"),
}


@pytest.mark.parametrize("change", sorted(TAMPERING))
def test_tampering_is_named(app, logged, change):
    statement, message = TAMPERING[change]
    _tamper(statement)
    result = verify(app)
    assert result.exit_code == 1
    assert message in result.output


def test_a_moved_time_is_caught(app, logged):
    s = db.session()
    row = s.scalars(select(DisclosureEntry).where(DisclosureEntry.seq == 2)).one()
    row.at = row.at + timedelta(seconds=1)
    s.commit()
    result = verify(app)
    assert result.exit_code == 1 and "entry 2: hash mismatch" in result.output


def test_a_whole_recomputed_tail_is_caught_by_the_head(app, logged):
    """Someone who drops the newest entries and fixes nothing else leaves a valid but shorter chain;
    the head row still remembers where the log ended."""
    _tamper(delete(DisclosureEntry).where(DisclosureEntry.seq >= 4))
    result = verify(app)
    assert result.exit_code == 1 and "entry 4: missing" in result.output and "should end at entry 5" in result.output


def test_appending_after_a_verify_continues_the_chain(app, logged):
    assert db.session().get(DisclosureHead, 1).seq == ENTRIES
    assert verify(app).exit_code == 0
