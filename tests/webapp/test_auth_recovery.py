"""Recovery codes and managing passkeys: ten single-use codes shown once, stored hashed;
using one forces a new passkey; the last passkey cannot go unless codes exist."""
import re
from datetime import timedelta

from sqlalchemy import select, update

from tests.webapp.auth_support import Person, invite, school, site  # noqa: F401
from webapp.auth.codes import CODE_BITS
from webapp.models import Passkey, RecoveryCode, SecurityEvent, UserSession, utcnow

CODE = re.compile(r"\b[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}\b")


def _guardian_with_codes(site, school):
    person = Person(site)
    person.redeem(invite(site, "guardian", school[1][0]))
    page = person.client.post("/account/recovery-codes")
    assert page.status_code == 200
    return person, CODE.findall(page.get_data(as_text=True))


def _make_stale(db_session):
    db_session.execute(update(UserSession).values(verified_at=utcnow() - timedelta(minutes=6)))
    db_session.commit()


def test_ten_codes_are_shown_once_and_stored_only_as_hashes(site, school, db_session):
    person, codes = _guardian_with_codes(site, school)
    assert len(codes) == 10 == len(set(codes)) and CODE_BITS >= 64
    rows = db_session.scalars(select(RecoveryCode)).all()
    assert len(rows) == 10
    stored = {row.code_hash for row in rows}
    assert not any(code in stored or code.replace("-", "") in stored for code in codes)
    page = person.client.get("/account/recovery-codes").get_data(as_text=True)
    assert not CODE.findall(page)  # never shown again
    assert "10 unused codes" in page


def test_a_recovery_code_works_once_and_then_a_new_passkey_is_required(site, school, db_session):
    _person, codes = _guardian_with_codes(site, school)
    new_phone = Person(site)
    response = new_phone.client.post("/sign-in/recovery", data={"code": codes[3].lower().replace("-", " ")})
    assert response.status_code == 303 and response.headers["Location"] == "/account/passkeys/new"
    assert new_phone.client.get("/account").headers["Location"] == "/account/passkeys/new"
    assert new_phone.client.get("/").headers["Location"] == "/account/passkeys/new"
    assert new_phone.register("account").get_json() == {"redirect": "/account"}
    assert new_phone.client.get("/account").status_code == 200
    assert len(db_session.scalars(select(Passkey)).all()) == 2
    again = Person(site).client.post("/sign-in/recovery", data={"code": codes[3]})
    assert again.status_code == 400 and "works only once" in again.get_data(as_text=True)
    kinds = [e.kind for e in db_session.scalars(select(SecurityEvent).order_by(SecurityEvent.id))]
    assert "recovery_code_used" in kinds and "recovery_code_reused" in kinds


def test_a_wrong_recovery_code_signs_nobody_in(site, school):
    _guardian_with_codes(site, school)
    stranger = Person(site)
    response = stranger.client.post("/sign-in/recovery", data={"code": "2222-3333-4444-5555"})
    assert response.status_code == 400 and not stranger.is_signed_in()


def test_new_codes_replace_the_old_ones(site, school):
    person, old = _guardian_with_codes(site, school)
    new = CODE.findall(person.client.post("/account/recovery-codes").get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    assert Person(site).client.post("/sign-in/recovery", data={"code": old[0]}).status_code == 400


def test_making_codes_needs_a_fresh_passkey_check(site, school, db_session):
    person = Person(site)
    person.redeem(invite(site, "guardian", school[1][0]))
    _make_stale(db_session)
    page = person.client.get("/account/recovery-codes").get_data(as_text=True)
    assert 'data-step-up="account"' in page
    response = person.client.post("/account/recovery-codes")
    assert response.status_code == 303
    assert db_session.scalars(select(RecoveryCode)).all() == []
    assert person.step_up("account", "").status_code == 200
    assert len(CODE.findall(person.client.post("/account/recovery-codes").get_data(as_text=True))) == 10


def test_adding_a_passkey_needs_a_fresh_check(site, school, db_session):
    person = Person(site)
    person.redeem(invite(site, "guardian", school[1][0]))
    _make_stale(db_session)
    response = person.post_json("/passkeys/register/options", {"for": "account"})
    assert response.status_code == 400 and "check it is you" in response.get_json()["error"]
    assert 'data-step-up-first="account"' in person.client.get("/account/passkeys/new").get_data(as_text=True)


def test_the_only_passkey_cannot_be_removed_without_recovery_codes(site, school, db_session):
    person = Person(site)
    person.redeem(invite(site, "guardian", school[1][0]))
    passkey = db_session.scalars(select(Passkey)).one()
    person.client.post(f"/account/passkeys/{passkey.public_id}/remove")
    assert len(db_session.scalars(select(Passkey)).all()) == 1
    assert "only passkey" in person.client.get("/account").get_data(as_text=True)
    person.client.post("/account/recovery-codes")
    person.client.post(f"/account/passkeys/{passkey.public_id}/remove")
    assert db_session.scalars(select(Passkey)).all() == []


def test_removing_a_passkey_needs_a_fresh_check(site, school, db_session):
    person, _codes = _guardian_with_codes(site, school)
    person.register("account")
    _make_stale(db_session)
    first = db_session.scalars(select(Passkey).order_by(Passkey.id)).first()
    person.client.post(f"/account/passkeys/{first.public_id}/remove")
    assert len(db_session.scalars(select(Passkey)).all()) == 2
    person.step_up("account", "", credential_id=first.credential_id)
    person.client.post(f"/account/passkeys/{first.public_id}/remove")
    assert len(db_session.scalars(select(Passkey)).all()) == 1


def test_passkeys_can_be_renamed_but_only_your_own(site, school, db_session):
    ana = Person(site)
    ana.redeem(invite(site, "guardian", school[1][0]), name="Ana Lopez")
    ben = Person(site)
    ben.redeem(invite(site, "guardian", school[1][1]), name="Ben Lopez")
    ana_key, ben_key = db_session.scalars(select(Passkey).order_by(Passkey.id)).all()
    assert ana.client.post(f"/account/passkeys/{ana_key.public_id}/rename", data={"name": "  Work   phone "}).status_code == 303
    assert ana.client.post(f"/account/passkeys/{ben_key.public_id}/rename", data={"name": "mine"}).status_code == 404
    assert ana.client.post(f"/account/passkeys/{ben_key.public_id}/remove").status_code == 404
    db_session.expire_all()
    assert [p.name for p in db_session.scalars(select(Passkey).order_by(Passkey.id))][0] == "Work phone"
    assert "Work phone" in ana.client.get("/account").get_data(as_text=True)
