"""The learner profile in the read model: personal bests, goals, badges, portfolio and activities.

    load_profiles(session, [student ids]) -> {id: {category: tuple}}   seven queries, whatever the count
    with_profiles(session, {id: Backpack}) -> {id: Backpack}           the five fields filled in
    narrowed(backpack, visibilities) -> Backpack                        only rows of these visibilities

Private rows enter the read model only when the student downloads their own record (`private=True`
on load_backpack); otherwise only the student's own "My portfolio" pages read them.
Family rows are in it (guardians read the backpack); pages for anyone outside the family (recipients,
the family's preview of a recipient's page) narrow it to shareable rows with `narrowed`.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Iterable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Activity, Badge, Goal, GoalCheckIn, PersonalBestMark, PortfolioFile, PortfolioItem

SHOWN = ("family", "shareable")
EVERY = ("private", *SHOWN)  # only for the student's own download of their own record
PROFILE_FIELDS = ("personal_bests", "goals", "badges", "portfolio", "activities")


@dataclass(frozen=True)
class FileRef:
    id: str
    kind: str  # image, pdf, text
    media_type: str
    name: str
    has_preview: bool
    width: Optional[int]
    height: Optional[int]


@dataclass(frozen=True)
class Work:
    id: str
    title: str
    subject: str
    standard_code: Optional[str]
    made_on: Optional[date]
    reflection: Optional[str]
    link: Optional[str]
    visibility: str
    personal_best: bool  # the current best in its subject
    files: tuple[FileRef, ...]


@dataclass(frozen=True)
class PastBest:
    id: str
    title: str
    made_on: Optional[date]
    since: date
    until: date
    visibility: str


@dataclass(frozen=True)
class PersonalBest:
    """The current best in one subject, with the earlier bests it replaced (newest first)."""
    id: str  # the work's id
    subject: str
    title: str
    description: Optional[str]  # the student's reflection
    made_on: Optional[date]
    since: date
    visibility: str
    files: tuple[FileRef, ...]
    history: tuple[PastBest, ...]


@dataclass(frozen=True)
class CheckIn:
    on: date
    note: str
    progress: Optional[int]


@dataclass(frozen=True)
class GoalPart:
    id: str
    title: str
    detail: Optional[str]
    target_on: Optional[date]
    status: str  # active, done
    visibility: str
    check_ins: tuple[CheckIn, ...]  # newest first


@dataclass(frozen=True)
class BadgePart:
    id: str
    name: str
    description: Optional[str]
    criteria: Optional[str]
    achievement_type: Optional[str]
    issuer_name: str
    issuer_url: Optional[str]
    issued_on: Optional[date]
    check: str  # verified, signature_only, not_verified
    visibility: str


@dataclass(frozen=True)
class ActivityPart:
    id: str
    kind: str  # activity, service
    title: str
    organization: Optional[str]
    started_on: Optional[date]
    ended_on: Optional[date]
    hours: Optional[Decimal]
    description: Optional[str]
    visibility: str
    confirmed_by: Optional[str]
    confirmed_by_kind: Optional[str]
    confirmed_on: Optional[date]


def _day(moment: Optional[datetime]) -> Optional[date]:
    return moment.date() if moment is not None else None


def load_profiles(session: Session, student_ids: Iterable[int], visibilities: Iterable[str] = SHOWN
                  ) -> dict[int, dict[str, tuple]]:
    """The five profile parts of each student (family and shareable rows, unless the student's own pages
    ask for private ones too)."""
    shown = tuple(visibilities)
    ids = list(dict.fromkeys(student_ids))
    out: dict[int, dict[str, list]] = {i: {f: [] for f in PROFILE_FIELDS} for i in ids}
    if not ids:
        return {}
    items = list(session.scalars(select(PortfolioItem).where(
        PortfolioItem.student_id.in_(ids), PortfolioItem.visibility.in_(shown))
        .order_by(PortfolioItem.student_id, PortfolioItem.position, PortfolioItem.id.desc())))
    files: dict[int, list[FileRef]] = defaultdict(list)
    if items:
        for row in session.scalars(select(PortfolioFile).where(PortfolioFile.item_id.in_([i.id for i in items]))
                                   .order_by(PortfolioFile.id)):
            files[row.item_id].append(FileRef(row.public_id, row.kind, row.media_type, row.name,
                                              row.preview_sha256 is not None, row.width, row.height))
    by_id = {item.id: item for item in items}
    marks = list(session.scalars(select(PersonalBestMark).where(PersonalBestMark.student_id.in_(ids))
                                 .order_by(PersonalBestMark.since.desc(), PersonalBestMark.id.desc())))
    current = {m.item_id for m in marks if m.until is None}
    for item in items:
        out[item.student_id]["portfolio"].append(Work(
            item.public_id, item.title, item.subject, item.standard_code, item.made_on, item.reflection,
            item.link_url, item.visibility, item.id in current, tuple(files[item.id])))
    history: dict[tuple[int, str], list[PastBest]] = defaultdict(list)
    for mark in marks:
        item = by_id.get(mark.item_id)
        if mark.until is not None and item is not None:
            history[(mark.student_id, mark.subject_key)].append(PastBest(
                item.public_id, item.title, item.made_on, _day(mark.since), _day(mark.until), item.visibility))
    for mark in sorted((m for m in marks if m.until is None), key=lambda m: m.subject_key):
        item = by_id.get(mark.item_id)
        if item is None:
            continue  # the current best is private
        out[mark.student_id]["personal_bests"].append(PersonalBest(
            item.public_id, mark.subject, item.title, item.reflection, item.made_on, _day(mark.since),
            item.visibility, tuple(files[item.id]), tuple(history[(mark.student_id, mark.subject_key)])))
    goals = list(session.scalars(select(Goal).where(Goal.student_id.in_(ids), Goal.visibility.in_(shown))
                                 .order_by(Goal.status, Goal.target_on, Goal.id)))
    check_ins: dict[int, list[CheckIn]] = defaultdict(list)
    if goals:
        for row in session.scalars(select(GoalCheckIn).where(GoalCheckIn.goal_id.in_([g.id for g in goals]))
                                   .order_by(GoalCheckIn.at.desc(), GoalCheckIn.id.desc())):
            check_ins[row.goal_id].append(CheckIn(_day(row.at), row.note, row.progress))
    for goal in goals:
        out[goal.student_id]["goals"].append(GoalPart(goal.public_id, goal.title, goal.detail, goal.target_on,
                                                      goal.status, goal.visibility, tuple(check_ins[goal.id])))
    for badge in session.scalars(select(Badge).where(Badge.student_id.in_(ids), Badge.visibility.in_(shown))
                                 .order_by(Badge.issued_on.desc(), Badge.id.desc())):
        out[badge.student_id]["badges"].append(BadgePart(
            badge.public_id, badge.name, badge.description, badge.criteria, badge.achievement_type,
            badge.issuer_name, badge.issuer_url, badge.issued_on, badge.check, badge.visibility))
    for row in session.scalars(select(Activity).where(Activity.student_id.in_(ids), Activity.visibility.in_(shown))
                               .order_by(Activity.started_on.desc(), Activity.id.desc())):
        out[row.student_id]["activities"].append(ActivityPart(
            row.public_id, row.kind, row.title, row.organization, row.started_on, row.ended_on, row.hours,
            row.description, row.visibility, row.confirmed_by_name, row.confirmed_by_kind, _day(row.confirmed_at)))
    return {i: {f: tuple(parts[f]) for f in PROFILE_FIELDS} for i, parts in out.items()}


def with_profiles(session: Session, backpacks: dict, visibilities: Iterable[str] = SHOWN) -> dict:
    """The backpacks with their five learner-profile fields filled in."""
    profiles = load_profiles(session, backpacks, visibilities)
    return {i: dataclasses.replace(b, **profiles[i]) for i, b in backpacks.items()}


def narrowed(backpack, visibilities: Iterable[str] = ("shareable",)):
    """The backpack with only profile rows of these visibilities (recipients see shareable rows only)."""
    keep = set(visibilities)
    bests = tuple(dataclasses.replace(b, history=tuple(h for h in b.history if h.visibility in keep))
                  for b in backpack.personal_bests if b.visibility in keep)
    return dataclasses.replace(
        backpack, personal_bests=bests,
        **{f: tuple(x for x in getattr(backpack, f) if x.visibility in keep) for f in PROFILE_FIELDS
           if f != "personal_bests"})
