"""Sharing journeys in real headless Chromium, each person with their own virtual passkey.

A parent shares Maya's grades with a tutor (preview, passkey signature, receipt), the tutor accepts
the invitation in a second browser and looks, the parent sees who looked and stops sharing with one
tap, and the tutor's very next request shows nothing. Every new page is screenshotted at 360 × 740
into test-artifacts/, checked with axe-core (0 violations) and for sideways scrolling.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.factories import add_year_of_history, make_staff
from tests.webapp.auth_support import invite, make_school
from webapp import db
from webapp.models import Account, GuardianLink

pytestmark = pytest.mark.browser

VIRTUAL_PASSKEY = {"protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
                   "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True}


@pytest.fixture
def students(db_session):
    school, students = make_school(db_session)
    add_year_of_history(db_session, students[0], school, 2023, "03", make_staff(db_session))
    db_session.commit()
    return students


@pytest.fixture
def check(checker):
    return checker("sharing")


def _phone(browser, browser_context_args):
    """A separate browser (its own cookies) with its own virtual passkey device."""
    page = browser.new_context(**browser_context_args).new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": VIRTUAL_PASSKEY})
    return page


def _redeem(page, url: str, name: str, button: str) -> None:
    page.goto(url)
    page.get_by_label("Your name").fill(name)
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state("load")  # the passkey glue is a deferred script: let it attach first
    page.get_by_role("button", name="Make my passkey").click()
    expect(page).to_have_url(re.compile(r"/account/recovery-codes\?first=1$"))


def _share(page, origin: str, maya, check=None, **choices) -> None:
    page.goto(f"{origin}/sharing/{maya.public_id}")
    page.get_by_role("link", name="Share with someone").click()
    if check:
        page.get_by_role("button", name="Next: check and confirm").click()  # nothing filled in: every error shows
        expect(page.get_by_role("alert")).to_be_visible()
        check(page, "new-errors")
    page.get_by_label("They are a…").select_option(choices.get("kind", "tutor"))
    page.get_by_label("Their name").fill(choices.get("name", "Ms. Lee"))
    page.get_by_label("Their email (optional)").fill("")
    for label in choices.get("categories", ("Grades and transcript", "State tests")):
        page.get_by_role("checkbox", name=label).check()
    if choices.get("sensitive"):
        page.get_by_role("checkbox", name=re.compile("^If I chose private records")).check()
    page.get_by_label("Why are you sharing?").fill("help with math")
    page.get_by_role("radio", name="30 days").check()
    if choices.get("may_contribute"):
        page.get_by_role("checkbox", name=re.compile("^Yes, they may add")).check()
    if check:
        check(page, "new-filled")
    page.get_by_role("button", name="Next: check and confirm").click()
    expect(page.get_by_role("heading", name="Check and confirm")).to_be_visible()
    if check:
        check(page, "confirm")
        page.get_by_role("link", name="Preview what they will see").click()
        expect(page.get_by_text("Preview: this is exactly what Ms. Lee will see.")).to_be_visible()
        check(page, "preview")
        page.get_by_role("link", name="Back to check and confirm").click()
    page.wait_for_load_state("load")  # the passkey glue is a deferred script: let it attach first
    page.get_by_role("button", name="Confirm with my passkey").click()
    expect(page.get_by_role("heading", name=re.compile("^Receipt: sharing Maya"))).to_be_visible()


def test_share_look_revoke_in_two_browsers(browser, browser_context_args, page, live_server, authenticator,
                                           students, check):
    origin = live_server.config["ORIGIN"]
    maya = students[0]
    _redeem(page, f"{origin}/i/{invite(live_server, 'guardian', maya)}", "Rosa Hernandez", "Yes, this is my child")
    page.goto(f"{origin}/sharing/{maya.public_id}")
    expect(page.get_by_role("heading", name="Who can see Maya's records")).to_be_visible()
    check(page, "student-empty")

    _share(page, origin, maya, check=check)
    link = page.locator(".invitation-link").inner_text().strip()
    assert link.startswith(f"{origin}/i/")
    check(page, "receipt")

    tutor = _phone(browser, browser_context_args)
    tutor.goto(link)
    expect(tutor.get_by_text("A family invited you to see the school records")).to_be_visible()
    check(tutor, "recipient-welcome")
    _redeem(tutor, link, "Ms. Lee", "Continue")
    tutor.goto(f"{origin}/shared")
    expect(tutor.get_by_role("link", name="Maya Lopez")).to_be_visible()
    check(tutor, "recipient-index")
    tutor.get_by_role("link", name="Maya Lopez").click()
    expect(tutor.get_by_role("heading", name="Grades and transcript")).to_be_visible()
    expect(tutor.get_by_role("heading", name="Attendance")).to_have_count(0)
    check(tutor, "recipient-student")
    tutor.goto(f"{origin}/shared/{maya.public_id}/state_tests")
    check(tutor, "recipient-category")

    page.goto(f"{origin}/sharing/{maya.public_id}")
    page.get_by_role("link", name="Who looked at Maya's records").click()
    expect(page.locator("ol.timeline li")).to_have_count(2)
    expect(page.locator("ol.timeline li").first).to_contain_text("Ms. Lee (Tutor) looked at State tests")
    check(page, "looked")
    page.goto(f"{origin}/notifications")
    expect(page.get_by_text("Ms. Lee looked at Maya's records")).to_be_visible()
    check(page, "notifications")

    page.goto(f"{origin}/sharing/{maya.public_id}")
    check(page, "student-shared")
    page.get_by_role("button", name="Stop sharing with Ms. Lee").click()  # htmx swaps the card in place
    expect(page.get_by_role("status").filter(has_text="You stopped sharing with Ms. Lee.")).to_be_visible()
    expect(page.get_by_role("button", name="Stop sharing with Ms. Lee")).to_have_count(0)
    check(page, "student-revoked")

    tutor.reload()
    expect(tutor.get_by_role("heading", name="Nothing is shared with you here")).to_be_visible()
    expect(tutor.get_by_role("heading", name="Grades and transcript")).to_have_count(0)
    check(tutor, "recipient-nothing")
    tutor.goto(f"{origin}/shared")
    expect(tutor.get_by_text("Nothing is shared with you right now.")).to_be_visible()
    tutor.context.close()


def test_revoke_without_javascript(browser, browser_context_args, page, live_server, authenticator, students):
    """The one-tap revoke is a plain form: it works with scripts off (the page reloads)."""
    origin = live_server.config["ORIGIN"]
    maya = students[0]
    _redeem(page, f"{origin}/i/{invite(live_server, 'guardian', maya)}", "Rosa Hernandez", "Yes, this is my child")
    _share(page, origin, maya)
    cookies = page.context.cookies()
    no_js = browser.new_context(**browser_context_args, java_script_enabled=False)
    no_js.add_cookies(cookies)
    plain = no_js.new_page()
    plain.goto(f"{origin}/sharing/{maya.public_id}")
    plain.get_by_role("button", name="Stop sharing with Ms. Lee").click()
    expect(plain.get_by_text("You stopped sharing with Ms. Lee.")).to_be_visible()
    expect(plain.get_by_text("Nobody else can see Maya's records right now.")).to_be_visible()
    no_js.close()


def test_contributions_and_child_list(browser, browser_context_args, page, live_server, authenticator, students, check):
    origin = live_server.config["ORIGIN"]
    maya, leo = students[0], students[1]
    _redeem(page, f"{origin}/i/{invite(live_server, 'guardian', maya)}", "Rosa Hernandez", "Yes, this is my child")
    with live_server.app_context():
        s = db.session()
        rosa = s.query(Account).filter_by(display_name="Rosa Hernandez").one()
        s.add(GuardianLink(account_id=rosa.id, student_id=leo.id))
        s.commit()
    page.goto(f"{origin}/sharing")
    expect(page.get_by_role("link", name="Leo Lopez")).to_be_visible()
    check(page, "index")
    _share(page, origin, maya, may_contribute=True, sensitive=True,
           categories=("Grades and transcript", "Activities and service", "Behavior and discipline"))
    link = page.locator(".invitation-link").inner_text().strip()

    tutor = _phone(browser, browser_context_args)
    _redeem(tutor, link, "Ms. Lee", "Continue")
    tutor.goto(f"{origin}/shared/{maya.public_id}")
    tutor.get_by_role("link", name="Add to the learner profile").click()
    tutor.get_by_role("button", name="Add").click()
    expect(tutor.get_by_role("alert")).to_be_visible()
    check(tutor, "recipient-add-errors")
    tutor.get_by_role("radio", name="Activity or service hours").check()
    tutor.get_by_label("Title").fill("Math club")
    tutor.get_by_label("Hours (for activity or service hours)").fill("12")
    tutor.get_by_role("button", name="Add").click()
    expect(tutor.get_by_text("Added by Ms. Lee (Tutor)")).to_be_visible()
    tutor.context.close()

    page.goto(f"{origin}/sharing/{maya.public_id}")
    expect(page.get_by_role("heading", name="Math club")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Hide it\W+Math club$")).click()
    expect(page.get_by_text("Hidden: only your family can see it.")).to_be_visible()
    check(page, "student-contribution-hidden")
