"""XML Schema dateTimeStamp values, as Data Integrity proofs and credentials carry them."""
from __future__ import annotations

import re
from datetime import datetime, timezone

_DATE_TIME_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def parse_timestamp(text: object) -> datetime:
    """An aware datetime, or ValueError: a timestamp without a time zone is ambiguous, so refused."""
    if not isinstance(text, str) or not _DATE_TIME_STAMP.match(text):
        raise ValueError(f"{text!r} is not a date-time with a time zone (like 2025-06-30T12:00:00Z)")
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def format_timestamp(moment: datetime) -> str:
    """UTC to the second with a 'Z', the form the specification examples use."""
    return moment.astimezone(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
