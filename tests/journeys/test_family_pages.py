"""Family pages in real headless Chromium at 360 × 740: every page screenshotted, axe-core 0 violations,
no sideways scroll, 44 px tap targets, in English and in Spanish; also with JavaScript off, at 200 % zoom,
printed, with no request leaving the site, and within the first-visit budget."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from consent.categories import CATEGORY_CODES
from tests.journeys.conftest import assert_no_horizontal_scroll
from tests.webapp.auth_support import invite
from tests.webapp.family_support import family  # noqa: F401  (fixture)
from webapp.auth.codes import new_token, token_hash
from webapp.models import UserSession

pytestmark = pytest.mark.browser

FIRST_VISIT_BUDGET = 60 * 1024
CONTROLS = "main a.button, main button, main .line-link, main .switcher a, main .crumbs a, main summary"


@pytest.fixture
def check(checker):
    """The shared page checks, and 44 px tap targets."""
    shared = checker("family")

    def check_page(page, name: str) -> None:
        shared(page, name)
        small = page.evaluate(f"""[...document.querySelectorAll({CONTROLS!r})]
            .filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
            .map(e => e.outerHTML.slice(0, 80))""")
        assert small == [], f"{name}: tap targets under 44 px: {small}"

    return check_page


def test_a_guardian_signs_in_with_a_passkey_and_lands_on_the_home_cards(page, live_server, authenticator, family):
    origin = live_server.config["ORIGIN"]
    page.goto(f"{origin}/i/{invite(live_server, 'guardian', family.maya, relationship='father')}")
    page.get_by_label("Your name").fill("Luis Lopez")
    page.get_by_role("button", name="Yes, this is my child").click()
    page.get_by_role("button", name="Make my passkey").click()
    expect(page).to_have_url(re.compile(r"/account/recovery-codes"))
    page.add_init_script('Object.defineProperty(PublicKeyCredential, "isConditionalMediationAvailable", '
                         '{value: async () => false});')
    page.get_by_role("navigation", name="Main").get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page).to_have_url(f"{origin}/home")
    expect(page.get_by_role("heading", name="Maya")).to_be_visible()
    expect(page.locator(".child-card")).to_have_count(1)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_family_page_on_a_phone(page, signed_in, family, check, lang):
    origin = signed_in(family.rosa)
    page.set_extra_http_headers({"Accept-Language": "es-MX,es;q=0.9" if lang == "es" else "en-US,en;q=0.9"})
    page.goto(f"{origin}/home")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    check(page, f"home-{lang}")
    page.locator(".switcher").get_by_role("link", name="Maya").click()
    expect(page).to_have_url(re.compile(rf"#child-{family.maya.public_id}$"))
    page.locator(f"#child-{family.maya.public_id}").get_by_role("link").last.click()
    expect(page).to_have_url(f"{origin}/c/{family.maya.public_id}")
    check(page, f"backpack-{lang}")
    for child in (family.maya, family.leo):
        for code in CATEGORY_CODES:
            page.goto(f"{origin}/c/{child.public_id}/{code}")
            check(page, f"{child.first_name.lower()}-{code}-{lang}")
    page.goto(f"{origin}/glossary")
    check(page, f"glossary-{lang}")


def test_the_students_own_pages(page, signed_in, family, check):
    origin = signed_in(family.leo_account)
    page.goto(f"{origin}/home")
    expect(page.get_by_role("heading", name="You (Leo)")).to_be_visible()
    check(page, "student-home")
    for code in ("attendance", "state_tests", "readiness", "early_warning"):
        page.goto(f"{origin}/c/{family.leo.public_id}/{code}")
        check(page, f"student-{code}")


def test_chart_tables_open_for_everyone(page, signed_in, family):
    origin = signed_in(family.rosa)
    page.goto(f"{origin}/c/{family.leo.public_id}/state_tests")
    figure = page.locator("figure.chart-figure").first
    expect(figure.locator("svg[role=img]")).to_be_visible()
    expect(figure.locator("table")).to_be_hidden()
    figure.get_by_text("Show the numbers as a table").click()
    expect(figure.locator("table")).to_be_visible()


def test_pages_work_without_javascript(browser, live_server, db_session, family, artifacts_dir):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    token = new_token()
    db_session.add(UserSession(token_hash=token_hash(token), account_id=family.rosa.id, method="passkey"))
    db_session.commit()
    origin = live_server.config["ORIGIN"]
    value = live_server.session_interface.get_signing_serializer(live_server).dumps({"_user_id": token})
    context.add_cookies([{"name": "session", "value": value, "url": origin}])
    page.goto(f"{origin}/home")
    expect(page.locator(".child-card")).to_have_count(2)
    page.get_by_role("link", name="See all of Maya's records").click()
    page.get_by_role("link", name="Attendance").click()
    expect(page.get_by_role("heading", name="Attendance", level=1)).to_be_visible()
    page.get_by_text("Show the numbers as a table").click()  # <details> needs no script
    expect(page.locator("figure table")).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "family-no-js-attendance.png"), full_page=True)
    context.close()


def test_readable_at_200_percent_zoom_and_printable(page, signed_in, family, artifacts_dir):
    origin = signed_in(family.rosa)
    page.set_viewport_size({"width": 180, "height": 370})  # 360 × 740 at 200 % zoom
    for url in ("/home", f"/c/{family.leo.public_id}/grades", f"/c/{family.leo.public_id}/state_tests"):
        page.goto(f"{origin}{url}")
        assert_no_horizontal_scroll(page)
    page.screenshot(path=str(artifacts_dir / "family-zoom-200-state-tests.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 740})
    page.emulate_media(media="print")
    page.goto(f"{origin}/home")
    expect(page.locator("header.site")).to_be_hidden()
    expect(page.locator(".switcher")).to_be_hidden()
    expect(page.locator(".child-card").first).to_be_visible()


def test_no_outside_requests_and_a_small_first_visit(page, signed_in, family):
    origin = signed_in(family.rosa)
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(f"{origin}/home")
    page.wait_for_load_state("networkidle")
    assert requests and all(r.url.startswith(origin) or r.url.startswith("data:") for r in requests), \
        [r.url for r in requests]
    transferred = 0
    for request in requests:
        sizes = request.sizes()
        transferred += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    document = next(r for r in requests if r.url == f"{origin}/home")
    assert document.response().headers.get("content-encoding") in ("br", "gzip")
    assert transferred <= FIRST_VISIT_BUDGET, f"first visit moved {transferred} bytes"
