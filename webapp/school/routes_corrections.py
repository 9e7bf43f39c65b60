"""The correction requests queue: open requests by due date (overdue first), then the answered ones.
Staff start a review, accept (saying what they will fix in the source data) or decline with a reason."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import case, select

from .. import db, policy
from ..access import requires
from ..corrections import workflow
from ..models import OPEN_CORRECTION_STATES, CorrectionRequest
from .blueprint import ADMINS, PAGE_SIZE, bp, current_scope, me, page_number


@bp.get("/corrections")
@requires(*ADMINS)
def corrections():
    show = "all" if request.args.get("show") == "all" else "open"
    page = page_number()
    query = select(CorrectionRequest).where(current_scope().school_filter(CorrectionRequest.school_id))
    if show == "open":
        query = query.where(CorrectionRequest.state.in_(OPEN_CORRECTION_STATES)).order_by(
            CorrectionRequest.due_on, CorrectionRequest.id)
    else:
        still_open = case((CorrectionRequest.state.in_(OPEN_CORRECTION_STATES), 0), else_=1)
        query = query.order_by(still_open, CorrectionRequest.due_on, CorrectionRequest.id.desc())
    rows = db.session().scalars(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).all()
    return render_template("school/corrections.html", requests=rows[:PAGE_SIZE], more=len(rows) > PAGE_SIZE, page=page,
                           show=show, today=policy.now().date())


def _request_or_404(public_id: str) -> CorrectionRequest:
    item = db.session().scalar(select(CorrectionRequest).where(CorrectionRequest.public_id == public_id))
    if item is None or not current_scope().administers(item.school_id):
        abort(404)
    policy.require(db.session(), me(), item.student.public_id, item.category)
    return item


@bp.get("/corrections/<public_id>")
@requires(*ADMINS)
def correction(public_id: str):
    return render_template("school/correction.html", item=_request_or_404(public_id), today=policy.now().date(),
                           error=None)


def _step(public_id: str, take_step, done_message: str):
    item = _request_or_404(public_id)
    s = db.session()
    try:
        take_step(s, item)
    except workflow.CorrectionError as problem:
        s.rollback()
        return render_template("school/correction.html", item=_request_or_404(public_id), today=policy.now().date(),
                               error=str(problem), form=request.form), 422
    s.commit()
    flash(done_message, "info")
    return redirect(url_for("school.correction", public_id=public_id), code=303)


@bp.post("/corrections/<public_id>/review")
@requires(*ADMINS)
def correction_review(public_id: str):
    return _step(public_id, lambda s, item: workflow.start_review(s, item, me(), policy.now()),
                 _("You are reviewing this request. The family was told."))


@bp.post("/corrections/<public_id>/accept")
@requires(*ADMINS)
def correction_accept(public_id: str):
    return _step(public_id, lambda s, item: workflow.accept(s, item, me(), request.form.get("note"), policy.now()),
                 _("Accepted. Fix the source data and import it again; the family was told."))


@bp.post("/corrections/<public_id>/decline")
@requires(*ADMINS)
def correction_decline(public_id: str):
    return _step(public_id, lambda s, item: workflow.decline(s, item, me(), request.form.get("reason"), policy.now()),
                 _("Declined. The family was told and may add a statement."))
