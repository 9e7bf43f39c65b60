"""Words the sharing pages show for consent's codes, in the reader's language.

Category names come from the read model's headings (one wording across pages and exports);
recipient kinds, durations and statuses are translated here.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import format_date, format_datetime, get_locale, lazy_gettext as _l

import consent

from ..store.headings import category_heading

KIND_LABELS = {
    "tutor": _l("Tutor"),
    "afterschool_program": _l("Afterschool program"),
    "college": _l("College or university"),
    "other_organisation": _l("Other organization"),
    "relative": _l("Relative"),
}

DURATION_LABELS = {
    "one_time": _l("One time (7 days)"),
    "days_30": _l("30 days"),
    "days_90": _l("90 days"),
    "end_of_school_year": _l("Until the end of the school year"),
    "until": _l("Until a date you choose (at most 13 months)"),
}

STATUS_LABELS = {
    "active": _l("Active"),
    "scheduled": _l("Starts later"),
    "revoked": _l("Stopped"),
    "expired": _l("Ended"),
    "ended_at_18": _l("Ended at 18"),
}

EVENT_LABELS = {
    "granted": _l("Signed and shared"),
    "granted_unsigned": _l("Shared, not signed with a passkey"),  # only the demo's tutor grant
    "changed": _l("Changed"),
    "revoked": _l("Stopped by the family"),
    "expired": _l("Reached its last day"),
    "ended_at_18": _l("Ended: the student turned 18 (or was emancipated)"),
}

SENSITIVE_NOTE = _l("Private. Share only if you are sure.")


def lang() -> str:
    locale = get_locale()
    return locale.language if locale else "en"


def category_label(code: str) -> str:
    return category_heading(code, lang())


def category_list(codes) -> str:
    chosen = set(codes)
    return ", ".join(category_label(c) for c in consent.CATEGORY_CODES if c in chosen)


def kind_label(code: str) -> str:
    return str(KIND_LABELS.get(code, code))


def status_label(status) -> str:
    return str(STATUS_LABELS[str(getattr(status, "value", status))])


def event_label(event) -> str:
    """What happened, in the family's words (a consent event)."""
    if event.kind == "granted" and event.evidence is None:
        return str(EVENT_LABELS["granted_unsigned"])
    return str(EVENT_LABELS[event.kind])


def long_day(moment: date | datetime) -> str:
    """A date the reader's way ("3 March 2027" / "3 de marzo de 2027")."""
    return format_date(moment.date() if isinstance(moment, datetime) else moment, "long")


def last_day(ends_at: datetime) -> str:
    """The last day a window ending (exclusively) at `ends_at` still covers, the reader's way."""
    return long_day((ends_at - timedelta(microseconds=1)).date())


def at_time(moment: datetime) -> str:
    """"3 March 2027, 08:02 PST" in the reader's language and the district's time zone (BACKPACK_TIMEZONE)."""
    pattern = "d 'de' MMMM 'de' y, HH:mm zzz" if lang() == "es" else "d MMMM y, HH:mm zzz"
    return format_datetime(moment, pattern)
