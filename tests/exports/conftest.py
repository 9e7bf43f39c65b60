"""A K–12 student with a sharing history and a "who looked" log, on SQLite and PostgreSQL.

Everything goes through the real parts: rows from tests/factories.py, grants written the way
the sharing ledger writes them, disclosure entries appended by webapp.policy, the district's
signing key from the key store.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.factories import make_district, make_school, make_student_with_history
from tests.webapp.family_support import _account
from tests.webapp.sharing_support import add_grant
from webapp import db, policy
from webapp.credentials.key_store import create_first_key
from webapp.exports.record import ExportRecord, gather_record
from webapp.models import Enrollment, GuardianLink, Student, utcnow

DISTRICT = "Sunrise Valley Unified"


@dataclass
class K12:
    student: Student
    guardian_name: str = "Rosa Hernández"
    recipient_name: str = "Ms. Lee"
    revoked_name: str = "Bright Futures Tutoring"


@pytest.fixture
def k12(app, db_session) -> K12:
    """Maya, 17: kindergarten to grade 12 in every table, reclassified, a Seal of Biliteracy; two grants
    (one revoked) and a recipient's views in the disclosure log."""
    district = make_district(db_session, name=DISTRICT)
    high = make_school(db_session, district, name="Lincoln High")
    maya = make_student_with_history(db_session, high, years=13, last_grade="12", first_name="Maya",
                                     last_name="Hernández", birth_date=date(date.today().year - 17, 1, 1))
    last_stay = db_session.scalars(select(Enrollment).where(Enrollment.student_id == maya.id)
                                   .order_by(Enrollment.start_date.desc())).first()
    last_stay.seal_of_biliteracy = True
    rosa = _account(db_session, "Rosa Hernández", "guardian")
    db_session.add(GuardianLink(account_id=rosa.id, student_id=maya.id, relationship="mother"))
    lee = _account(db_session, "Ms. Lee", "recipient")
    tutor = _account(db_session, "Bright Futures Tutoring", "recipient")
    add_grant(db_session, maya, rosa, recipient=lee, categories=("grades", "state_tests"), name="Ms. Lee")
    add_grant(db_session, maya, rosa, recipient=tutor, categories=("attendance",), name="Bright Futures Tutoring",
              kind="afterschool_program", events=[("revoked", utcnow() - timedelta(minutes=5))])
    db_session.commit()
    session = db.session()
    viewer = session.get(type(lee), lee.id)
    access = policy.access(session, viewer, maya.public_id, policy.now())
    policy.record_disclosure(session, viewer, access, ["grades", "state_tests"])
    session.commit()
    return K12(maya)


@pytest.fixture
def signing_key(app):
    session = db.session()
    key = create_first_key(session, app.config["SECRET_KEY"])
    session.commit()
    return key


def record_of(student: Student, lang: str = "en", **kwargs) -> ExportRecord:
    return gather_record(db.session(), student.id, lang=lang, **kwargs)
