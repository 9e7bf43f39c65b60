"""WebAuthn ceremonies through the real routes, with a software authenticator: the happy paths
and every failure the server must catch (DESIGN.md §7), on SQLite and PostgreSQL."""
from datetime import timedelta

from sqlalchemy import select, update
from webauthn.helpers import base64url_to_bytes

from tests.webapp.auth_support import Person, invite, school, site  # noqa: F401
from webapp.models import Account, Passkey, SecurityEvent, UserSession, WebAuthnChallenge, utcnow


def _events(db_session, kind):
    return db_session.scalars(select(SecurityEvent).where(SecurityEvent.kind == kind)).all()


def _home(site, db_session, name="Ana Lopez") -> str:
    """Where `home_for` sends this account after sign-in (the lead decides; never the sign-in page)."""
    from webapp.auth import home_for

    account = db_session.scalars(select(Account).where(Account.display_name == name)).one()
    with site.test_request_context():
        return home_for(account)


def _guardian(site, school, name="Ana Lopez"):
    person = Person(site)
    person.redeem(invite(site, "guardian", school[1][0], relationship="mother"), name=name)
    return person


def test_invitation_makes_an_account_with_a_verified_discoverable_passkey(site, school, db_session):
    person = Person(site)
    assert person.open_invitation(invite(site, "guardian", school[1][0], relationship="mother")).status_code == 303
    assert person.confirm("Ana Lopez").status_code == 303
    options = person.registration_options()
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert options["rp"] == {"id": "localhost", "name": "Family Backpack"}
    response = person.post_json("/passkeys/register/verify", person.device.create(options))
    assert response.status_code == 200
    assert response.get_json() == {"redirect": "/account/recovery-codes?first=1"}
    account = db_session.scalars(select(Account)).one()
    assert account.display_name == "Ana Lopez"
    assert account.user_handle == base64url_to_bytes(options["user"]["id"])
    [passkey] = account.passkeys
    assert passkey.credential_id in person.device.credentials and passkey.transports == ["internal"]
    assert account.guardian_student_ids == [school[1][0].id] and account.roles == {"guardian"}
    assert person.is_signed_in()


def test_sign_in_asks_for_no_username_and_requires_user_verification(site, school, db_session):
    person = _guardian(site, school)
    person.sign_out()
    options = person.sign_in_options()
    assert options["allowCredentials"] == [] and options["userVerification"] == "required"
    response = person.post_json("/passkeys/sign-in/verify", person.device.get(options))
    assert response.status_code == 200 and response.get_json() == {"redirect": _home(site, db_session)}
    assert person.is_signed_in()
    passkey = db_session.scalars(select(Passkey)).one()
    assert passkey.sign_count == 1 and passkey.last_used_at is not None


def test_sign_in_goes_back_to_the_page_asked_for_but_never_off_site(site, school, db_session):
    person = _guardian(site, school)
    person.sign_out()
    options = person.sign_in_options()
    response = person.post_json("/passkeys/sign-in/verify?next=/account", person.device.get(options))
    assert response.get_json() == {"redirect": "/account"}
    person.sign_out()
    options = person.sign_in_options()
    response = person.post_json("/passkeys/sign-in/verify?next=//evil.example/", person.device.get(options))
    assert response.get_json() == {"redirect": _home(site, db_session)}


def test_replayed_challenge_is_rejected(site, school):
    person = _guardian(site, school)
    person.sign_out()
    options = person.sign_in_options()
    cookie_with_challenge = person.client.get_cookie("session").value
    assertion = person.device.get(options)
    assert person.post_json("/passkeys/sign-in/verify", assertion).status_code == 200
    person.sign_out()
    person.client.set_cookie("session", cookie_with_challenge, domain="localhost")
    replay = person.post_json("/passkeys/sign-in/verify", person.device.get(options))
    assert replay.status_code == 400
    assert "already used" in replay.get_json()["error"]
    assert not person.is_signed_in()


def test_expired_challenge_is_rejected(site, school, db_session):
    person = _guardian(site, school)
    person.sign_out()
    options = person.sign_in_options()
    db_session.execute(update(WebAuthnChallenge).where(WebAuthnChallenge.purpose == "sign_in")
                       .values(expires_at=utcnow() - timedelta(seconds=1)))
    db_session.commit()
    response = person.post_json("/passkeys/sign-in/verify", person.device.get(options))
    assert response.status_code == 400 and "too long" in response.get_json()["error"]
    assert not person.is_signed_in()


def test_challenges_expire_after_five_minutes(site, school, db_session):
    person = _guardian(site, school)
    person.sign_out()
    person.sign_in_options()
    row = db_session.scalars(select(WebAuthnChallenge).where(WebAuthnChallenge.purpose == "sign_in")).one()
    lifetime = row.expires_at - row.created_at
    assert timedelta(minutes=4, seconds=59) <= lifetime <= timedelta(minutes=5)


def test_an_assertion_without_a_challenge_from_this_browser_is_rejected(site, school):
    person = _guardian(site, school)
    person.sign_out()
    options = person.sign_in_options()
    stranger = Person(site)  # a different browser that never asked for a challenge
    response = stranger.post_json("/passkeys/sign-in/verify", person.device.get(options))
    assert response.status_code == 400 and "too long" in response.get_json()["error"]


def test_missing_user_verification_is_rejected_at_registration(site, school, db_session):
    person = Person(site)
    person.open_invitation(invite(site, "guardian", school[1][0]))
    person.confirm()
    response = person.register(user_verified=False)
    assert response.status_code == 400
    assert db_session.scalars(select(Account)).all() == []


def test_missing_user_verification_is_rejected_at_sign_in(site, school, db_session):
    person = _guardian(site, school)
    person.sign_out()
    response = person.sign_in(user_verified=False)
    assert response.status_code == 400 and not person.is_signed_in()
    assert _events(db_session, "passkey_check_failed")


def test_wrong_origin_is_rejected(site, school, db_session):
    person = Person(site)
    person.open_invitation(invite(site, "guardian", school[1][0]))
    person.confirm()
    assert person.register(origin="https://evil.example").status_code == 400
    assert db_session.scalars(select(Passkey)).all() == []
    person = _guardian(site, school)
    person.sign_out()
    assert person.sign_in(origin="http://localhost:5001").status_code == 400
    assert not person.is_signed_in()


def test_wrong_rp_id_is_rejected(site, school, db_session):
    person = Person(site)
    person.open_invitation(invite(site, "guardian", school[1][0]))
    person.confirm()
    assert person.register(rp_id="evil.example").status_code == 400
    assert db_session.scalars(select(Passkey)).all() == []
    person = _guardian(site, school)
    person.sign_out()
    assert person.sign_in(rp_id="example.com").status_code == 400
    assert not person.is_signed_in()


def test_tampered_client_data_is_rejected_and_logged(site, school, db_session):
    person = _guardian(site, school)
    person.sign_out()
    response = person.sign_in(tamper_client_data=True)
    assert response.status_code == 400 and not person.is_signed_in()
    [event] = _events(db_session, "passkey_check_failed")
    assert "signature" in event.detail["reason"]


def test_unknown_credential_is_rejected(site, school):
    person = _guardian(site, school)
    person.sign_out()
    stranger = Person(site)
    stranger.device.create({"rp": {"id": "localhost"}, "user": {"id": "AAAA"}, "challenge": "AAAA"})
    response = stranger.sign_in()
    assert response.status_code == 400 and "do not know this passkey" in response.get_json()["error"]


def test_a_user_handle_of_another_account_is_rejected(site, school, db_session):
    ana = _guardian(site, school, "Ana Lopez")
    ben = Person(site)
    ben.redeem(invite(site, "guardian", school[1][1]), name="Ben Lopez")
    ana.sign_out()
    ben_handle = db_session.scalar(select(Account.user_handle).where(Account.display_name == "Ben Lopez"))
    response = ana.sign_in(user_handle=ben_handle)
    assert response.status_code == 400 and "different account" in response.get_json()["error"]
    assert _events(db_session, "user_handle_mismatch")


def test_a_passkey_of_another_account_cannot_confirm_a_step_up(site, school, db_session):
    ana = _guardian(site, school, "Ana Lopez")
    ben = Person(site)
    ben.redeem(invite(site, "guardian", school[1][1]), name="Ben Lopez")
    options = ana.post_json("/passkeys/step-up/options", {"purpose": "grant", "payload_hash": "a" * 64}).get_json()
    [ben_credential] = ben.device.credentials
    response = ana.post_json("/passkeys/step-up/verify", ben.device.get(options, credential_id=ben_credential))
    assert response.status_code == 400 and "different account" in response.get_json()["error"]
    assert _events(db_session, "foreign_passkey")


def test_synced_passkeys_with_sign_count_zero_keep_working(site, school, db_session):
    person = Person(site)
    person.device.counts_signatures = False
    person.redeem(invite(site, "guardian", school[1][0]))
    for _ in range(3):
        person.sign_out()
        assert person.sign_in().status_code == 200
    assert db_session.scalars(select(Passkey)).one().sign_count == 0


def test_a_decreasing_sign_count_is_rejected_and_logged(site, school, db_session):
    person = _guardian(site, school)
    for _ in range(3):
        person.sign_out()
        assert person.sign_in().status_code == 200
    person.sign_out()
    response = person.sign_in(sign_count=2)
    assert response.status_code == 400 and "copy" in response.get_json()["error"]
    assert not person.is_signed_in()
    [event] = _events(db_session, "sign_count_not_increasing")
    assert event.detail["stored"] == 3 and event.detail["received"] == 2
    assert db_session.scalars(select(Passkey)).one().sign_count == 3


def test_adding_a_passkey_excludes_the_ones_already_there(site, school, db_session):
    person = _guardian(site, school)
    options = person.registration_options("account")
    [existing] = person.device.credentials
    assert [base64url_to_bytes(c["id"]) for c in options["excludeCredentials"]] == [existing]
    response = person.post_json("/passkeys/register/verify", person.device.create(options))
    assert response.get_json() == {"redirect": "/account"}
    assert len(db_session.scalars(select(Passkey)).all()) == 2
    assert db_session.scalars(select(Account)).one().passkeys[1].name  # named after the device


def test_registration_options_need_a_confirmed_invitation(site, school):
    person = Person(site)
    response = person.post_json("/passkeys/register/options", {"for": "invitation"})
    assert response.status_code == 400
    person.open_invitation(invite(site, "guardian", school[1][0]))
    response = person.post_json("/passkeys/register/options", {"for": "invitation"})
    assert response.status_code == 400  # opened but the name was not confirmed yet


def test_signing_in_records_a_server_side_session(site, school, db_session):
    person = _guardian(site, school)
    person.sign_out()
    person.sign_in()
    rows = db_session.scalars(select(UserSession).order_by(UserSession.id)).all()
    assert [r.revoked_reason for r in rows] == ["signed_out", None]
    assert rows[1].method == "passkey"
