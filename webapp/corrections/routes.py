"""Family pages: ask for a correction, follow the request, add a statement after a decline.

Only the family may ask (a guardian while they hold the rights, or the student): `policy` decides,
and a recipient or staff member gets the same 404 as for a student they do not know.
"""
from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from consent import CATEGORY_CODES

from .. import db, policy
from ..access import requires
from ..models import CorrectionRequest
from ..sharing.labels import lang
from ..store.headings import FIELD_LABELS, category_heading, field_label
from . import workflow
from .blueprint import bp

FAMILY_BASES = ("guardian-link", "self")
FAMILY_ROLES = ("guardian", "student")


def _family_access(public_id: str, category: str) -> policy.StudentAccess:
    """The student as this family member may see them, or 404 for anyone else."""
    access = policy.require(db.session(), current_user._get_current_object(), public_id, category)
    if access.decisions[category].basis not in FAMILY_BASES:
        abort(404)
    return access


def _field_label(category: str, field: str, given: str | None) -> str:
    """The field's name as the page showed it, or one made from its key."""
    given = (given or "").strip()
    if given:
        return given[:200]
    last = re.split(r"[.:/]", field)[-1]
    name = field_label(last, lang()) if last in FIELD_LABELS else field
    return f"{category_heading(category, lang())} — {name}"


@bp.route("/students/<public_id>/corrections/new", methods=["GET", "POST"])
@requires(*FAMILY_ROLES)
def new(public_id: str):
    category, field = request.values.get("category", ""), request.values.get("field", "")
    if category not in CATEGORY_CODES or not workflow.is_field_key(field):
        abort(404)
    access = _family_access(public_id, category)
    label = _field_label(category, field, request.values.get("label"))
    error = None
    if request.method == "POST":
        s = db.session()
        try:
            made = workflow.submit(s, current_user._get_current_object(), access.student, category=category,
                                   field_key=field, field_label=label, what_is_wrong=request.form.get("what_is_wrong"),
                                   should_be=request.form.get("should_be"), now=policy.now())
        except workflow.CorrectionError as problem:
            error = str(problem)
        else:
            s.commit()
            flash(_("Your request was sent to the school."), "info")
            return redirect(url_for("corrections.show", public_id=made.public_id), code=303)
    return render_template("corrections/new.html", student=access.student, category=category, field=field, label=label,
                           error=error, form=request.form, due=workflow.due_on(policy.now())), 422 if error else 200


@bp.get("/corrections")
@requires(*FAMILY_ROLES)
def index():
    s = db.session()
    account = current_user._get_current_object()
    mine = set(account.guardian_student_ids) | ({account.student_id} if account.student_id else set())
    requests = s.scalars(
        select(CorrectionRequest).where(CorrectionRequest.student_id.in_(sorted(mine)))
        .order_by(CorrectionRequest.created_at.desc(), CorrectionRequest.id.desc())
    ).all() if mine else []
    now = policy.now()
    allowed = {}
    for item in requests:
        key = (item.student.public_id, item.category)
        if key not in allowed:
            access = policy.access(s, account, item.student.public_id, now)
            allowed[key] = bool(access and item.category in access.visible
                                and access.decisions[item.category].basis in FAMILY_BASES)
    shown = [item for item in requests if allowed[(item.student.public_id, item.category)]]
    return render_template("corrections/index.html", requests=shown, today=now.date())


def _request_for_family(public_id: str) -> CorrectionRequest:
    item = db.session().scalar(select(CorrectionRequest).where(CorrectionRequest.public_id == public_id))
    if item is None:
        abort(404)
    _family_access(item.student.public_id, item.category)
    return item


@bp.get("/corrections/<public_id>")
@requires(*FAMILY_ROLES)
def show(public_id: str):
    item = _request_for_family(public_id)
    return render_template("corrections/show.html", item=item, today=policy.now().date(), error=None)


@bp.post("/corrections/<public_id>/statement")
@requires(*FAMILY_ROLES)
def statement(public_id: str):
    item = _request_for_family(public_id)
    s = db.session()
    try:
        workflow.add_statement(s, item, current_user._get_current_object(), request.form.get("statement"), policy.now())
    except workflow.CorrectionError as problem:
        s.rollback()
        item = _request_for_family(public_id)
        return render_template("corrections/show.html", item=item, today=policy.now().date(), error=str(problem),
                               text=request.form.get("statement", "")), 422
    s.commit()
    flash(_("Your statement is now kept with the record."), "info")
    return redirect(url_for("corrections.show", public_id=public_id), code=303)
