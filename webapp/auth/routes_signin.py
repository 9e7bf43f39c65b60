"""Signing in (passkey, or a recovery code when every passkey is lost) and signing out."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, session as cookie, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import db
from ..access import public
from ..extensions import limiter
from .blueprint import auth_rate_limit, bp
from .recovery import use_recovery_code
from .routes_passkeys import safe_next
from .sessions import home_for, sign_in as start_session, sign_out as end_session


@bp.get("/sign-in")
@public
def sign_in():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    reason = cookie.pop("signed_out_reason", None)
    notice = {
        "idle": _("You were signed out because the page was not used for a while."),
        "expired": _("You were signed out because it has been many hours. Please sign in again."),
    }.get(reason)
    return render_template("auth/sign_in.html", next=safe_next(request.args.get("next")), notice=notice)


@bp.route("/sign-in/recovery", methods=["GET", "POST"])
@public
@limiter.limit(auth_rate_limit, methods=["POST"])
def recovery_sign_in():
    if request.method == "GET":
        return render_template("auth/recovery_sign_in.html")
    account = use_recovery_code(db.session(), request.form.get("code", ""))
    if account is None:
        error = _("That code did not work. Each code works only once. Check it and try again, "
                  "or ask the school office for a new letter.")
        return render_template("auth/recovery_sign_in.html", error=error), 400
    start_session(account, method="recovery_code", must_add_passkey=True)
    flash(_("You are signed in with a recovery code. Now make a new passkey on this device."), "warning")
    return redirect(url_for("auth.add_passkey"), code=303)


@bp.post("/sign-out")
@public
def sign_out():
    if current_user.is_authenticated:
        end_session()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.sign_in"), code=303)
