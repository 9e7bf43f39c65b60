"""The auth blueprint and the app-wide pieces it brings: session loading, the signed-in
navigation, the rate-limit page and the "add a passkey first" rule after a recovery code."""
from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import AnonymousUserMixin, current_user
from werkzeug.routing import BuildError

from ..extensions import login_manager

bp = Blueprint("auth", __name__)

RATE_LIMIT = "10/minute"  # invitation codes, sign-in and recovery codes, per IP
OPTIONS_RATE_LIMIT = "30/minute"  # challenges handed out, per IP

# While a recovery-code session has no new passkey, only these endpoints answer.
ALLOWED_BEFORE_NEW_PASSKEY = frozenset({
    "auth.add_passkey", "auth.register_options", "auth.register_verify", "auth.sign_out",
    "static", "main.choose_language", "main.healthz",
})

FAMILY = frozenset({"guardian", "student"})
STAFF = frozenset({"district_admin", "school_admin", "teacher"})
EVERYONE = FAMILY | STAFF | {"recipient"}
NAV_ITEMS = (  # (label, endpoint, roles that see the link); a page this build lacks is not shown
    (_l("Home"), "family.home", FAMILY),
    (_l("My portfolio"), "portfolio.mine", frozenset({"student"})),
    (_l("Sharing"), "sharing.index", FAMILY),
    (_l("Download"), "exports.index", FAMILY),
    (_l("Shared with me"), "recipient.index", frozenset({"recipient"})),
    (_l("School"), "school.index", STAFF),
    (_l("Account"), "auth.account", EVERYONE),
)


def auth_rate_limit() -> str:
    return current_app.config.get("AUTH_RATE_LIMIT", RATE_LIMIT)


def options_rate_limit() -> str:
    return current_app.config.get("AUTH_OPTIONS_RATE_LIMIT", OPTIONS_RATE_LIMIT)


class Anonymous(AnonymousUserMixin):
    """Someone not signed in: no roles, no students."""
    id = public_id = display_name = student_id = locale = user_session = None
    roles = frozenset()
    guardian_student_ids: list[int] = []

    def has_role(self, role: str) -> bool:
        return False


login_manager.anonymous_user = Anonymous
login_manager.login_view = "auth.sign_in"
login_manager.login_message = _l("Please sign in to see this page.")
login_manager.login_message_category = "info"


@bp.before_app_request
def _resolve_session_first():
    """Load the session before any view work, so the loader's small commit never carries a view's
    half-done changes; and keep someone who used a recovery code on "add a passkey".

    The user is always resolved from this request's cookie, even where `g` outlives a request
    (an application context held open around several requests, as in tests)."""
    g.pop("_login_user", None)
    if request.endpoint == "static" or not current_user.is_authenticated:
        return None
    if current_user.user_session.must_add_passkey and request.endpoint not in ALLOWED_BEFORE_NEW_PASSKEY:
        return redirect(url_for("auth.add_passkey"))
    return None


@bp.app_context_processor
def _navigation() -> dict:
    return {"nav_items": nav_items}


def nav_items() -> list[dict]:
    """The signed-in navigation: the pages this person's roles can use, and nothing they would get a 404 on."""
    items = []
    for label, endpoint, roles in NAV_ITEMS:
        if not roles & current_user.roles:
            continue
        try:
            url = url_for(endpoint)
        except BuildError:
            continue
        items.append({"label": label, "url": url, "current": request.endpoint == endpoint})
    return items


@bp.app_errorhandler(429)
def _too_many_tries(error):
    message = _("Too many tries. Wait a minute, then try again.")
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return jsonify(error=message), 429
    return render_template("auth/too_many.html", message=message), 429
