"""Helpers for the auth tests: a small school, and a person walking the pages with a test client
and a software authenticator (tests/webapp/softauthn.py)."""
from __future__ import annotations

import json
from datetime import date

import pytest

from tests.conftest import app_config
from webapp import create_app, db
from webapp.auth.invitations import create_invitation
from webapp.models import Account, District, School, Student

from .softauthn import SoftAuthenticator


@pytest.fixture
def site(database_url, clean_db, tmp_path):
    """The app with no application context held open, so every request has its own database
    session and its own `g`, as in production (CSRF off; `csrf_site` has it on)."""
    return create_app(app_config(database_url, clean_db, tmp_path))


@pytest.fixture
def csrf_site(database_url, clean_db, tmp_path):
    return create_app(app_config(database_url, clean_db, tmp_path, WTF_CSRF_ENABLED=True))


@pytest.fixture
def school(db_session):
    return make_school(db_session)


def make_school(session) -> tuple[School, list[Student]]:
    """One district, one school, three students (two siblings and one older student)."""
    district = District(cds_code="1964733", name="Los Robles Unified")
    school = School(cds_code="6000001", name="Jefferson Elementary", district=district)
    students = [
        Student(ssid="1000000001", first_name="Maya", last_name="Lopez", birth_date=date(2015, 3, 2), school=school,
                guardian_names=["Ana Lopez"]),
        Student(ssid="1000000002", first_name="Leo", last_name="Lopez", birth_date=date(2017, 9, 14), school=school),
        Student(ssid="1000000003", first_name="Sam", preferred_first_name="Sammy", last_name="Chen",
                birth_date=date(2009, 1, 5), school=school),
    ]
    session.add_all([district, school, *students])
    session.commit()
    return school, students


def invite(app, role: str = "guardian", student: Student | None = None, **kwargs) -> str:
    """Create an invitation through the public function, as the school console will, and return its code."""
    with app.app_context():
        s = db.session()
        if student is not None:
            student = s.get(Student, student.id)
        if kwargs.get("account") is not None:
            kwargs["account"] = s.get(Account, kwargs["account"].id)
        _invitation, code = create_invitation(s, role=role, student=student, created_by="test", **kwargs)
        s.commit()
    return code


class Person:
    """Someone using the site: a browser (Flask test client) and the passkeys on their device."""

    def __init__(self, app, client=None):
        self.app = app
        self.client = client or app.test_client()
        self.device = SoftAuthenticator(origin=app.config["ORIGIN"])

    def post_json(self, url: str, body: dict | None = None, **kwargs):
        return self.client.post(url, data=json.dumps(body or {}), content_type="application/json", **kwargs)

    # invitation -> passkey
    def open_invitation(self, code: str):
        return self.client.get(f"/i/{code}")

    def confirm(self, name: str = "Ana Lopez"):
        return self.client.post("/welcome", data={"answer": "yes", "name": name})

    def registration_options(self, purpose: str = "invitation") -> dict:
        response = self.post_json("/passkeys/register/options", {"for": purpose})
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    def register(self, purpose: str = "invitation", **create_kwargs):
        options = self.registration_options(purpose)
        return self.post_json("/passkeys/register/verify", self.device.create(options, **create_kwargs))

    def redeem(self, code: str, name: str = "Ana Lopez"):
        assert self.open_invitation(code).status_code == 303
        assert self.confirm(name).status_code == 303
        response = self.register()
        assert response.status_code == 200, response.get_data(as_text=True)
        return response

    # sign-in and step-up
    def sign_in_options(self) -> dict:
        response = self.post_json("/passkeys/sign-in/options")
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()

    def sign_in(self, **get_kwargs):
        options = self.sign_in_options()
        return self.post_json("/passkeys/sign-in/verify", self.device.get(options, **get_kwargs))

    def step_up(self, purpose: str, payload_hash: str, **get_kwargs):
        response = self.post_json("/passkeys/step-up/options", {"purpose": purpose, "payload_hash": payload_hash})
        assert response.status_code == 200, response.get_data(as_text=True)
        return self.post_json("/passkeys/step-up/verify", self.device.get(response.get_json(), **get_kwargs))

    def sign_out(self):
        return self.client.post("/sign-out")

    def is_signed_in(self) -> bool:
        return self.client.get("/account").status_code == 200


def only_account(session) -> Account:
    accounts = session.query(Account).all()
    assert len(accounts) == 1
    return accounts[0]
