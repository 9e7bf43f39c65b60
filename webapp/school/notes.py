"""Teacher notes (the learner profile's `narratives`): a short note per student per term, which its
author may change until it is published; then the family sees it, and so do recipients granted
`narratives`. Published notes reach families, recipients and exports through the read model (webapp.store.notes).
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Account, Student, TeacherNote, utcnow
from . import audit, terms

MAX_LENGTH = 1500


class NoteError(ValueError):
    """The note cannot be saved as asked (the message says why, in plain words)."""


def save_draft(session: Session, author: Account, student: Student, term: str, text: str,
               note: TeacherNote | None = None) -> TeacherNote:
    """Write a new note, or change an unpublished one of the author's; the caller commits."""
    text = (text or "").strip()
    if not text:
        raise NoteError(_("Write the note first."))
    if len(text) > MAX_LENGTH:
        raise NoteError(_("Keep the note under %(max)s characters (it has %(count)s).", max=MAX_LENGTH, count=len(text)))
    if not terms.is_term(term):
        raise NoteError(_("Choose the term the note is about."))
    if note is None:
        taken = session.scalar(select(TeacherNote.id).where(
            TeacherNote.student_id == student.id, TeacherNote.author_id == author.id, TeacherNote.term == term))
        if taken:
            raise NoteError(_("You already wrote a note for this term. Change that one instead."))
        note = TeacherNote(student_id=student.id, author_id=author.id, author_name=author.display_name[:120], term=term,
                           text=text)
        session.add(note)
    else:
        _check_editable(note, author)
        note.text = text
    session.flush()
    return note


def publish(session: Session, note: TeacherNote, author: Account) -> None:
    """Show the note to the family; from now on it cannot be changed."""
    _check_editable(note, author)
    note.published_at = utcnow()
    audit.record(session, author, "note_published", school_id=note.student.school_id, student_id=note.student_id,
                 note=note.public_id, term=note.term)


def _check_editable(note: TeacherNote, author: Account) -> None:
    if note.author_id != author.id:
        raise NoteError(_("Only the teacher who wrote a note can change it."))
    if note.published_at is not None:
        raise NoteError(_("This note is published, so it can no longer be changed."))


def notes_for_author(session: Session, author: Account, student: Student) -> list[TeacherNote]:
    return list(session.scalars(select(TeacherNote).where(
        TeacherNote.student_id == student.id, TeacherNote.author_id == author.id).order_by(TeacherNote.term.desc())))
