"""The Download page: pick a child (or your own record), a format and a language; every download is logged.

Only the family may download, and only what policy lets them see on their own account: a
guardian through a guardian link (a court-restricted child does not exist for them) or a
student for their own record. Whatever rests on a sharing grant is view-only, so a recipient
(or a guardian reading an adult student's record under a grant) gets a 404 here.
"""
from __future__ import annotations

from flask import Response, abort, current_app, render_template, request, stream_with_context
from flask_babel import get_locale, gettext as _
from flask_login import current_user
from sqlalchemy import select

from webapp import db, policy
from webapp.access import requires
from webapp.credentials import KeyStoreError
from webapp.extensions import limiter
from webapp.models import ExportLog
from webapp.models.exports import EXPORT_FORMATS

from . import bp
from .clr import NothingToIssue
from .presenting import template_helpers
from .produce import Actor, make_export

FAMILY_ROLES = ("guardian", "student")
OWN_BASES = frozenset({"guardian-link", "self"})  # access of the family itself, not through a grant
RATE_LIMIT = "20/minute"


def export_rate_limit() -> str:
    return current_app.config.get("EXPORT_RATE_LIMIT", RATE_LIMIT)


@bp.get("/download")
@requires(*FAMILY_ROLES)
def index():
    """The children this account may download, the formats, and the downloads made so far."""
    session, now = db.session(), policy.now()
    records = [(s, c) for s in policy.family_students(session, current_user)
               if (c := _own_categories(policy.access(session, current_user, s.public_id, now)))]
    if not records:
        return render_template("exports/index.html", students=[], chosen=None, log=[]), 200
    wanted = request.args.get("student")
    chosen = next((s for s, _ in records if s.public_id == wanted), None) if wanted else records[0][0]
    if chosen is None:
        abort(404)
    log = session.scalars(select(ExportLog).where(ExportLog.student_id == chosen.id)
                          .order_by(ExportLog.created_at.desc(), ExportLog.id.desc()).limit(50)).all()
    lang = get_locale().language if get_locale() else "en"
    return render_template("exports/index.html", students=[s for s, _ in records], chosen=chosen, log=log,
                           formats=EXPORT_FORMATS, lang=lang, **template_helpers(lang))


@bp.post("/download/<public_id>")
@requires(*FAMILY_ROLES)
@limiter.limit(export_rate_limit)
def download(public_id: str):
    """Make the file in the chosen format and language, log it, and send it as an attachment."""
    fmt = request.form.get("format", "")
    if fmt not in EXPORT_FORMATS:
        abort(400)
    session, now = db.session(), policy.now()
    access = policy.access(session, current_user, public_id, now)
    categories = _own_categories(access)
    if not categories:
        abort(404)
    lang = request.form.get("lang") or (get_locale().language if get_locale() else "en")
    if lang not in current_app.config["LANGUAGES"]:
        abort(400)
    role = "student" if access.basis == "self" else "guardian"
    actor = Actor(name=current_user.display_name, role=role, account_id=current_user.id)
    try:
        export = make_export(session, access.student.id, fmt, actor=actor, lang=lang, categories=categories, now=now)
    except NothingToIssue as exc:
        session.rollback()
        return render_template("exports/nothing.html", message=str(exc), student=access.student), 409
    except KeyStoreError:
        session.rollback()
        message = _("The school district has not set up signing for learner records yet. The other files work.")
        return render_template("exports/nothing.html", message=message, student=access.student), 503
    session.commit()
    response = Response(stream_with_context(iter(export.chunks)), mimetype=export.mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _own_categories(access: policy.StudentAccess | None) -> tuple[str, ...]:
    """The categories this viewer sees as the family itself (never through a grant); empty: no download."""
    if access is None:
        return ()
    return tuple(code for code in sorted(access.visible)
                 if access.decisions[code].allowed and access.decisions[code].basis in OWN_BASES)
