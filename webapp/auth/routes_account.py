"""The account page: passkeys (add, rename, remove), recovery codes, and where you are signed in."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import db
from ..access import requires
from ..models import GuardianLink, Passkey, Student
from .blueprint import bp
from .devices import describe_device
from .events import log_event
from .recovery import RECOVERY_CODE_COUNT, make_recovery_codes, remaining_recovery_codes
from .sessions import active_sessions, is_fresh, sign_out_everywhere as end_all_sessions


@bp.get("/account")
@requires()
def account():
    account = current_user._get_current_object()
    this_session = account.user_session
    return render_template(
        "auth/account.html",
        account=account,
        passkeys=account.passkeys,
        children=_children(account),
        remaining_codes=remaining_recovery_codes(db.session(), account),
        sessions=[(row, describe_device(row.user_agent), row.id == this_session.id) for row in active_sessions(account)],
        fresh=is_fresh(this_session),
    )


@bp.get("/account/passkeys/new")
@requires()
def add_passkey():
    session_row = current_user.user_session
    return render_template("auth/add_passkey.html", must_add=session_row.must_add_passkey,
                           fresh=session_row.must_add_passkey or is_fresh(session_row))


@bp.post("/account/passkeys/<public_id>/rename")
@requires()
def rename_passkey(public_id: str):
    passkey = _own_passkey(public_id)
    name = " ".join(request.form.get("name", "").split())[:60]
    if not name:
        flash(_("Please type a name for the passkey."), "error")
    else:
        passkey.name = name
        db.session().commit()
        flash(_("Passkey renamed."), "info")
    return redirect(url_for("auth.account"), code=303)


@bp.post("/account/passkeys/<public_id>/remove")
@requires()
def remove_passkey(public_id: str):
    s = db.session()
    account = current_user._get_current_object()
    passkey = _own_passkey(public_id)
    if not is_fresh(account.user_session):
        flash(_("To keep your account safe, please check it is you first."), "error")
    elif len(account.passkeys) == 1 and remaining_recovery_codes(s, account) == 0:
        flash(_("This is your only passkey. Make recovery codes first, so you can still get in."), "error")
    else:
        account.passkeys.remove(passkey)
        log_event(s, "passkey_removed", account, passkey=passkey.public_id)
        s.commit()
        flash(_("Passkey removed."), "info")
    return redirect(url_for("auth.account"), code=303)


@bp.route("/account/recovery-codes", methods=["GET", "POST"])
@requires()
def recovery_codes():
    """GET explains; POST makes ten new codes and shows them this once."""
    s = db.session()
    account = current_user._get_current_object()
    fresh = is_fresh(account.user_session)
    if request.method == "POST":
        if not fresh:
            flash(_("To keep your account safe, please check it is you first."), "error")
            return redirect(url_for("auth.recovery_codes"), code=303)
        codes = make_recovery_codes(s, account)
        return render_template("auth/recovery_codes_shown.html", codes=codes)
    return render_template("auth/recovery_codes.html", remaining=remaining_recovery_codes(s, account),
                           count=RECOVERY_CODE_COUNT, fresh=fresh, first=request.args.get("first") == "1")


@bp.post("/account/sign-out-everywhere")
@requires()
def sign_out_everywhere():
    count = end_all_sessions(current_user._get_current_object())
    flash(_("You are signed out on every device (%(count)s).", count=count), "info")
    return redirect(url_for("auth.sign_in"), code=303)


def _own_passkey(public_id: str) -> Passkey:
    passkey = db.session().scalar(select(Passkey).where(
        Passkey.public_id == public_id, Passkey.account_id == current_user.id))
    if passkey is None:
        abort(404)
    return passkey


def _children(account) -> list[tuple[Student, str | None]]:
    """Students this account may see, with the relationship the school recorded."""
    rows = db.session().execute(
        select(Student, GuardianLink.relationship)
        .join(GuardianLink, GuardianLink.student_id == Student.id)
        .where(GuardianLink.account_id == account.id, GuardianLink.court_restricted.is_(False))
        .order_by(Student.first_name)
    ).all()
    children = [(student, relationship) for student, relationship in rows]
    if account.student is not None:
        children.insert(0, (account.student, None))
    return children
