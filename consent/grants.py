"""The grant: what a family agreed to share, with whom, why and for how long, as one immutable value."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from .categories import CATEGORY_CODES
from .dates import last_day, long_date, require_aware
from .limits import PURPOSE_MAX_LENGTH, latest_end
from .parties import Grantor, Recipient


def clean_categories(codes: Iterable[str]) -> frozenset[str]:
    """The codes as a frozenset; refuse an empty choice or a code that is not a sharing category."""
    if isinstance(codes, str):
        raise ValueError("categories must be a collection of codes, not one string")
    chosen = frozenset(codes)
    if not chosen:
        raise ValueError("Choose at least one kind of record to share.")
    unknown = sorted(chosen.difference(CATEGORY_CODES))
    if unknown:
        raise ValueError(f"unknown sharing categories: {', '.join(unknown)}")
    return chosen


def clean_purpose(text: str) -> str:
    """The family's words with spacing tidied; refuse an empty or over-long purpose."""
    purpose = " ".join(str(text).split())
    if not purpose:
        raise ValueError("Say why you are sharing, for example 'help with math'.")
    if len(purpose) > PURPOSE_MAX_LENGTH:
        raise ValueError(f"Keep the reason for sharing under {PURPOSE_MAX_LENGTH} characters.")
    return purpose


def check_window(starts_at: datetime, ends_at: datetime) -> None:
    """A window must end after it starts and last at most 13 months."""
    require_aware(starts_at, "starts_at")
    require_aware(ends_at, "ends_at")
    if ends_at <= starts_at:
        raise ValueError("Sharing must end after it starts.")
    if ends_at > latest_end(starts_at):
        limit = long_date(last_day(latest_end(starts_at)))
        raise ValueError(f"Sharing can last at most 13 months, so it must end by {limit}.")


@dataclass(frozen=True)
class Grant:
    """The terms a grant was created with. Later changes are events; this value never changes."""

    grant_id: str
    student_id: str
    granted_by: Grantor
    recipient: Recipient
    categories: frozenset[str]
    purpose: str
    starts_at: datetime
    ends_at: datetime
    may_contribute: bool
    created_at: datetime

    def __post_init__(self) -> None:
        if not self.grant_id or not self.student_id:
            raise ValueError("a grant needs a grant id and a student id")
        object.__setattr__(self, "categories", clean_categories(self.categories))
        object.__setattr__(self, "purpose", clean_purpose(self.purpose))
        check_window(self.starts_at, self.ends_at)
        require_aware(self.created_at, "created_at")
        if not isinstance(self.may_contribute, bool):
            raise ValueError("may_contribute must be True or False")
