"""Find a student, see who in the family has an account, and re-invite someone who lost every passkey
(the new invitation adds a passkey to the same account, so nothing they set up is lost)."""
from __future__ import annotations

import re

from flask import abort, render_template, request
from sqlalchemy import or_, select

from .. import db, policy
from ..access import requires
from ..auth.invitations import create_invitation
from ..models import Account, GuardianLink, Invitation, Student
from . import audit
from .blueprint import ADMINS, bp, current_scope, me
from .routes_invitations import visible_invitations

SEARCH_LIMIT = 50


def searchable_students():
    """Students of the schools this account administers, as the access policy also allows staff to see them."""
    allowed = sorted(policy.staff_school_ids(db.session(), me()))
    return select(Student).where(current_scope().school_filter(Student.school_id), Student.school_id.in_(allowed))


@bp.get("/students")
@requires(*ADMINS)
def students():
    q = " ".join(request.args.get("q", "").split())[:60]
    found = []
    if q:
        query = searchable_students()
        if re.fullmatch(r"\d{10}", q):
            query = query.where(Student.ssid == q)
        else:
            for word in q.split():
                like = f"%{word}%"
                query = query.where(or_(Student.first_name.ilike(like), Student.last_name.ilike(like),
                                        Student.preferred_first_name.ilike(like)))
        found = db.session().scalars(query.order_by(Student.last_name, Student.first_name).limit(SEARCH_LIMIT)).all()
    return render_template("school/students.html", q=q, found=found, limit=SEARCH_LIMIT)


def _student_or_404(public_id: str) -> Student:
    access = policy.require(db.session(), me(), public_id, "demographics")
    if not current_scope().administers_student(access.student):
        abort(404)
    return access.student


def family_accounts(student: Student) -> list[tuple[Account, GuardianLink | None]]:
    """The student's own account and every linked guardian's, with the link (None for the student)."""
    s = db.session()
    rows = [(account, None) for account in s.scalars(select(Account).where(Account.student_id == student.id))]
    rows += [(account, link) for account, link in s.execute(
        select(Account, GuardianLink).join(GuardianLink, GuardianLink.account_id == Account.id)
        .where(GuardianLink.student_id == student.id).order_by(Account.display_name))]
    return rows


@bp.get("/students/<public_id>")
@requires(*ADMINS)
def student(public_id: str):
    found = _student_or_404(public_id)
    invitations = db.session().scalars(visible_invitations().where(Invitation.student_id == found.id)
                                       .order_by(Invitation.created_at.desc())).all()
    return render_template("school/student.html", student=found, accounts=family_accounts(found),
                           invitations=invitations, now=policy.now())


@bp.post("/students/<public_id>/reinvite")
@requires(*ADMINS)
def reinvite(public_id: str):
    """A new invitation for an existing account of this student's family."""
    found = _student_or_404(public_id)
    account = next((acc for acc, _link in family_accounts(found) if acc.public_id == request.form.get("account")), None)
    if account is None:
        abort(404)
    s = db.session()
    role = "student" if account.student_id == found.id else "guardian"
    invitation, code = create_invitation(s, role=role, student=found, account=account, purpose="reinvite",
                                         name=account.display_name, email=account.email,
                                         language=account.locale if account.locale in ("en", "es") else "en",
                                         created_by=me())
    audit.record(s, me(), "reinvited", school_id=found.school_id, student_id=found.id, invitation=invitation.public_id,
                 account=account.public_id)
    s.commit()
    return render_template("school/invitations_made.html", made=[(invitation, code)], skipped=0)
