"""The recipient's student page, built once for both audiences: a recipient under live grants, and a
family previewing a grant before confirming it ("exactly the page they will see")."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy.orm import Session

import consent

from ..models import Student
from ..sharing import contributions
from ..sharing.labels import category_label, lang
from ..store.backpack import load_backpack, to_json
from ..store.headings import word
from ..store.portfolio import PROFILE_FIELDS, narrowed
from ..summaries import SUMMARIZED, Summary, summarize
from .present import Row, rows

CONTRIBUTED = frozenset(contributions.CATEGORY_OF_KIND.values())


@dataclass(frozen=True)
class SharedBy:
    """One grant the page rests on, as the recipient should understand it."""

    signer: str
    ends_at: datetime
    purpose: str
    categories: tuple[str, ...]
    may_contribute: bool


@dataclass(frozen=True)
class Section:
    code: str
    label: str
    rows: list[Row] = field(default_factory=list)
    items: list[list[Row]] = field(default_factory=list)
    added: list = field(default_factory=list)  # contributions shown in this category
    portfolio: tuple = ()  # the student's own learner-profile rows marked shareable (webapp.store.portfolio)
    empty: str | None = None
    summary: Summary | None = None  # the plain-language summary, as the family reads it but with no next step


def shared_by(states) -> list[SharedBy]:
    """The grants behind a recipient's view (GrantStates), one line each, soonest end first."""
    unique = {s.grant_id: s for s in states}.values()
    return [SharedBy(s.grant.granted_by.display_name, s.ends_at, s.grant.purpose,
                     tuple(c for c in consent.CATEGORY_CODES if c in s.categories), s.may_contribute)
            for s in sorted(unique, key=lambda s: (s.ends_at, s.grant_id))]


def sections(session: Session, student: Student, categories) -> tuple[list[Section], list[dict]]:
    """Each shown category of the student's backpack: its plain-language summary first, then every field
    labelled."""
    chosen = [c for c in consent.CATEGORY_CODES if c in set(categories)]
    if not chosen:
        return [], []
    backpack = narrowed(load_backpack(session, student.id))  # recipients never see private or family rows
    data = to_json(backpack, lang(), chosen)
    summaries = summarize(backpack, "recipient", [c for c in chosen if c in SUMMARIZED]).by_category
    added = {}
    if CONTRIBUTED & set(chosen):
        for item in contributions.for_student(session, student, include_hidden=False):
            added.setdefault(item.category, []).append(item)
    out = []
    for code in chosen:
        value = data[code]
        section = Section(code, category_label(code), added=added.get(code, []))
        if code in PROFILE_FIELDS:
            section = Section(code, section.label, added=section.added, portfolio=getattr(backpack, code))
        elif isinstance(value, dict):
            section = Section(code, section.label, rows=rows(value), added=section.added)
        elif isinstance(value, list) and value:
            section = Section(code, section.label, items=[rows(v) for v in value], added=section.added)
        elif value is None:
            section = Section(code, section.label, empty=word("not_applicable", lang()))
        if not (section.rows or section.items or section.added or section.portfolio or section.empty):
            section = Section(code, section.label, empty=word("empty_later", lang()))
        out.append(replace(section, summary=summaries.get(code)))
    return out, data["statements"]


def student_context(session: Session, student: Student, categories, by: list[SharedBy], *,
                    preview_for: str | None = None, may_add: bool = False) -> dict:
    shown, statements = sections(session, student, categories)
    return {
        "student": student,
        "student_name": f"{student.display_first_name} {student.last_name}",
        "sections": shown,
        "statements": statements,
        "shared_by": by,
        "preview_for": preview_for,
        "may_add": may_add,
    }


def preview_context(session: Session, student: Student, draft, window: consent.Window, signer: str) -> dict:
    """The page the draft's recipient would see, for the family, before anything is saved."""
    by = [SharedBy(signer, window.ends_at, draft.purpose, tuple(draft.categories), draft.may_contribute)]
    return student_context(session, student, draft.categories, by, preview_for=draft.name,
                           may_add=draft.may_contribute)
