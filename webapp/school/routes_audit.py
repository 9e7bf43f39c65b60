"""The admin audit log: who did what in the console, newest first (a school admin sees their schools')."""
from __future__ import annotations

from flask import render_template
from sqlalchemy import select

from .. import db
from ..access import requires
from ..models import AdminAuditEntry, District, School, Student
from . import audit
from .blueprint import ADMINS, PAGE_SIZE, bp, current_scope, page_number


@bp.get("/audit")
@requires(*ADMINS)
def audit_log():
    page = page_number()
    scope = current_scope()
    query = (select(AdminAuditEntry, School.name, District.name, Student.first_name, Student.last_name)
             .outerjoin(School, School.id == AdminAuditEntry.school_id)
             .outerjoin(District, District.id == AdminAuditEntry.district_id)
             .outerjoin(Student, Student.id == AdminAuditEntry.student_id)
             .order_by(AdminAuditEntry.id.desc()))
    if not scope.is_district_admin:
        query = query.where(scope.school_filter(AdminAuditEntry.school_id))
    elif not scope.all_schools:  # their schools' entries, and the district-wide ones of their own districts
        query = query.where(scope.school_filter(AdminAuditEntry.school_id) | (
            AdminAuditEntry.school_id.is_(None) & AdminAuditEntry.district_id.in_(sorted(scope.district_ids))))
    rows = db.session().execute(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).all()
    return render_template("school/audit.html", rows=rows[:PAGE_SIZE], more=len(rows) > PAGE_SIZE, page=page,
                           describe=audit.describe)
