"""Teacher notes: a teacher writes a short note per student per term for the students in their sections,
changes it until it is published, then the family sees it. Admins may write notes for their schools'
students too."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from .. import db, policy
from ..access import requires
from ..models import Student, TeacherNote
from . import notes as note_rules, terms
from .blueprint import bp, current_scope, me
from .routes_students import SEARCH_LIMIT, searchable_students
from .teaching import taught_student_ids, taught_students

STAFF = ("district_admin", "school_admin", "teacher")


def _may_write(student: Student) -> bool:
    if current_scope().administers_student(student):
        return True
    return me().has_role("teacher") and student.id in taught_student_ids(db.session(), me())


def _student_or_404(public_id: str) -> Student:
    access = policy.require(db.session(), me(), public_id, "narratives")
    if not _may_write(access.student):
        abort(404)
    return access.student


@bp.get("/notes")
@requires(*STAFF)
def notes():
    s = db.session()
    q = " ".join(request.args.get("q", "").split())[:60]
    found = []
    if q and current_scope().is_admin:
        like = f"%{q}%"
        found = s.scalars(searchable_students().where(Student.last_name.ilike(like) | Student.first_name.ilike(like) | (Student.ssid == q))
                          .order_by(Student.last_name, Student.first_name).limit(SEARCH_LIMIT)).all()
    return render_template("school/notes.html", taught=taught_students(s, me()) if me().has_role("teacher") else [],
                           q=q, found=found)


def _render_student(student: Student, error: str | None = None, status: int = 200, editing: TeacherNote | None = None):
    s = db.session()
    return render_template("school/notes_student.html", student=student, mine=note_rules.notes_for_author(s, me(), student),
                           terms=terms.choices(policy.now().date()), label=terms.label, error=error, form=request.form,
                           editing=editing, max_length=note_rules.MAX_LENGTH), status


@bp.get("/notes/students/<public_id>")
@requires(*STAFF)
def notes_student(public_id: str):
    return _render_student(_student_or_404(public_id))


@bp.post("/notes/students/<public_id>")
@requires(*STAFF)
def note_create(public_id: str):
    student = _student_or_404(public_id)
    s = db.session()
    try:
        note_rules.save_draft(s, me(), student, request.form.get("term", ""), request.form.get("text", ""))
    except note_rules.NoteError as problem:
        s.rollback()
        return _render_student(_student_or_404(public_id), str(problem), 422)
    s.commit()
    flash(_("Saved. Only you can see it until you publish it."), "info")
    return redirect(url_for("school.notes_student", public_id=public_id), code=303)


def _note_or_404(public_id: str) -> TeacherNote:
    note = db.session().scalar(select(TeacherNote).where(TeacherNote.public_id == public_id,
                                                         TeacherNote.author_id == me().id))
    if note is None:
        abort(404)
    _student_or_404(note.student.public_id)
    return note


@bp.post("/notes/<public_id>")
@requires(*STAFF)
def note_update(public_id: str):
    note = _note_or_404(public_id)
    s = db.session()
    try:
        note_rules.save_draft(s, me(), note.student, note.term, request.form.get("text", ""), note=note)
    except note_rules.NoteError as problem:
        s.rollback()
        note = _note_or_404(public_id)
        return _render_student(note.student, str(problem), 422, editing=note)
    s.commit()
    flash(_("Saved."), "info")
    return redirect(url_for("school.notes_student", public_id=note.student.public_id), code=303)


@bp.post("/notes/<public_id>/publish")
@requires(*STAFF)
def note_publish(public_id: str):
    note = _note_or_404(public_id)
    s = db.session()
    try:
        note_rules.publish(s, note, me())
    except note_rules.NoteError as problem:
        s.rollback()
        note = _note_or_404(public_id)
        return _render_student(note.student, str(problem), 422)
    s.commit()
    flash(_("Published. The family can read it now."), "info")
    return redirect(url_for("school.notes_student", public_id=note.student.public_id), code=303)
