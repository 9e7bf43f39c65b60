"""What the family pages show, assembled from policy decisions, the read model and the summaries.

Every page costs a fixed number of SQL queries whatever the history length: the account's
children and their access decisions (a few per child), then one load_backpacks call.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from consent.categories import CATEGORIES, CATEGORY_CODES
from webapp import policy
from webapp.models import Account
from webapp.policy import StudentAccess
from webapp.store.backpack import load_backpacks
from webapp.store.parts import Backpack
from webapp.summaries import WATCH, Signal, Summaries, Summary, home_categories, summarize

from .readers import reader_kind

BACKPACK_HALF = tuple(c.code for c in CATEGORIES if c.half == "backpack")
PROFILE_HALF = tuple(c.code for c in CATEGORIES if c.half == "profile")


@dataclass(frozen=True)
class Child:
    """One record the signed-in family member may read, worded for them."""
    access: StudentAccess
    kind: str  # guardian or student
    backpack: Backpack
    summaries: Summaries

    @property
    def public_id(self) -> str:
        return self.backpack.public_id

    @property
    def name(self) -> str:
        return self.summaries.voice.name

    @property
    def visible(self) -> tuple[str, ...]:
        """Visible categories in the order of DESIGN.md §2."""
        return tuple(c for c in CATEGORY_CODES if c in self.access.visible)

    @property
    def signals(self) -> tuple[Signal, ...]:
        return self.summaries.signals


@dataclass(frozen=True)
class Card:
    child: Child
    lines: tuple[Summary, ...]
    next_step: str | None

    @property
    def shown(self) -> tuple[str, ...]:
        extra = ("early_warning",) if "early_warning" in self.child.access.visible else ()
        return tuple(line.category for line in self.lines) + extra


def readable_children(session: Session, account: Account, now: datetime) -> list[tuple[StudentAccess, str]]:
    """The account's own record and linked children that policy lets it read now, with the reader kind."""
    found = []
    decided = policy.access_many(session, account, policy.family_students(session, account), now)
    for access in decided.values():
        kind = reader_kind(access) if access is not None and access.visible else None
        if kind is not None:
            found.append((access, kind))
    return found


def children(session: Session, readable: list[tuple[StudentAccess, str]], now: datetime,
             categories: tuple[str, ...] | None = None) -> list[Child]:
    """Load every readable record at once and summarize the visible categories (or only `categories`)."""
    backpacks = load_backpacks(session, [access.student.id for access, _ in readable], as_of=now.date())
    out = []
    for access, kind in readable:
        backpack = backpacks[access.student.id]
        wanted = [c for c in CATEGORY_CODES if c in access.visible and (categories is None or c in categories)]
        out.append(Child(access, kind, backpack, summarize(backpack, kind, wanted)))
    return out


def card(child: Child) -> Card:
    """The home card: one line per card category, and the single most useful next step."""
    codes = home_categories(child.backpack, child.kind, child.access.visible)
    lines = tuple(child.summaries[c] for c in codes)
    if child.signals:
        step = child.signals[0].what_you_can_do
    else:
        watched = [line.next_step for line in lines if line.tone == WATCH and line.next_step]
        step = watched[0] if watched else next((line.next_step for line in lines if line.next_step), None)
    return Card(child, lines, step)

