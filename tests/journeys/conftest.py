"""Browser journeys: real headless Chromium (Debian's), a live server on localhost, virtual passkeys."""
from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import app_config
from webapp import create_app

CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A phone-sized window: 360 × 740, as the budgets in DESIGN.md §9 require."""
    return {**browser_context_args, "viewport": {"width": 360, "height": 740}, "device_scale_factor": 2}


@pytest.fixture
def live_server(database_url, clean_db, tmp_path):
    """The app served on http://localhost:<free port> with CSRF on, as in production."""
    server = make_server("127.0.0.1", 0, None, threaded=True)
    origin = f"http://localhost:{server.server_port}"
    app = create_app(app_config(database_url, clean_db, tmp_path, WTF_CSRF_ENABLED=True, ORIGIN=origin, RP_ID="localhost"))
    server.app = app
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["ORIGIN"] = origin
    yield app
    server.shutdown()


@pytest.fixture
def authenticator(page):
    """A CDP virtual authenticator (internal, resident keys, user verification) on this page."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    result = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True}})
    return cdp, result["authenticatorId"]


def axe_violations(page) -> list[dict]:
    """axe-core violations on the current page (axe.min.js injected from the package, no network)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


def assert_no_horizontal_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px at {page.viewport_size['width']}px"


@pytest.fixture
def checker(artifacts_dir, live_server):
    """`check = checker("family")`; then `check(page, name)` saves artifacts/family-<name>-<database>.png and
    holds the page to the budgets every page shares: axe-core 0 violations, no sideways scroll at 360 px."""
    kind = live_server.config["DATABASE_URL"].split(":")[0].split("+")[0]

    def make(prefix: str):
        def check_page(page, name: str) -> None:
            page.wait_for_load_state("load")
            page.screenshot(path=str(artifacts_dir / f"{prefix}-{name}-{kind}.png"), full_page=True)
            violations = axe_violations(page)
            assert violations == [], f"{name}: " + "; ".join(
                f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]} "
                f"{[n.get('failureSummary') for n in v['nodes']]}" for v in violations)
            assert_no_horizontal_scroll(page)
        return check_page

    return make


@pytest.fixture
def signed_in(page, live_server, db_session):
    """`origin = signed_in(account)` puts a live server-side session for the account into the browser's
    cookie, as a passkey sign-in leaves it (for journeys that are not about signing in)."""
    from webapp.auth.codes import new_token, token_hash
    from webapp.models import UserSession

    def sign_in(account):
        page.context.clear_cookies()
        token = new_token()
        db_session.add(UserSession(token_hash=token_hash(token), account_id=account.id, method="passkey"))
        db_session.commit()
        value = live_server.session_interface.get_signing_serializer(live_server).dumps(
            {"_user_id": token, "_fresh": True})
        page.context.add_cookies([{"name": "session", "value": value, "url": live_server.config["ORIGIN"]}])
        return live_server.config["ORIGIN"]

    return sign_in
