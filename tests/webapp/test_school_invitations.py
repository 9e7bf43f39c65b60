"""Invitations from the console: bulk CSV with a preview that lists every problem and creates nothing
until confirmed, letters as one PDF in each family's language, one-at-a-time invitations (teachers by
SEID), re-invites that add a passkey to the same account, cancelling, and the audit log. Both databases."""
from __future__ import annotations

import html as html_lib
import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from webapp import db
from webapp.models import Account, AdminAuditEntry, Invitation, Passkey, Student, TeacherIdentity

from .auth_support import Person
from .school_support import World, account_of, guardian, make_world, school_admin, site  # noqa: F401

CODE = re.compile(r'<code class="code">([2-9A-Z-]{19})</code>')
PAIR = re.compile(r'name="pair" value="([^"]+)"')


@pytest.fixture
def w(db_session) -> World:
    return make_world(db_session)


@pytest.fixture
def admin(site, w):
    return school_admin(site, w)


def invitations(site) -> list[Invitation]:
    with site.app_context():
        return db.session().scalars(select(Invitation).where(Invitation.role == "guardian",
                                                             Invitation.created_by != "test")).all()


def preview(person, text: str, name: str = "contacts.csv"):
    return person.client.post("/school/invitations/bulk/preview", content_type="multipart/form-data",
                              data={"contacts": (io.BytesIO(text.encode("utf-8")), name)})


def confirm(person, html: str):
    text = re.search(r'<textarea name="contacts_text"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    expected = re.search(r'name="expected" value="(\d+)"', html).group(1)
    return person.client.post("/school/invitations/bulk/confirm",
                              data={"contacts_text": html_lib.unescape(text), "expected": expected})


def contacts(w: World) -> str:
    return "\n".join([
        "SSID,Guardian name,Relationship,Email,Preferred language",
        f"{w.student.ssid},Ana Lopez,Mother,ana@example.org,Spanish",  # line 2: fine (Spanish letter)
        f"{w.classmate.ssid},Jin Park,Father,,English",  # line 3: fine
        "12345,Bad Ssid,Aunt,,en",  # line 4: SSID not 10 digits
        f"{w.stranger.ssid},Other School,Mother,,en",  # line 5: student of another school
        f"{w.student.ssid},,Father,not-an-email,Klingon",  # line 6: no name, bad email, bad language
        f"{w.student.ssid},ana lopez,Mother,,es",  # line 7: same student and guardian as line 2
    ]) + "\n"


def test_bulk_preview_shows_every_error_and_creates_nothing_until_confirmed(site, w, admin):
    response = preview(admin, contacts(w))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for problem in ("SSID: “12345” is not a 10-digit SSID.",
                    f"SSID: no student with SSID {w.stranger.ssid} at your school.",
                    "Guardian name: missing.", "Email: “not-an-email” is not an email address.",
                    "Preferred language: “Klingon” is not English or Spanish.",
                    "Same student and guardian as line 2."):
        assert problem in html, problem
    assert "6 problems found." in html and "2 invitations will be made." in html
    assert invitations(site) == []  # the preview made nothing

    made = confirm(admin, html)
    page = made.get_data(as_text=True)
    assert made.status_code == 200 and "2 invitations made" in page and "4 rows had problems and were left out." in page
    rows = sorted((i.name, i.language, i.relationship, i.email) for i in invitations(site))
    assert rows == [("Ana Lopez", "es", "Mother", "ana@example.org"), ("Jin Park", "en", "Father", None)]
    assert len(CODE.findall(page)) == 2
    with site.app_context():
        entry = db.session().scalar(select(AdminAuditEntry).where(AdminAuditEntry.action == "invitations_bulk_created"))
    assert entry.detail == {"count": 2} and entry.school_id == w.school.id and entry.actor_name == "Sol School"

    again = preview(admin, contacts(w)).get_data(as_text=True)  # the same file again: lines 2, 3 and 7 are invited
    assert again.count("already has an open invitation") == 3 and "Make " not in again


def test_confirm_checks_again_and_creates_nothing_when_the_file_changed_meaning(site, w, admin):
    html = preview(admin, contacts(w)).get_data(as_text=True)
    other = school_admin(site, w)  # a colleague invites Ana in between
    preview_html = preview(other, f"SSID,Guardian name\n{w.student.ssid},Ana Lopez\n").get_data(as_text=True)
    assert confirm(other, preview_html).status_code == 200
    response = confirm(admin, html)
    assert response.status_code == 409 and "Something changed since the check" in response.get_data(as_text=True)
    assert [i.name for i in invitations(site)] == ["Ana Lopez"]


def test_file_problems_are_reported_plainly(site, w, admin):
    assert "Missing: name" in preview(admin, "SSID,Email\n1,a@b.co\n").get_data(as_text=True)
    assert "The file is empty." in preview(admin, "").get_data(as_text=True)
    assert "no families" in preview(admin, "SSID,Guardian name\n").get_data(as_text=True)
    semicolons = preview(admin, f"ssid;guardian_name;preferred language\n{w.student.ssid};Ana Lopez;Español\n")
    assert "1 invitation will be made." in semicolons.get_data(as_text=True)
    assert preview(admin, "x", name="").status_code == 422


def test_letters_print_in_each_familys_language_and_only_with_the_right_codes(site, w, admin):
    page = confirm(admin, preview(admin, contacts(w)).get_data(as_text=True)).get_data(as_text=True)
    pairs = PAIR.findall(page)
    response = admin.client.post("/school/invitations/letters", data={"pair": pairs})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages]
    assert len(pages) == 2
    assert "Jin Park" in pages[0] and "Your Family Backpack" in pages[0]  # English first
    assert "Ana Lopez" in pages[1] and "Su invitación" in pages[1]
    for pair in pairs:
        assert pair.split(" ")[1].replace("-", "") in pages[0].replace("-", "") + pages[1].replace("-", "")
    forged = [f"{pairs[0].split(' ')[0]} AAAA-BBBB-CCCC-DDDD"]
    refused = admin.client.post("/school/invitations/letters", data={"pair": forged})
    assert refused.status_code == 303  # a wrong code prints nothing
    with site.app_context():
        printed = db.session().scalars(select(AdminAuditEntry).where(AdminAuditEntry.action == "letters_printed")).all()
    assert [e.detail for e in printed] == [{"count": 2}]


def test_one_invitation_for_a_teacher_links_their_seid_and_their_students(site, w, admin):
    response = admin.client.post("/school/invitations/new", data={
        "role": "teacher", "name": "Dana Okafor", "email": "dana@example.org", "language": "en",
        "school": str(w.school.id), "seid": w.teacher.seid})
    assert response.status_code == 200, response.get_data(as_text=True)
    code = CODE.search(response.get_data(as_text=True)).group(1)
    with site.app_context():
        assert db.session().scalar(select(TeacherIdentity.seid)) == w.teacher.seid
    dana = Person(site)
    dana.redeem(code, name="Dana Okafor")
    assert "Lopez, Maya" in dana.client.get("/school/notes").get_data(as_text=True)


def test_one_invitation_reports_each_wrong_field(site, w, admin):
    response = admin.client.post("/school/invitations/new", data={
        "role": "teacher", "name": "", "email": "nope", "language": "fr", "school": str(w.other_school.id),
        "seid": "123"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    for words in ("Type the person&#39;s name.", "This is not an email address.", "Choose English or Spanish.",
                  "Choose the teacher&#39;s school."):
        assert words in html, words
    response = admin.client.post("/school/invitations/new", data={
        "role": "teacher", "name": "X", "school": str(w.school.id), "seid": "1999999999"})
    assert "No teacher with SEID 1999999999" in response.get_data(as_text=True)
    response = admin.client.post("/school/invitations/new", data={"role": "guardian", "ssid": w.stranger.ssid,
                                                                  "name": "Someone"})
    assert f"No student with SSID {w.stranger.ssid} at your school." in response.get_data(as_text=True)
    with site.app_context():
        assert db.session().scalar(select(func.count()).select_from(Invitation)) == 1  # only the admin's own


def test_a_family_that_lost_every_passkey_gets_one_added_to_the_same_account(site, w, admin):
    ana = guardian(site, w.student)
    account = account_of(site, "Ana Lopez")
    page = admin.client.get(f"/school/students/{_public_id(site, w.student)}").get_data(as_text=True)
    assert "Ana Lopez" in page and "1 passkey" in page
    made = admin.client.post(f"/school/students/{_public_id(site, w.student)}/reinvite",
                             data={"account": account.public_id})
    code = CODE.search(made.get_data(as_text=True)).group(1)
    new_phone = Person(site)
    new_phone.redeem(code, name="Ana Lopez")
    with site.app_context():
        s = db.session()
        assert s.scalar(select(func.count()).select_from(Account).where(Account.display_name == "Ana Lopez")) == 1
        assert s.scalar(select(func.count()).select_from(Passkey).where(Passkey.account_id == account.id)) == 2
        assert s.scalar(select(Invitation.purpose).where(Invitation.account_id == account.id,
                                                         Invitation.created_by.like("Sol School%"))) == "reinvite"
    assert ana.is_signed_in() and new_phone.is_signed_in()
    bogus = admin.client.post(f"/school/students/{_public_id(site, w.student)}/reinvite", data={"account": "nobody"})
    assert bogus.status_code == 404


def test_cancelling_an_unused_invitation_stops_its_code(site, w, admin):
    made = admin.client.post("/school/invitations/new", data={"role": "guardian", "ssid": w.student.ssid,
                                                              "name": "Rosa Lopez", "language": "es"})
    code = CODE.search(made.get_data(as_text=True)).group(1)
    invitation = next(i for i in invitations(site) if i.name == "Rosa Lopez")
    listed = admin.client.get("/school/invitations").get_data(as_text=True)
    assert "Rosa Lopez" in listed and "Cancel this invitation" in listed
    response = admin.client.post(f"/school/invitations/{invitation.public_id}/revoke",
                                 data={"next": "/school/invitations?state=all"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/school/invitations?state=all")
    assert Person(site).open_invitation(code).status_code == 410
    again = admin.client.post(f"/school/invitations/{invitation.public_id}/revoke", follow_redirects=True)
    assert "already used, cancelled or out of date" in again.get_data(as_text=True)
    audit = admin.client.get("/school/audit").get_data(as_text=True)
    assert "Cancelled an invitation" in audit and "Invited someone" in audit and "Sol School" in audit


def _public_id(site, student) -> str:
    with site.app_context():
        return db.session().get(Student, student.id).public_id
