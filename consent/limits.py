"""The limits every grant obeys, whichever way it was made or changed."""
from __future__ import annotations

from datetime import datetime

from .dates import add_months, end_of_day

MAX_MONTHS = 13
PURPOSE_MAX_LENGTH = 200


def latest_end(starts_at: datetime) -> datetime:
    """The latest a grant starting at `starts_at` may end: the end of the same day 13 months later."""
    return end_of_day(add_months(starts_at.date(), MAX_MONTHS), starts_at)
