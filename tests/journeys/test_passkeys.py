"""Passkey journeys in real headless Chromium with a CDP virtual authenticator (SETUP-NOTES §4).

Every auth page is screenshotted at 360 × 740 into test-artifacts/, checked with axe-core
(0 violations) and for sideways scrolling.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.webapp.auth_support import invite, make_school

pytestmark = pytest.mark.browser

CODE = re.compile(r"[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}")


@pytest.fixture
def students(db_session):
    return make_school(db_session)[1]


@pytest.fixture
def check(checker):
    return checker("auth")


def _add_authenticator(page) -> tuple:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    result = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True}})
    return cdp, result["authenticatorId"]


def _without_autofill(page) -> None:
    """Act as a browser without passkey autofill, so that only the button signs in. (Chromium's
    virtual authenticator answers an autofill request at once, as if the person tapped the suggestion.)"""
    page.add_init_script(
        'Object.defineProperty(PublicKeyCredential, "isConditionalMediationAvailable", {value: async () => false});')


def _redeem(page, origin: str, code: str, name: str = "Ana Lopez", check=None) -> None:
    page.goto(f"{origin}/i/{code}")
    expect(page.get_by_role("heading", name="Is this your child?")).to_be_visible()
    if check:
        check(page, "welcome")
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name="Yes, this is my child").click()
    expect(page.get_by_role("heading", name="Make your passkey")).to_be_visible()
    if check:
        check(page, "create-passkey")
    page.get_by_role("button", name="Make my passkey").click()
    expect(page).to_have_url(re.compile(r"/account/recovery-codes\?first=1$"))


def _expect_signed_in(page) -> None:
    """Signed in and sent on from the sign-in page (to wherever `home_for` points)."""
    expect(page).not_to_have_url(re.compile(r"/sign-in"))
    expect(page.get_by_role("navigation", name="Main").get_by_role("button", name="Sign out")).to_be_visible()


def _sign_out(page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/sign-in$"))


def _make_recovery_codes(page) -> list[str]:
    page.get_by_role("button", name="Make my recovery codes").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    return CODE.findall(page.locator("ol.recovery-codes").inner_text())


def test_invitation_passkey_sign_out_and_sign_in_without_a_username(page, live_server, authenticator, students, check):
    origin = live_server.config["ORIGIN"]
    cdp, authenticator_id = authenticator
    _redeem(page, origin, invite(live_server, "guardian", students[0], relationship="mother"), check=check)
    [credential] = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]
    assert credential["isResidentCredential"] is True and credential["rpId"] == "localhost"
    check(page, "recovery-codes")
    codes = _make_recovery_codes(page)
    assert len(codes) == 10
    check(page, "recovery-codes-shown")

    page.get_by_role("link", name="I saved my codes").click()
    expect(page.locator(".children")).to_contain_text("Maya Lopez")
    check(page, "account")

    _without_autofill(page)
    _sign_out(page)
    check(page, "sign-in")
    expect(page.locator('input[autocomplete="username webauthn"]')).to_be_visible()
    page.get_by_role("button", name="Sign in with a passkey").click()
    _expect_signed_in(page)
    page.goto(f"{origin}/account")
    expect(page.locator(".children")).to_contain_text("Maya Lopez")
    assert cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"][0]["signCount"] >= 2


def test_a_second_passkey_can_be_added_and_used(page, live_server, authenticator, students, check):
    origin = live_server.config["ORIGIN"]
    cdp, first_device = authenticator
    _redeem(page, origin, invite(live_server, "guardian", students[0]))
    page.goto(f"{origin}/account/passkeys/new")
    check(page, "add-passkey")
    cdp.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": first_device})  # now on another device
    _cdp, second_device = _add_authenticator(page)
    page.get_by_role("button", name="Make a passkey on this device").click()
    expect(page).to_have_url(f"{origin}/account")
    expect(page.locator("li.passkey")).to_have_count(2)
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": second_device})["credentials"]) == 1

    page.locator("li.passkey").first.get_by_label("New name").fill("Old phone")
    page.locator("li.passkey").first.get_by_role("button", name="Rename").click()
    expect(page.get_by_role("heading", name="Old phone")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Sign out").click()
    # The sign-in page offers the passkey through autofill (conditional UI); the virtual
    # authenticator accepts it at once, so the person is signed in without typing or tapping a button.
    _expect_signed_in(page)


def test_a_recovery_code_works_once_and_leads_to_a_new_passkey(browser, page, live_server, authenticator, students, check):
    origin = live_server.config["ORIGIN"]
    _redeem(page, origin, invite(live_server, "guardian", students[0]))
    codes = _make_recovery_codes(page)

    new_phone = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    _add_authenticator(new_phone)
    new_phone.goto(f"{origin}/sign-in")
    new_phone.get_by_role("link", name="I lost my passkeys: use a recovery code").click()
    check(new_phone, "recovery-sign-in")
    new_phone.get_by_label("Recovery code").fill(codes[0].lower())
    new_phone.get_by_role("button", name="Sign in").click()
    expect(new_phone).to_have_url(f"{origin}/account/passkeys/new")
    expect(new_phone.get_by_role("status").first).to_contain_text("recovery code")
    check(new_phone, "add-passkey-after-recovery")
    new_phone.goto(f"{origin}/account")
    expect(new_phone).to_have_url(f"{origin}/account/passkeys/new")  # a new passkey comes first
    new_phone.get_by_role("button", name="Make a passkey on this device").click()
    expect(new_phone).to_have_url(f"{origin}/account")
    expect(new_phone.locator("li.passkey")).to_have_count(2)

    someone_else = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    someone_else.goto(f"{origin}/sign-in/recovery")
    someone_else.get_by_label("Recovery code").fill(codes[0])
    someone_else.get_by_role("button", name="Sign in").click()
    expect(someone_else.locator("#code-error")).to_contain_text("works only once")
    check(someone_else, "recovery-sign-in-error")
    new_phone.context.close()
    someone_else.context.close()


def test_sign_out_everywhere_ends_the_other_session(browser, page, live_server, authenticator, students):
    origin = live_server.config["ORIGIN"]
    _redeem(page, origin, invite(live_server, "guardian", students[0]))
    codes = _make_recovery_codes(page)
    laptop = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    _add_authenticator(laptop)
    laptop.goto(f"{origin}/sign-in/recovery")
    laptop.get_by_label("Recovery code").fill(codes[1])
    laptop.get_by_role("button", name="Sign in").click()
    laptop.get_by_role("button", name="Make a passkey on this device").click()
    expect(laptop).to_have_url(f"{origin}/account")

    _without_autofill(page)
    page.goto(f"{origin}/account")
    expect(page.locator("ul.sessions li")).to_have_count(2)
    page.get_by_role("button", name="Sign out everywhere").click()
    expect(page).to_have_url(f"{origin}/sign-in")
    laptop.reload()
    expect(laptop).to_have_url(re.compile(r"/sign-in\?next="))
    laptop.context.close()


def test_problem_pages_are_clear_and_accessible(page, live_server, students, check):
    origin = live_server.config["ORIGIN"]
    page.goto(f"{origin}/i")
    check(page, "enter-code")
    page.get_by_label("Code").fill("2222-3333-4444-5555")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="We could not find this code.")).to_be_visible()
    check(page, "invitation-unknown")
    for _ in range(11):  # the limit is 10 a minute for each way in
        page.goto(f"{origin}/i/2222-3333-4444-5555")
    expect(page.get_by_role("heading", name="Too many tries")).to_be_visible()
    check(page, "too-many-tries")
    page.goto(f"{origin}/sign-in")
    page.get_by_label("Language").select_option("es")
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_be_visible()
    check(page, "sign-in-es")
