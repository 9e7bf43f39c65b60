"""Pages that belong to no audience: the front page and the health check."""
from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, session, url_for
from sqlalchemy import text

from . import db
from .access import public

bp = Blueprint("main", __name__)


@bp.get("/")
@public
def home():
    return render_template("home.html")


@bp.get("/healthz")
@public
def healthz():
    """Liveness and database reachability, for load balancers and `make demo`."""
    try:
        db.session().execute(text("SELECT 1"))
    except Exception:  # reported, not raised: a health check must answer
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


@bp.post("/language")
@public
def choose_language():
    """Remember the chosen language for this browser (and the account, when signed in)."""
    from flask import current_app
    from flask_login import current_user

    locale = request.form.get("locale", "")
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated and hasattr(current_user, "locale"):
            current_user.locale = locale
            db.session().commit()
    target = request.form.get("next") or url_for("main.home")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("main.home")
    return redirect(target, code=303)
