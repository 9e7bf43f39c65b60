"""The account model's rules, the navigation, and what every auth page must be (CSP-safe, translated)."""
import re

from flask import url_for
from sqlalchemy import select

from tests.webapp.auth_support import Person, invite, school, site  # noqa: F401
from webapp.models import Account, AccountRole, GuardianLink

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def test_roles_staff_and_court_restricted_children(db_session, school):
    maya, leo, _sam = school[1]
    account = Account(display_name="Ana Lopez")
    account.role_rows += [AccountRole(role="guardian"), AccountRole(role="teacher", school_id=school[0].id)]
    account.guardian_links += [GuardianLink(student_id=maya.id, relationship="mother"),
                               GuardianLink(student_id=leo.id, relationship="mother", court_restricted=True)]
    db_session.add(account)
    db_session.commit()
    account = db_session.scalars(select(Account)).one()
    assert account.roles == {"guardian", "teacher"}
    assert account.has_role("guardian") and account.has_role("staff") and not account.has_role("recipient")
    assert account.guardian_student_ids == [maya.id]  # the court-restricted child is hidden entirely
    assert account.get_id() is None  # no session token until signed in
    assert len(account.user_handle) == 32 and account.public_id


def test_court_restricted_child_is_not_shown_on_the_account_page(site, school, db_session):
    person = Person(site)
    person.redeem(invite(site, "guardian", school[1][0]))
    person.open_invitation(invite(site, "guardian", school[1][1]))
    person.client.post("/welcome", data={"answer": "yes"})
    assert "Leo Lopez" in person.client.get("/account").get_data(as_text=True)
    link = db_session.scalars(select(GuardianLink).where(GuardianLink.student_id == school[1][1].id)).one()
    link.court_restricted = True
    db_session.commit()
    page = person.client.get("/account").get_data(as_text=True)
    assert "Maya Lopez" in page and "Leo" not in page


def test_navigation_for_signed_in_people_shows_only_pages_that_exist(site, school):
    visitor = site.test_client().get("/").get_data(as_text=True)
    assert 'href="/sign-in"' in visitor and "Sign out" not in visitor
    person = Person(site)
    person.redeem(invite(site, "guardian", school[1][0]))
    page = person.client.get("/account").get_data(as_text=True)
    nav = page[page.index('<nav class="site"'):page.index("</nav>")]
    endpoints = {rule.endpoint for rule in site.url_map.iter_rules()}
    with site.test_request_context():
        home = url_for("family.home" if "family.home" in endpoints else "main.home")
    assert 'href="/account" aria-current="page"' in nav and "Sign out" in nav and f'href="{home}"' in nav
    assert ("Sharing" in nav) == ("sharing.index" in endpoints)
    assert ("Download" in nav) == ("exports.index" in endpoints)


def test_auth_pages_have_no_inline_script_handlers_or_styles(site, school):
    person = Person(site)
    anonymous_pages = ["/sign-in", "/sign-in/recovery", "/i", "/i/2222-3333-4444-5555"]
    pages = [person.client.get(path) for path in anonymous_pages]
    person.open_invitation(invite(site, "guardian", school[1][0]))
    pages.append(person.client.get("/welcome"))
    person.confirm()
    pages.append(person.client.get("/welcome/passkey"))
    person.register()
    for path in ("/account", "/account/passkeys/new", "/account/recovery-codes"):
        pages.append(person.client.get(path))
    pages.append(person.client.post("/account/recovery-codes"))
    assert [p.status_code for p in pages] == [200, 200, 200, 404] + [200] * 6
    for response in pages:
        html = response.get_data(as_text=True)
        assert not INLINE_SCRIPT.search(html) and not INLINE_HANDLER.search(html) and " style=" not in html
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_passkey_pages_load_the_one_glue_module_and_pass_their_messages(site):
    html = site.test_client().get("/sign-in").get_data(as_text=True)
    assert '<script src="/static/js/passkeys.js" defer></script>' in html
    assert 'autocomplete="username webauthn"' in html
    for name in ("unsupported", "cancelled", "failed", "working", "exists"):
        assert f"data-msg-{name}=" in html


def test_auth_pages_speak_spanish(site):
    html = site.test_client().get("/sign-in", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert 'lang="es"' in html and "Iniciar sesión" in html and "Sign in with a passkey" not in html
