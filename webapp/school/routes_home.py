"""The console's front page: what needs doing, by role."""
from __future__ import annotations

from flask import render_template
from sqlalchemy import func, select

from .. import db, policy
from ..access import requires
from ..models import OPEN_CORRECTION_STATES, CorrectionRequest, ImportJob
from .blueprint import bp, current_scope, me
from .routes_imports import visible_jobs
from .teaching import taught_students


@bp.get("/")
@requires("district_admin", "school_admin", "teacher")
def index():
    s = db.session()
    scope = current_scope()
    counts = {}
    if scope.is_admin:
        open_requests = select(func.count(CorrectionRequest.id)).where(
            scope.school_filter(CorrectionRequest.school_id), CorrectionRequest.state.in_(OPEN_CORRECTION_STATES))
        counts["open_corrections"] = s.scalar(open_requests)
        counts["overdue_corrections"] = s.scalar(open_requests.where(CorrectionRequest.due_on < policy.now().date()))
        running = visible_jobs().where(ImportJob.status.in_(("queued", "running"))).subquery()
        counts["running_imports"] = s.scalar(select(func.count()).select_from(running))
    taught = taught_students(s, me()) if me().has_role("teacher") else []
    return render_template("school/index.html", counts=counts, taught_count=len(taught))
