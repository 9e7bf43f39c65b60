"""`demo_links`: working sign-in links for a guardian of two children, a student, a tutor, a school admin."""
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
    assert [line.split(": ")[0] for line in lines] == ["guardian", "student", "tutor", "school admin"]
    assert all(line.split(": ")[1].startswith("http://localhost:5000/i/") for line in lines)


def test_every_demo_link_signs_someone_in_with_the_right_rights(site, school, db_session):
    lines = dict(line.split(": ") for line in _links(site))
    names = {"guardian": "", "student": "Sammy Chen", "tutor": "Demo Tutor", "school admin": "Demo School Admin"}
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
    tutor = accounts["Demo Tutor"]
    assert tutor.roles == {"recipient"} and tutor.guardian_student_ids == []
    tutor_invitation = db_session.scalars(select(Invitation).where(Invitation.role == "recipient")).one()
    assert tutor_invitation.student_id == maya.id and tutor_invitation.grant_ref is None
    admin = accounts["Demo School Admin"]
    assert admin.roles == {"school_admin"} and admin.role_rows[0].school_id == school[0].id


def test_unknown_ssid_is_bad_input(site, school):
    import pytest

    from webapp.auth.invitations import InvitationError

    with site.app_context(), pytest.raises(InvitationError):
        demo_links(db.session(), children=["0000000000"], student="1000000003")
