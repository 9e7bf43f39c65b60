"""Role × route access matrix for the school console: district admin (their district), school admin (their
school), teacher (notes for their sections' students only), guardian and nobody signed in. A teacher
never sees another school's student, even one whose section names the same SEID. SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from webapp import db
from webapp.auth.invitations import create_invitation
from webapp.models import CorrectionRequest, ImportBatch, Invitation, Student

from .school_support import World, district_admin, guardian, make_world, person, school_admin, site, teacher  # noqa: F401

ADMIN_PAGES = ["/school/imports", "/school/invitations", "/school/invitations/new", "/school/invitations/bulk",
               "/school/students", "/school/students?q=Lopez", "/school/corrections", "/school/corrections?show=all",
               "/school/audit"]
STAFF_PAGES = ["/school/", "/school/notes"]


@pytest.fixture
def w(db_session) -> World:
    return make_world(db_session)


@pytest.fixture
def people(site, w):
    return {"district_admin": district_admin(site, w), "school_admin": school_admin(site, w),
            "teacher": teacher(site, w), "guardian": guardian(site, w.student)}


@pytest.fixture
def records(site, w):
    """A correction request and an open invitation at each school, and a CLI import run."""
    with site.app_context():
        s = db.session()
        made = {}
        for key, student in (("here", w.student), ("there", w.stranger)):
            student = s.get(Student, student.id)
            request = CorrectionRequest(student_id=student.id, school_id=student.school_id, requested_by_name="Ana",
                                        category="attendance", field_key="attendance.2024-2025.days_absent",
                                        field_label="Attendance — days absent", what_is_wrong="She was there.",
                                        due_on=date(2031, 1, 1))
            s.add(request)
            invitation, _code = create_invitation(s, role="guardian", student=student, name=f"Guardian {key}",
                                                  created_by="test")
            s.flush()
            made[key] = {"request": request.public_id, "invitation": invitation.public_id, "student": student.public_id}
        s.add(ImportBatch(run_id="clirun", kind="calpads", file_name="senr.txt", sha256="0" * 64,
                          imported_by="backpack import", status="rejected", rows_read=1, rows_rejected=1,
                          rejections=[{"line": 1, "field": "1.08 SSID", "reason": "bad"}]))
        s.commit()
    return made


def status(person, url: str) -> int:
    return person.client.get(url).status_code


@pytest.mark.parametrize("role, expected", [
    ("district_admin", 200), ("school_admin", 200), ("teacher", 404), ("guardian", 404)])
def test_admin_pages(people, role, expected):
    assert {url: status(people[role], url) for url in ADMIN_PAGES} == {url: expected for url in ADMIN_PAGES}


@pytest.mark.parametrize("role, expected", [
    ("district_admin", 200), ("school_admin", 200), ("teacher", 200), ("guardian", 404)])
def test_staff_pages(people, role, expected):
    assert {url: status(people[role], url) for url in STAFF_PAGES} == {url: expected for url in STAFF_PAGES}


def test_nobody_signed_in_is_sent_to_sign_in(site):
    client = site.test_client()
    for url in ADMIN_PAGES + STAFF_PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"], url


@pytest.mark.parametrize("role, here, there", [
    ("district_admin", 200, 200), ("school_admin", 200, 404), ("teacher", 404, 404), ("guardian", 404, 404)])
def test_records_of_each_school(people, records, role, here, there):
    person = people[role]
    for key, expected in (("here", here), ("there", there)):
        ids = records[key]
        assert status(person, f"/school/corrections/{ids['request']}") == expected, (role, key, "correction")
        assert status(person, f"/school/students/{ids['student']}") == expected, (role, key, "student")
        assert person.client.post(f"/school/corrections/{ids['request']}/review").status_code in (
            (303,) if expected == 200 else (404,)), (role, key, "review")
        assert person.client.post(f"/school/invitations/{ids['invitation']}/revoke").status_code == (
            303 if expected == 200 else 404), (role, key, "revoke")


def test_the_school_admin_sees_only_their_school_in_lists(people, records):
    sol = people["school_admin"]
    queue = sol.client.get("/school/corrections").get_data(as_text=True)
    assert "Lopez, Maya" in queue and "Chen" not in queue
    invitations = sol.client.get("/school/invitations").get_data(as_text=True)
    assert "Guardian here" in invitations and "Guardian there" not in invitations
    found = sol.client.get("/school/students?q=Chen").get_data(as_text=True)
    assert "No student at your school matches" in found
    assert status(sol, "/school/imports/runs/clirun") == 404  # a district's CLI run is not a school admin's
    assert status(people["district_admin"], "/school/imports/runs/clirun") == 200
    assert status(people["district_admin"], "/school/imports/runs/clirun/rejections.csv") == 200
    assert status(sol, "/school/imports/runs/clirun/rejections.csv") == 404


def test_a_teacher_writes_notes_only_for_their_own_sections_students(site, people, w):
    dana = people["teacher"]
    with site.app_context():
        ids = {key: db.session().get(Student, getattr(w, key).id).public_id for key in ("student", "classmate", "stranger")}
    listed = dana.client.get("/school/notes").get_data(as_text=True)
    assert "Lopez, Maya" in listed and "Park" not in listed and "Chen" not in listed
    assert status(dana, f"/school/notes/students/{ids['student']}") == 200
    assert status(dana, f"/school/notes/students/{ids['classmate']}") == 404  # same school, not their section
    assert status(dana, f"/school/notes/students/{ids['stranger']}") == 404  # another school, same SEID in its files
    assert dana.client.post(f"/school/notes/students/{ids['stranger']}",
                            data={"term": "2024-2025/fall", "text": "Hi"}).status_code == 404


@pytest.mark.parametrize("role", ["teacher", "guardian"])
def test_console_actions_refuse_those_without_the_role(people, role, records):
    person = people[role]
    assert person.client.post("/school/imports", data={}).status_code == 404
    assert person.client.post("/school/invitations/new", data={"role": "guardian"}).status_code == 404
    assert person.client.post("/school/invitations/bulk/confirm", data={}).status_code == 404
    assert person.client.post("/school/invitations/letters", data={}).status_code == 404
    with person.app.app_context():
        assert db.session().scalar(select(Invitation).where(Invitation.revoked_at.is_not(None))) is None


def test_the_access_policy_gives_a_teacher_only_their_own_students_notes(site, people, w):
    """policy.access is what every page asks: a teacher reads no school-wide record, only teacher notes
    of students in their own sections; the school admin reads their whole school."""
    from webapp import policy
    from webapp.models import Account

    with site.app_context():
        s = db.session()
        dana = s.scalars(select(Account).where(Account.display_name == "Dana Okafor")).one()
        sol = s.scalars(select(Account).where(Account.display_name == "Sol School")).one()
        mine = policy.access(s, dana, w.student.public_id, policy.now())
        assert mine.visible == {"narratives"} and mine.basis == "staff-teacher"
        assert policy.access(s, dana, w.classmate.public_id, policy.now()) is None
        assert policy.access(s, dana, w.stranger.public_id, policy.now()) is None
        whole = policy.access(s, sol, w.classmate.public_id, policy.now())
        assert "grades" in whole.visible and whole.basis == "staff-school"
        assert policy.access(s, sol, w.stranger.public_id, policy.now()) is None


def test_a_district_admin_named_for_no_district_reads_every_school(site, w):
    """`backpack admin create` may bootstrap a district admin before any district is imported."""
    from webapp import policy
    from webapp.models import Account

    person(site, role="district_admin", name="Root Admin")
    with site.app_context():
        s = db.session()
        root = s.scalars(select(Account).where(Account.display_name == "Root Admin")).one()
        for student in (w.student, w.stranger):
            assert "grades" in policy.access(s, root, student.public_id, policy.now()).visible
