"""Invitations: codes, links, every way a code can fail, redemption cases, the CLI and the letter."""
import hashlib
import io
import re
from datetime import timedelta

from pypdf import PdfReader
from sqlalchemy import select, update

from tests.webapp.auth_support import Person, invite, school, site  # noqa: F401
from webapp import db
from webapp.auth.codes import ALPHABET, CODE_BITS, normalize
from webapp.auth.invitations import create_invitation, invitation_link, letter_pdf
from webapp.cli import main as backpack
from webapp.models import Account, Invitation, Passkey, Student, utcnow

NEW_LETTER = "school office for a new letter"


def test_codes_are_long_grouped_unambiguous_and_stored_hashed(site, school, db_session):
    code = invite(site, "guardian", school[1][0])
    assert re.fullmatch(r"(\w{4}-){3}\w{4}", code) and CODE_BITS >= 64
    assert set(normalize(code)) <= set(ALPHABET) and not set("01OILU") & set(ALPHABET)
    row = db_session.scalars(select(Invitation)).one()
    assert row.code_hash == hashlib.sha256(normalize(code).encode()).hexdigest()
    assert code not in (row.code_hash, row.public_id)


def test_invitations_last_thirty_days_by_default(site, school, db_session):
    invite(site, "guardian", school[1][0])
    row = db_session.scalars(select(Invitation)).one()
    assert abs((row.expires_at - row.created_at) - timedelta(days=30)) < timedelta(seconds=5)


def test_link_uses_the_configured_origin(site):
    with site.app_context():
        assert invitation_link("K7QM-4XPA-9RT2-HC3W") == "http://localhost:5000/i/K7QM-4XPA-9RT2-HC3W"


def test_unknown_code_says_what_to_do(site):
    client = site.test_client()
    for path in ("/i/2222-3333-4444-5555", "/i/not-a-code"):
        response = client.get(path)
        assert response.status_code == 404
        assert NEW_LETTER in response.get_data(as_text=True)


def test_expired_used_and_cancelled_codes_say_what_to_do(site, school, db_session):
    for change, words in (({"expires_at": utcnow() - timedelta(minutes=1)}, "run out"),
                          ({"used_at": utcnow()}, "already used"),
                          ({"revoked_at": utcnow()}, "cancelled")):
        code = invite(site, "guardian", school[1][0])
        db_session.execute(update(Invitation).where(Invitation.used_at.is_(None), Invitation.revoked_at.is_(None),
                                                    Invitation.expires_at > utcnow()).values(**change))
        db_session.commit()
        response = site.test_client().get(f"/i/{code}")
        page = response.get_data(as_text=True)
        assert response.status_code == 410 and words in page and "school office" in page


def test_a_typed_code_may_use_small_letters_and_spaces(site, school):
    code = invite(site, "guardian", school[1][0])
    client = site.test_client()
    assert client.get("/i").status_code == 200
    response = client.post("/i", data={"code": " " + code.lower().replace("-", " ") + " "})
    assert response.status_code == 303 and response.headers["Location"] == "/welcome"
    assert "Maya Lopez" in client.get("/welcome").get_data(as_text=True)


def test_saying_no_creates_nothing(site, school, db_session):
    person = Person(site)
    person.open_invitation(invite(site, "guardian", school[1][0]))
    response = person.client.post("/welcome", data={"answer": "no"})
    assert response.status_code == 200 and "school office" in response.get_data(as_text=True)
    assert person.post_json("/passkeys/register/options", {"for": "invitation"}).status_code == 400
    assert db_session.scalars(select(Account)).all() == []
    assert db_session.scalars(select(Invitation)).one().used_at is None


def test_a_new_account_needs_a_name(site, school):
    person = Person(site)
    person.open_invitation(invite(site, "guardian", school[1][0]))
    response = person.confirm("   ")
    assert response.status_code == 400 and "type your name" in response.get_data(as_text=True)


def test_a_used_invitation_cannot_be_redeemed_again(site, school, db_session):
    code = invite(site, "guardian", school[1][0])
    first, second = Person(site), Person(site)
    for person in (first, second):  # both open the link before either finishes
        person.open_invitation(code)
        person.confirm()
    second_options = second.registration_options()
    assert first.register().status_code == 200
    response = second.post_json("/passkeys/register/verify", second.device.create(second_options))
    assert response.status_code == 400 and NEW_LETTER in response.get_json()["error"]
    assert len(db_session.scalars(select(Account)).all()) == 1
    assert Person(site).open_invitation(code).status_code == 410


def test_a_second_child_joins_the_signed_in_account(site, school, db_session):
    maya, leo = school[1][0], school[1][1]
    person = Person(site)
    person.redeem(invite(site, "guardian", maya, relationship="mother"))
    person.open_invitation(invite(site, "guardian", leo, relationship="mother"))
    page = person.client.get("/welcome").get_data(as_text=True)
    assert "Leo Lopez" in page and "signed in as Ana Lopez" in page
    response = person.client.post("/welcome", data={"answer": "yes"})
    assert response.status_code == 303 and response.headers["Location"] == "/account"
    account = db_session.scalars(select(Account)).one()
    assert sorted(account.guardian_student_ids) == sorted([maya.id, leo.id])
    assert len(account.passkeys) == 1
    assert "Leo" in person.client.get("/account").get_data(as_text=True)


def test_a_student_gets_their_own_account_and_a_second_invite_is_a_reinvite(site, school, db_session):
    sam = school[1][2]
    person = Person(site)
    person.open_invitation(invite(site, "student", sam))
    assert "Are you Sammy Chen?" in person.client.get("/welcome").get_data(as_text=True)
    person.client.post("/welcome", data={"answer": "yes", "name": "Sammy Chen"})
    assert person.register().status_code == 200
    account = db_session.scalars(select(Account)).one()
    assert account.student_id == sam.id and account.roles == {"student"}
    code = invite(site, "student", sam)
    assert db_session.scalars(select(Invitation).order_by(Invitation.id)).all()[-1].purpose == "reinvite"
    new_phone = Person(site)
    new_phone.redeem(code)
    assert len(db_session.scalars(select(Account)).all()) == 1
    assert len(db_session.scalars(select(Passkey)).all()) == 2


def test_a_reinvite_adds_a_passkey_to_the_same_account(site, school, db_session):
    person = Person(site)
    person.redeem(invite(site, "guardian", school[1][0]))
    account = db_session.scalars(select(Account)).one()
    code = invite(site, "guardian", school[1][0], account=account, purpose="reinvite")
    lost_everything = Person(site)
    lost_everything.open_invitation(code)
    assert "adds a new passkey to the account of Ana Lopez" in lost_everything.client.get("/welcome").get_data(as_text=True)
    lost_everything.client.post("/welcome", data={"answer": "yes"})
    assert lost_everything.register().status_code == 200
    assert lost_everything.client.get("/account").status_code == 200
    assert len(db_session.scalars(select(Account)).all()) == 1
    assert len(db_session.scalars(select(Passkey)).all()) == 2


def test_cli_invite_prints_a_working_link_and_code(site, school, db_session):
    result = site.test_cli_runner().invoke(backpack, [
        "invite", "--ssid", "1000000001", "--role", "guardian", "--name", "Ana Lopez",
        "--relationship", "mother", "--language", "es"])
    assert result.exit_code == 0, result.output
    link = result.output.splitlines()[0]
    code = re.search(r"code: (\S+)", result.output).group(1)
    assert link == f"http://localhost:5000/i/{code}"
    row = db_session.scalars(select(Invitation)).one()
    assert (row.role, row.relationship, row.language, row.name) == ("guardian", "mother", "es", "Ana Lopez")
    assert Person(site).open_invitation(code).status_code == 303


def test_cli_rejects_bad_input_with_exit_code_2(site, school, db_session):
    runner = site.test_cli_runner()
    for args in (["invite", "--ssid", "9999999999", "--role", "guardian"],
                 ["invite", "--ssid", "1000000001", "--role", "tutor"],
                 ["invite", "--ssid", "1000000001", "--role", "guardian", "--language", "fr"],
                 ["admin", "create", "--name", "Pat", "--email", "p@example.org", "--role", "school_admin"],
                 ["admin", "create", "--name", "Pat", "--email", "p@example.org", "--school", "0000000"],
                 ["reinvite", "--email", "nobody@example.org"]):
        result = runner.invoke(backpack, args)
        assert result.exit_code == 2, (args, result.output)
    assert db_session.scalars(select(Invitation)).all() == []


def test_cli_admin_create_invites_a_school_admin(site, school, db_session):
    result = site.test_cli_runner().invoke(backpack, [
        "admin", "create", "--name", "Pat Admin", "--email", "pat@example.org", "--role", "school_admin",
        "--school", "6000001"])
    assert result.exit_code == 0, result.output
    code = re.search(r"code: (\S+)", result.output).group(1)
    person = Person(site)
    person.open_invitation(code)
    person.confirm("Pat Admin")
    assert person.register().status_code == 200
    account = db_session.scalars(select(Account)).one()
    assert account.roles == {"school_admin"} and account.has_role("staff")
    assert account.role_rows[0].school_id == school[0].id and account.email == "pat@example.org"


def test_cli_invite_can_write_the_letter(site, school, tmp_path):
    path = tmp_path / "letter.pdf"
    result = site.test_cli_runner().invoke(backpack, [
        "invite", "--ssid", "1000000002", "--role", "guardian", "--letter", str(path)])
    assert result.exit_code == 0, result.output
    assert PdfReader(path).pages[0].extract_text()


def test_letters_are_one_page_each_with_code_name_and_instructions(site, school):
    with site.app_context():
        s = db.session()
        made = [create_invitation(s, role="guardian", student=s.get(Student, st.id), name="Ana Lopez",
                                  created_by="test") for st in school[1][:2]]
        s.commit()
        english = PdfReader(io.BytesIO(letter_pdf(made, "en")))
        spanish = PdfReader(io.BytesIO(letter_pdf(made, "es")))
    assert len(english.pages) == 2 == len(spanish.pages)
    first, second = (page.extract_text() for page in english.pages)
    assert made[0][1] in first and "Maya Lopez" in first and "Jefferson Elementary" in first
    assert made[1][1] in second and "Leo Lopez" in second
    assert "passkey" in first and "school office" in first
    assert "código" in spanish.pages[0].extract_text().lower()
