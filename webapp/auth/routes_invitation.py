"""Redeeming an invitation: open the link (or type the code), confirm the name, make a passkey."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, session as cookie, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import db
from ..access import public
from ..extensions import limiter
from ..models import GuardianLink, Invitation, Student, utcnow
from .blueprint import auth_rate_limit, bp
from .events import log_event
from .invitations import apply_invitation, claim, find_invitation
from .messages import invitation_problem

WELCOME = "welcome"  # cookie key: {"invitation": public_id, "confirmed": bool, "name": str}


@bp.get("/i/<code>")
@public
@limiter.limit(auth_rate_limit)
def invitation(code: str):
    return _open(code)


@bp.route("/i", methods=["GET", "POST"])
@public
@limiter.limit(auth_rate_limit, methods=["POST"])
def enter_code():
    if request.method == "POST":
        return _open(request.form.get("code", ""))
    return render_template("auth/enter_code.html")


@bp.route("/welcome", methods=["GET", "POST"])
@public
def welcome():
    """Confirm the child's (or one's own) name before anything is created."""
    invitation = invitation_in_progress()
    if invitation is None:
        return _problem("unknown")
    students = invited_students(invitation)
    new_account = invitation.account_id is None and not current_user.is_authenticated
    if request.method == "GET":
        return render_template("auth/welcome.html", invitation=invitation, students=students,
                               new_account=new_account, name=invitation.name or "")
    if request.form.get("answer") != "yes":
        cookie.pop(WELCOME, None)
        return render_template("auth/not_you.html")
    name = " ".join(request.form.get("name", "").split())[:120]
    if new_account and not name:
        return render_template("auth/welcome.html", invitation=invitation, students=students, new_account=True,
                               name=name, name_error=_("Please type your name.")), 400
    if invitation.account_id is None and current_user.is_authenticated:
        return _add_to_signed_in_account(invitation, students)
    cookie[WELCOME] = {"invitation": invitation.public_id, "confirmed": True, "name": name or invitation.name or ""}
    return redirect(url_for("auth.create_passkey"), code=303)


@bp.get("/welcome/passkey")
@public
def create_passkey():
    invitation = invitation_in_progress(confirmed=True)
    if invitation is None:
        return _problem("unknown")
    return render_template("auth/create_passkey.html", invitation=invitation)


def invitation_in_progress(*, confirmed: bool = False) -> Invitation | None:
    """The invitation this browser opened, while it can still be used."""
    progress = cookie.get(WELCOME) or {}
    if confirmed and not progress.get("confirmed"):
        return None
    invitation = db.session().scalar(select(Invitation).where(Invitation.public_id == progress.get("invitation", "")))
    if invitation is None or invitation.state(utcnow()) != "open":
        return None
    return invitation


def invited_students(invitation: Invitation) -> list[Student]:
    """The children the person will see: the invited one, and any already on a re-invited account."""
    s = db.session()
    ids = [invitation.student_id] if invitation.student_id else []
    if invitation.account_id is not None and invitation.role == "guardian":
        ids += s.scalars(select(GuardianLink.student_id).where(
            GuardianLink.account_id == invitation.account_id, GuardianLink.court_restricted.is_(False)))
    if not ids:
        return []
    rows = {st.id: st for st in s.scalars(select(Student).where(Student.id.in_(ids)))}
    return [rows[i] for i in dict.fromkeys(ids) if i in rows]


def _open(typed: str):
    s = db.session()
    invitation = find_invitation(s, typed)
    state = "unknown" if invitation is None else invitation.state(utcnow())
    if state != "open":
        return _problem(state)
    cookie[WELCOME] = {"invitation": invitation.public_id, "confirmed": False}
    cookie.setdefault("locale", invitation.language)
    return redirect(url_for("auth.welcome"), code=303)


def _problem(state: str):
    what, next_step = invitation_problem(state)
    return render_template("auth/invitation_problem.html", what=what, next_step=next_step,
                           state=state), 404 if state == "unknown" else 410


def _add_to_signed_in_account(invitation: Invitation, students: list[Student]):
    s = db.session()
    account = current_user._get_current_object()
    if not claim(s, invitation):
        return _problem("used")
    apply_invitation(s, invitation, account)
    log_event(s, "invitation_added_to_account", account, invitation=invitation.public_id)
    s.commit()
    cookie.pop(WELCOME, None)
    names = ", ".join(st.display_first_name for st in students)
    flash(_("Done. %(names)s is now on your account.", names=names) if names else _("Done. Your account is updated."),
          "info")
    return redirect(url_for("auth.account"), code=303)
