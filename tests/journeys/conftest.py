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
