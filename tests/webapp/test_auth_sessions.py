"""Server-side sessions: cookie flags, idle and absolute expiry, revocation, sign out everywhere."""
import hashlib
from datetime import timedelta

from sqlalchemy import select, update

from tests.conftest import app_config
from tests.webapp.auth_support import Person, invite, school, site  # noqa: F401
from webapp import create_app
from webapp.models import UserSession, utcnow


def _signed_in(site, school):
    person = Person(site)
    person.redeem(invite(site, "guardian", school[1][0]))
    return person


def _session_token(app, client) -> str:
    cookie = client.get_cookie("session").value
    return app.session_interface.get_signing_serializer(app).loads(cookie)["_user_id"]


def test_cookie_is_httponly_and_samesite_lax_and_not_secure_on_localhost(site, school):
    person = Person(site)
    person.open_invitation(invite(site, "guardian", school[1][0]))
    person.confirm()
    response = person.register()
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_cookie_is_secure_outside_localhost(database_url, clean_db, tmp_path):
    app = create_app(app_config(database_url, clean_db, tmp_path, ORIGIN="https://backpack.example.org"))
    assert app.config["SESSION_COOKIE_SECURE"] is True
    with app.test_client() as client:
        response = client.post("/language", data={"locale": "es", "next": "/"})
        assert "Secure" in response.headers["Set-Cookie"]


def test_only_the_token_hash_is_stored(site, school, db_session):
    person = _signed_in(site, school)
    token = _session_token(site, person.client)
    row = db_session.scalars(select(UserSession)).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert len(token) >= 43 and token not in (row.token_hash, row.public_id)


def test_idle_session_ends_after_an_hour(site, school, db_session):
    person = _signed_in(site, school)
    db_session.execute(update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=61)))
    db_session.commit()
    response = person.client.get("/account")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    assert db_session.scalars(select(UserSession)).one().revoked_reason == "idle"
    page = person.client.get("/sign-in").get_data(as_text=True)
    assert "not used for a while" in page


def test_session_in_use_stays_alive_and_is_touched_at_most_once_a_minute(site, school, db_session):
    person = _signed_in(site, school)
    db_session.execute(update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=59)))
    db_session.commit()
    assert person.client.get("/account").status_code == 200
    first_seen = db_session.scalars(select(UserSession)).one().last_seen_at
    assert person.client.get("/account").status_code == 200
    db_session.expire_all()
    assert db_session.scalars(select(UserSession)).one().last_seen_at == first_seen


def test_session_ends_after_twelve_hours_even_when_in_use(site, school, db_session):
    person = _signed_in(site, school)
    db_session.execute(update(UserSession).values(created_at=utcnow() - timedelta(hours=12, minutes=1)))
    db_session.commit()
    assert person.client.get("/account").status_code == 302
    assert db_session.scalars(select(UserSession)).one().revoked_reason == "expired"


def test_limits_come_from_configuration(database_url, clean_db, tmp_path, db_session):
    from tests.webapp.auth_support import make_school

    students = make_school(db_session)[1]
    app = create_app(app_config(database_url, clean_db, tmp_path, SESSION_IDLE_SECONDS=60))
    person = _signed_in(app, (None, students))
    db_session.execute(update(UserSession).values(last_seen_at=utcnow() - timedelta(seconds=90)))
    db_session.commit()
    assert not person.is_signed_in()


def test_revoked_session_is_signed_out(site, school, db_session):
    person = _signed_in(site, school)
    db_session.execute(update(UserSession).values(revoked_at=utcnow(), revoked_reason="admin"))
    db_session.commit()
    assert not person.is_signed_in()


def test_signing_out_ends_the_session_on_the_server_not_just_the_cookie(site, school, db_session):
    person = _signed_in(site, school)
    old_cookie = person.client.get_cookie("session").value
    response = person.sign_out()
    assert response.status_code == 303 and response.headers["Location"] == "/sign-in"
    person.client.set_cookie("session", old_cookie, domain="localhost")
    assert not person.is_signed_in()
    assert db_session.scalars(select(UserSession)).one().revoked_reason == "signed_out"


def test_sign_out_everywhere_ends_every_session(site, school, db_session):
    phone = _signed_in(site, school)
    laptop = Person(site)
    laptop.device = phone.device  # a synced passkey, used from a second browser
    assert laptop.sign_in().status_code == 200
    page = phone.client.get("/account").get_data(as_text=True)
    assert page.count("this device") == 1 and "Sign out everywhere" in page
    response = phone.client.post("/account/sign-out-everywhere")
    assert response.status_code == 303
    assert not laptop.is_signed_in() and not phone.is_signed_in()
    rows = db_session.scalars(select(UserSession)).all()
    assert {r.revoked_reason for r in rows} == {"everywhere"}


def test_pages_that_need_an_account_send_visitors_to_sign_in(site):
    client = site.test_client()
    response = client.get("/account")
    assert response.status_code == 302 and response.headers["Location"] == "/sign-in?next=%2Faccount"
