"""The "Share with someone" form as a draft: read, checked, kept between the form, the preview and the
passkey confirmation, and hashed so the passkey signs exactly these terms.

The draft lives in the signed session cookie until it is confirmed (nothing is stored before that).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Mapping, Optional

from flask import session as cookie
from flask_babel import gettext as _

import consent

from ..auth.stepup import payload_hash
from .labels import DURATION_LABELS, KIND_LABELS

EMAIL_MAX = 254
NAME_MAX = 120
SCHOOL_YEAR_LAST_MONTH_DAY = (6, 30)  # CALPADS academic years run 1 July – 30 June
SENSITIVE = frozenset(c.code for c in consent.CATEGORIES if c.sensitive)


def school_year_end(today: date) -> date:
    """The last day of the school year `today` falls in (30 June)."""
    month, day = SCHOOL_YEAR_LAST_MONTH_DAY
    year = today.year + 1 if (today.month, today.day) > (month, day) else today.year
    return date(year, month, day)


@dataclass(frozen=True)
class Draft:
    """What the family typed, cleaned. `existing` is the public id of a recipient account the family
    already shares with (then no invitation is needed)."""

    student: str
    kind: str = ""
    name: str = ""
    email: str = ""
    categories: tuple[str, ...] = ()
    sensitive_ok: bool = False
    purpose: str = ""
    duration: str = ""
    until: Optional[str] = None  # ISO date for the "until" choice
    may_contribute: bool = False
    existing: Optional[str] = None
    errors: dict = field(default_factory=dict, compare=False)

    def terms(self) -> dict:
        """The terms the passkey signs (everything but the errors)."""
        terms = asdict(self)
        terms.pop("errors")
        terms["categories"] = list(self.categories)
        return terms

    def hash(self) -> str:
        return payload_hash(self.terms())

    @property
    def sensitive_chosen(self) -> list[str]:
        return [c for c in self.categories if c in SENSITIVE]


def from_form(student_public_id: str, form: Mapping, known_recipients: Mapping[str, object]) -> Draft:
    """Read and check the form; the draft's `errors` maps field name -> message (empty when all is well)."""
    errors: dict[str, str] = {}
    existing = form.get("existing") or None
    if existing and existing not in known_recipients:
        existing = None
        errors["existing"] = _("Choose someone from the list, or someone new.")
    kind = form.get("kind", "")
    name = " ".join(form.get("name", "").split())[:NAME_MAX]
    email = form.get("email", "").strip()[:EMAIL_MAX]
    if existing:
        recipient = known_recipients[existing]
        kind, name, email = recipient.kind, recipient.name, ""
    else:
        if kind not in KIND_LABELS:
            errors["kind"] = _("Choose who you are sharing with.")
        if not name:
            errors["name"] = _("Type their name.")
        if email and ("@" not in email or email.startswith("@") or email.endswith("@") or " " in email):
            errors["email"] = _("Check the email address, or leave it empty.")
    chosen = [c for c in consent.CATEGORY_CODES if c in set(form.getlist("categories"))]
    if not chosen:
        errors["categories"] = _("Choose at least one kind of record to share.")
    sensitive_ok = form.get("sensitive_ok") == "yes"
    if any(c in SENSITIVE for c in chosen) and not sensitive_ok:
        errors["sensitive_ok"] = _("You chose private records. Tick the box to confirm you want to share them.")
    purpose = " ".join(form.get("purpose", "").split())
    if not purpose:
        errors["purpose"] = _("Say why you are sharing, for example “help with math”.")
    elif len(purpose) > consent.PURPOSE_MAX_LENGTH:
        errors["purpose"] = _("Keep the reason under %(n)s characters.", n=consent.PURPOSE_MAX_LENGTH)
    duration = form.get("duration", "")
    until = form.get("until") or None
    if duration not in DURATION_LABELS:
        errors["duration"] = _("Choose how long to share.")
    elif duration == "until":
        try:
            until = date.fromisoformat(until or "").isoformat()
        except ValueError:
            errors["until"] = _("Choose the last day of sharing.")
            until = None
    else:
        until = None
    return Draft(
        student=student_public_id, kind=kind, name=name, email=email, categories=tuple(chosen),
        sensitive_ok=sensitive_ok, purpose=purpose, duration=duration, until=until,
        may_contribute=form.get("may_contribute") == "yes", existing=existing, errors=errors,
    )


def window(draft: Draft, start: datetime, student: consent.StudentFacts, role: consent.Role) -> consent.Window:
    """The sharing window for the draft starting at `start`; ValueError (consent's plain words) if impossible."""
    return consent.grant_window(
        draft.duration, start, student.birth_date, role, school_year_end(start.date()),
        until=date.fromisoformat(draft.until) if draft.until else None, emancipated=student.emancipated,
    )


def _key(student_public_id: str) -> str:
    return f"share_draft:{student_public_id}"


def keep(draft: Draft) -> None:
    cookie[_key(draft.student)] = draft.terms()


def load(student_public_id: str) -> Draft | None:
    terms = cookie.get(_key(student_public_id))
    if not terms:
        return None
    return Draft(**{**terms, "categories": tuple(terms["categories"])})


def forget(student_public_id: str) -> None:
    cookie.pop(_key(student_public_id), None)
