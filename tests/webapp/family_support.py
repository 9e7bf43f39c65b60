"""A small family for the family-page tests: two linked children, a student with an account,
a child behind a court restriction, and people who must not see them; sign-in by server-side session.

Dates: the records run up to the school year under way today, so the early-warning rules
(which read only this year and last year) see them as recent.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from tests.conftest import app_config
from tests.factories import (
    add_attendance,
    add_course,
    add_english_status,
    add_enrollment,
    add_program,
    add_test_result,
    make_district,
    make_school,
    make_student,
    make_student_with_history,
)
from webapp import create_app
from webapp.auth.codes import new_token, token_hash
from webapp.models import Account, AccountRole, GuardianLink, Student, UserSession

TODAY = date.today()
THIS_YEAR = TODAY.year if TODAY.month >= 7 else TODAY.year - 1  # start year of the school year under way


@pytest.fixture
def site(database_url, clean_db, tmp_path):
    """The app with no application context held open: each request gets its own database session."""
    return create_app(app_config(database_url, clean_db, tmp_path))


@dataclass
class Family:
    maya: Student  # grade 4, English learner, misses many days; linked to Rosa
    leo: Student  # grade 11, five years of history; linked to Rosa; has his own student account
    hidden: Student  # linked to Rosa under a court restriction
    stranger: Student  # nobody's child here
    rosa: Account  # guardian of Maya and Leo (and, restricted, of hidden)
    leo_account: Account  # Leo himself
    other_guardian: Account  # guardian of the stranger only
    staff: Account  # a teacher, no family role


@pytest.fixture
def family(db_session) -> Family:
    """The family, committed, so a live server or a client's own database session sees it."""
    made = make_family(db_session)
    db_session.commit()
    return made


def make_family(s, history_years: int = 5) -> Family:
    district = make_district(s, cds_code="1964733", name="Los Robles Unified")
    elementary = make_school(s, district, name="Jefferson Elementary")
    high = make_school(s, district, name="Lincoln High")
    maya = make_student(s, elementary, first_name="Maya", last_name="Lopez", grade_level="04",
                        birth_date=date(TODAY.year - 9, 3, 2))
    add_enrollment(s, maya, elementary, THIS_YEAR, grade_level="04", exit_date=None, exit_reason=None)
    add_attendance(s, maya, elementary, THIS_YEAR - 1, days_attended=Decimal("170"))
    add_attendance(s, maya, elementary, THIS_YEAR, expected_days=Decimal("180"), days_attended=Decimal("162"),
                   out_of_school_suspension_days=Decimal("0"), excused_absence_days=Decimal("10"),
                   unexcused_absence_days=Decimal("8"))
    add_english_status(s, maya, THIS_YEAR - 3, "EL", start_date=date(THIS_YEAR - 3, 9, 1))
    add_test_result(s, maya, THIS_YEAR - 1, "elpac_summative", grade_assessed="03", scale_score=1460, level="2",
                    parts={"oral": "3", "written": "2", "listening": "3", "speaking": "2", "reading": "2",
                           "writing": "1"})
    add_test_result(s, maya, THIS_YEAR - 1, "sbac_ela", grade_assessed="03", scale_score=2380, level="2")
    add_program(s, maya, elementary, THIS_YEAR, "181")
    add_course(s, maya, elementary, THIS_YEAR, name="Grade 4 Math", final_grade="D", credits=None, ag_code=None,
               term_code="S1")
    leo = make_student_with_history(s, high, years=history_years, last_grade="11", last_year=THIS_YEAR,
                                    first_name="Leo", last_name="Lopez", birth_date=date(TODAY.year - 16, 1, 5))
    hidden = make_student(s, elementary, first_name="Ana", last_name="Lopez", grade_level="02",
                          birth_date=date(TODAY.year - 7, 6, 1))
    stranger = make_student(s, elementary, first_name="Sam", last_name="Chen", grade_level="04",
                            birth_date=date(TODAY.year - 9, 6, 1))
    rosa = _account(s, "Rosa Lopez", "guardian")
    s.add_all([GuardianLink(account_id=rosa.id, student_id=maya.id, relationship="mother"),
               GuardianLink(account_id=rosa.id, student_id=leo.id, relationship="mother"),
               GuardianLink(account_id=rosa.id, student_id=hidden.id, court_restricted=True)])
    leo_account = _account(s, "Leo Lopez", "student", student_id=leo.id)
    other = _account(s, "Kim Chen", "guardian")
    s.add(GuardianLink(account_id=other.id, student_id=stranger.id))
    staff = _account(s, "Dana Okafor", "teacher")
    s.flush()
    return Family(maya, leo, hidden, stranger, rosa, leo_account, other, staff)


def _account(s, name: str, role: str, **fields) -> Account:
    account = Account(display_name=name, **fields)
    s.add(account)
    s.flush()
    s.add(AccountRole(account_id=account.id, role=role))
    s.flush()
    return account


def sign_in(site, db_session, account: Account, locale: str | None = None):
    """A test client holding a live server-side session for `account`, as a passkey sign-in leaves it."""
    token = new_token()
    db_session.add(UserSession(token_hash=token_hash(token), account_id=account.id, method="passkey"))
    if locale is not None:
        db_session.get(Account, account.id).locale = locale
    db_session.commit()
    client = site.test_client()
    with client.session_transaction() as cookie:
        cookie["_user_id"] = token
        cookie["_fresh"] = True
    return client


def add_live_grant(s, student: Student, grantor: Account, recipient: Account, categories=("grades",),
                   role: str = "guardian"):
    """A grant signed an hour ago, for 30 days, made out to `recipient` (as the consent manager stores it)."""
    from datetime import timedelta

    from webapp.models import Grant, GrantEvent, utcnow

    signed = utcnow() - timedelta(hours=1)
    grant = Grant(student_id=student.id, granted_by_account_id=grantor.id, granted_by_role=role,
                  granted_by_name=grantor.display_name, recipient_kind="tutor", recipient_name=recipient.display_name,
                  recipient_account_id=recipient.id, categories=list(categories), purpose="help with math",
                  starts_at=signed, ends_at=signed + timedelta(days=30), created_at=signed)
    s.add(grant)
    s.flush()
    s.add(GrantEvent(grant_id=grant.id, seq=1, kind="granted", at=signed, by_account_id=grantor.id))
    s.flush()
    return grant
