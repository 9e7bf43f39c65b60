"""`demo_links`: working sign-in links for a guardian of two children, a student, a school and a district admin."""
from sqlalchemy import select

from tests.webapp.auth_support import Person, school, site  # noqa: F401
from webapp import db
from webapp.auth import demo_links
from webapp.models import Account, Invitation


def _links(site):
    with site.app_context():
        s = db.session()
        links = demo_links(s, children=["1000000001", "1000000002"], student="1000000003")
        s.commit()
        return [str(link) for link in links]


def test_one_line_per_role_on_the_configured_origin(site, school):
    lines = _links(site)
    assert [line.split(": ")[0] for line in lines] == ["guardian", "student", "school admin", "district admin"]
    assert all(line.split(": ")[1].startswith("http://localhost:5000/i/") for line in lines)


def test_every_demo_link_signs_someone_in_with_the_right_rights(site, school, db_session):
    lines = dict(line.split(": ") for line in _links(site))
    names = {"guardian": "", "student": "Sammy Chen", "school admin": "Demo School Admin",
             "district admin": "Demo District Admin"}
    for role, link in lines.items():
        person = Person(site)
        person.redeem(link.rsplit("/", 1)[1], name=names[role])
        assert person.is_signed_in(), role
    accounts = {a.display_name: a for a in db_session.scalars(select(Account))}
    guardian = accounts["Ana Lopez"]
    maya, leo, sam = school[1]
    assert sorted(guardian.guardian_student_ids) == sorted([maya.id, leo.id]) and len(guardian.passkeys) == 1
    student = next(a for a in accounts.values() if a.student_id == sam.id)
    assert student.roles == {"student"}
    assert not db_session.scalars(select(Invitation).where(Invitation.role == "recipient")).all()
    admin = accounts["Demo School Admin"]
    assert admin.roles == {"school_admin"} and admin.role_rows[0].school_id == school[0].id
    district_admin = accounts["Demo District Admin"]
    assert district_admin.roles == {"district_admin"}
    assert district_admin.role_rows[0].district_id == school[0].district_id and district_admin.role_rows[0].school_id is None


def test_unknown_ssid_is_bad_input(site, school):
    import pytest

    from webapp.auth.invitations import InvitationError

    with site.app_context(), pytest.raises(InvitationError):
        demo_links(db.session(), children=["0000000000"], student="1000000003")


def test_a_second_demo_run_adds_a_passkey_to_the_same_guardian(site, school, db_session):
    first = dict(line.split(": ") for line in _links(site))
    Person(site).redeem(first["guardian"].rsplit("/", 1)[1], name="")
    second = dict(line.split(": ") for line in _links(site))
    Person(site).redeem(second["guardian"].rsplit("/", 1)[1], name="")
    guardians = db_session.scalars(select(Account).where(Account.display_name == "Ana Lopez")).all()
    assert len(guardians) == 1 and len(guardians[0].passkeys) == 2
