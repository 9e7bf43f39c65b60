"""Helpers for the school console tests: a district with two schools, a teacher's section, and staff or
family members who sign in for real (invitation, passkey from the software authenticator)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from tests.conftest import app_config
from tests.factories import add_course, make_district, make_school, make_staff, make_student
from webapp import create_app, db
from webapp.auth.invitations import create_invitation
from webapp.models import Account, District, School, Staff, Student, TeacherIdentity

from .auth_support import Person


@pytest.fixture
def site(database_url, clean_db, tmp_path):
    """The app without an application context held open (each request has its own session), CSRF off."""
    return create_app(app_config(database_url, clean_db, tmp_path, AUTH_RATE_LIMIT="1000/minute",
                                 AUTH_OPTIONS_RATE_LIMIT="1000/minute"))


@dataclass
class World:
    district: District
    school: School
    other_school: School
    student: Student  # in `school`, in the teacher's section
    classmate: Student  # in `school`, not in the teacher's section
    stranger: Student  # in `other_school`
    teacher: Staff


@pytest.fixture
def world(db_session) -> World:
    return make_world(db_session)


def make_world(session) -> World:
    district = make_district(session, name="Los Robles Unified")
    school = make_school(session, district, name="Jefferson Elementary")
    other = make_school(session, district, name="Lincoln Middle")
    teacher = make_staff(session, first_name="Dana", last_name="Okafor")
    # SSIDs outside the factories' and the demo generator's range, so demo files never touch these students
    student = make_student(session, school, ssid="9000000001", first_name="Maya", last_name="Lopez",
                           birth_date=date(2012, 3, 2))
    classmate = make_student(session, school, ssid="9000000002", first_name="Leo", last_name="Park",
                             birth_date=date(2012, 9, 14))
    stranger = make_student(session, other, ssid="9000000003", first_name="Sam", last_name="Chen",
                            birth_date=date(2011, 1, 5))
    add_course(session, student, school, 2024, name="Reading 6", teacher=teacher)
    add_course(session, stranger, other, 2024, name="Reading 6", teacher=teacher)  # same SEID, other school
    session.commit()
    return World(district, school, other, student, classmate, stranger, teacher)


def invitation_code(app, *, role: str, student: Student | None = None, account: Account | None = None,
                    school: School | None = None, district: District | None = None, seid: str | None = None,
                    name: str = "Pat Staff", **kwargs) -> str:
    with app.app_context():
        s = db.session()
        invitation, code = create_invitation(
            s, role=role, student=s.get(Student, student.id) if student else None,
            account=s.get(Account, account.id) if account else None,
            school=s.get(School, school.id) if school else None, district=s.get(District, district.id) if district else None,
            name=name, created_by="test", **kwargs)
        if seid:
            s.add(TeacherIdentity(invitation_id=invitation.id, seid=seid))
        s.commit()
    return code


def person(app, *, name: str = "Pat Staff", **invitation) -> Person:
    """Someone signed in with a passkey made from a fresh invitation."""
    somebody = Person(app)
    somebody.redeem(invitation_code(app, name=name, **invitation), name=name)
    return somebody


def district_admin(app, w: World) -> Person:
    return person(app, role="district_admin", district=w.district, name="Dee District")


def school_admin(app, w: World, school: School | None = None) -> Person:
    return person(app, role="school_admin", school=school or w.school, name="Sol School")


def teacher(app, w: World) -> Person:
    return person(app, role="teacher", school=w.school, seid=w.teacher.seid, name="Dana Okafor")


def guardian(app, student: Student, name: str = "Ana Lopez", **kwargs) -> Person:
    return person(app, role="guardian", student=student, name=name, **kwargs)


def account_of(app, name: str) -> Account:
    with app.app_context():
        return db.session().query(Account).filter_by(display_name=name).one()
