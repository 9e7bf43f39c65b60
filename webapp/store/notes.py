"""Teacher notes and family statements in the read model: two queries per 500 students.

    with_notes(session, {id: Backpack}) -> {id: Backpack}   narratives and statements filled in
    students_with_profile_rows(session, ids) -> {id}         who has any learner profile row at all

Only published notes enter (a draft is the teacher's own). Statements go wherever their record goes:
`to_json` keeps the ones whose category it includes, so pages, the recipient view and every export show
them next to the record they are about (FERPA 34 CFR 99.21(c)).
"""
from __future__ import annotations

import dataclasses
from typing import Iterable

from sqlalchemy import bindparam, select, union
from sqlalchemy.orm import Session

from webapp.models import Activity, Badge, CorrectionRequest, Goal, PortfolioItem, as_utc
from webapp.models import FamilyStatement as StatementRow
from webapp.models import TeacherNote as NoteRow

from .parts import Backpack, FamilyStatement, TeacherNote

CHUNK = 500


def with_notes(session: Session, backpacks: dict[int, Backpack]) -> dict[int, Backpack]:
    ids = sorted(backpacks)
    notes: dict[int, list[TeacherNote]] = {}
    statements: dict[int, list[FamilyStatement]] = {}
    for chunk in _chunks(ids):
        for row in session.scalars(
                select(NoteRow).where(NoteRow.student_id.in_(chunk), NoteRow.published_at.is_not(None))
                .order_by(NoteRow.student_id, NoteRow.published_at.desc(), NoteRow.id.desc())):
            notes.setdefault(row.student_id, []).append(TeacherNote(
                term=row.term, text=row.text, author=row.author_name, published_on=as_utc(row.published_at).date()))
        for row, reason in session.execute(
                select(StatementRow, CorrectionRequest.decision_note)
                .join(CorrectionRequest, CorrectionRequest.id == StatementRow.request_id)
                .where(StatementRow.student_id.in_(chunk))
                .order_by(StatementRow.student_id, StatementRow.created_at, StatementRow.id)):
            statements.setdefault(row.student_id, []).append(FamilyStatement(
                category=row.category, record=row.field_label, statement=row.text, written_by=row.author_name,
                written_on=as_utc(row.created_at).date(), school_reason=reason))
    return {i: dataclasses.replace(b, narratives=tuple(notes.get(i, ())), statements=tuple(statements.get(i, ())))
            for i, b in backpacks.items()}


def students_with_profile_rows(session: Session, ids: list[int]) -> set[int]:
    """Students with any portfolio item, goal, badge, activity, published note or statement (one query
    per 500 students), so loading skips the profile queries for everyone else."""
    found: set[int] = set()
    for chunk in _chunks(sorted(set(ids))):
        found.update(session.scalars(_ANY_PROFILE_ROW, {"ids": chunk}))
    return found


def _any_profile_row():
    """Built once: it runs on every family page, and building a six-part union costs more than running it."""
    ids = bindparam("ids", expanding=True)
    return union(
        *(select(table.student_id).where(table.student_id.in_(ids))
          for table in (PortfolioItem, Goal, Badge, Activity, StatementRow)),
        select(NoteRow.student_id).where(NoteRow.student_id.in_(ids), NoteRow.published_at.is_not(None)),
    )


_ANY_PROFILE_ROW = _any_profile_row()


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]
