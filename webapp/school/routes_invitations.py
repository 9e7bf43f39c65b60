"""Invitations: one at a time, in bulk from a contacts CSV (preview first, nothing made until confirmed),
letters as one PDF, and cancelling an unused invitation. Every change goes to the admin audit log."""
from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from .. import db, policy
from ..access import requires
from ..models import Invitation, Student
from . import audit, bulk_invites, invite_form
from .blueprint import ADMINS, PAGE_SIZE, bp, current_scope, me, page_number
from .letters import code_matches, letters_pdf
from .scope import schools_administered

SCHOOL_ROLES = ("guardian", "student", "teacher")
MAX_LETTERS = bulk_invites.MAX_ROWS


def visible_invitations():
    """Invitations the school made for students or staff of the schools this account administers."""
    scope = current_scope()
    return (select(Invitation).outerjoin(Student, Student.id == Invitation.student_id)
            .where(Invitation.role.in_(SCHOOL_ROLES),
                   scope.school_filter(Invitation.school_id) | scope.school_filter(Student.school_id)))


@bp.get("/invitations")
@requires(*ADMINS)
def invitations():
    state = request.args.get("state", "open")
    page = page_number()
    now = policy.now()
    query = visible_invitations().order_by(Invitation.created_at.desc(), Invitation.id.desc())
    if state == "open":
        query = query.where(Invitation.used_at.is_(None), Invitation.revoked_at.is_(None), Invitation.expires_at > now)
    rows = db.session().scalars(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).all()
    return render_template("school/invitations.html", invitations=rows[:PAGE_SIZE], more=len(rows) > PAGE_SIZE,
                           page=page, state=state if state == "open" else "all", now=now)


@bp.route("/invitations/new", methods=["GET", "POST"])
@requires(*ADMINS)
def new_invitation():
    s = db.session()
    scope = current_scope()
    schools = schools_administered(s, scope)
    if request.method == "GET":
        form = invite_form.read(request.args)
        return render_template("school/invite_new.html", form=form, schools=schools)
    form = invite_form.check(s, scope, invite_form.read(request.form))
    if form.errors:
        return render_template("school/invite_new.html", form=form, schools=schools), 422
    invitation, code = invite_form.create(s, me(), form)
    school_id = form.school.id if form.school else form.student.school_id
    audit.record(s, me(), "invitation_created", school_id=school_id,
                 student_id=form.student.id if form.student else None, invitation=invitation.public_id, role=form.role)
    s.commit()
    return render_template("school/invitations_made.html", made=[(invitation, code)], skipped=0)


@bp.get("/invitations/bulk")
@requires(*ADMINS)
def bulk_invitations():
    return render_template("school/invite_bulk.html", problem=None)


@bp.post("/invitations/bulk/preview")
@requires(*ADMINS)
def bulk_preview():
    upload = request.files.get("contacts")
    if upload is None or not upload.filename:
        return render_template("school/invite_bulk.html", problem=_("Choose the contacts file.")), 422
    raw = upload.stream.read(bulk_invites.MAX_BYTES + 1)
    if len(raw) > bulk_invites.MAX_BYTES:
        return render_template("school/invite_bulk.html", problem=_("The file is larger than 2 MB; split it.")), 422
    text = bulk_invites.decode(raw)
    result = bulk_invites.preview(db.session(), current_scope(), text, policy.now())
    return render_template("school/invite_bulk_preview.html", result=result, text=text, changed=False)


@bp.post("/invitations/bulk/confirm")
@requires(*ADMINS)
def bulk_confirm():
    """Check the same text again and create only what the preview promised; if anything changed, preview again."""
    s = db.session()
    text = request.form.get("contacts_text", "")
    result = bulk_invites.preview(s, current_scope(), text, policy.now())
    promised = request.form.get("expected", type=int)
    if not result.valid or len(result.valid) != promised:
        return render_template("school/invite_bulk_preview.html", result=result, text=text, changed=True), 409
    made = bulk_invites.create(s, me(), result.valid)
    for school_id in sorted({row.student.school_id for row in result.valid}, key=lambda i: (i is None, i)):
        count = sum(1 for row in result.valid if row.student.school_id == school_id)
        audit.record(s, me(), "invitations_bulk_created", school_id=school_id, count=count)
    s.commit()
    return render_template("school/invitations_made.html", made=made, skipped=len(result.rows) - len(made))


@bp.post("/invitations/letters")
@requires(*ADMINS)
def invitation_letters():
    """Letters for invitations whose codes come back with the request (codes are never stored)."""
    codes = {}
    for pair in request.form.getlist("pair")[:MAX_LETTERS]:
        public_id, _sep, code = pair.partition(" ")
        codes[public_id] = code
    s = db.session()
    found = s.scalars(visible_invitations().where(Invitation.public_id.in_(list(codes)))).all() if codes else []
    pairs = [(inv, codes[inv.public_id]) for inv in found if code_matches(inv, codes[inv.public_id])]
    if not pairs:
        flash(_("These invitations can no longer be printed: they were used or cancelled. Make new ones."), "error")
        return redirect(url_for("school.invitations"), code=303)
    position = {public_id: i for i, public_id in enumerate(codes)}
    pairs.sort(key=lambda pair: position[pair[0].public_id])
    places = {_place_of(inv) for inv, _code in pairs}  # a school, or a district for staff invitations
    for school_id, district_id in sorted(places, key=lambda place: (place[0] is None, place[0] or 0, place[1] or 0)):
        audit.record(s, me(), "letters_printed", school_id=school_id, district_id=district_id,
                     count=sum(1 for inv, _code in pairs if _place_of(inv) == (school_id, district_id)))
    s.commit()
    return Response(letters_pdf(pairs), mimetype="application/pdf",
                    headers={"Content-Disposition": 'attachment; filename="invitation-letters.pdf"'})


def _school_of(invitation: Invitation) -> int | None:
    return invitation.school_id if invitation.student is None else invitation.student.school_id


def _place_of(invitation: Invitation) -> tuple[int | None, int | None]:
    """(school id, None), or (None, district id) for an invitation that names no school."""
    school_id = _school_of(invitation)
    return (school_id, None) if school_id is not None else (None, invitation.district_id)


@bp.post("/invitations/<public_id>/revoke")
@requires(*ADMINS)
def revoke_invitation(public_id: str):
    s = db.session()
    invitation = s.scalar(visible_invitations().where(Invitation.public_id == public_id))
    if invitation is None:
        abort(404)
    if invitation.state(policy.now()) != "open":
        flash(_("This invitation was already used, cancelled or out of date."), "error")
    else:
        invitation.revoked_at = policy.now()
        audit.record(s, me(), "invitation_revoked", school_id=_school_of(invitation), district_id=invitation.district_id,
                     student_id=invitation.student_id, invitation=invitation.public_id)
        s.commit()
        flash(_("The invitation for %(name)s is cancelled; its code no longer works.", name=invitation.name or ""), "info")
    target = request.form.get("next", "")
    if not target.startswith("/school/") or target.startswith("//"):
        target = url_for("school.invitations")
    return redirect(target, code=303)
