"""Reading the portfolio forms: plain dictionaries in, checked values and plain-language errors out.

Server-side forms (CSRF comes from the app's CSRFProtect), so every page works without JavaScript.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Mapping, Optional
from urllib.parse import urlsplit

from flask_babel import gettext as _

from webapp.models import ACTIVITY_KINDS, VISIBILITIES

TITLE_MAX, SUBJECT_MAX, CODE_MAX, TEXT_MAX, URL_MAX = 120, 60, 60, 4000, 500
MAX_HOURS = Decimal("10000")


@dataclass
class Checked:
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)


def _line(form: Mapping, key: str, limit: int) -> str:
    return " ".join(str(form.get(key, "")).split())[:limit]


def _text(form: Mapping, key: str, limit: int = TEXT_MAX) -> Optional[str]:
    value = str(form.get(key, "")).replace("\r\n", "\n").strip()[:limit]
    return value or None


def _day(form: Mapping, key: str, out: Checked, today: date, *, future_ok: bool = False) -> Optional[date]:
    raw = str(form.get(key, "")).strip()
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        out.errors[key] = _("Choose a date.")
        return None
    if not future_ok and day > today:
        out.errors[key] = _("The date cannot be in the future.")
    return day


def _visibility(form: Mapping, out: Checked) -> str:
    value = form.get("visibility", "family")
    if value not in VISIBILITIES:
        out.errors["visibility"] = _("Choose who can see it.")
        return "family"
    return value


def work_form(form: Mapping, today: date) -> Checked:
    out = Checked()
    v = out.values
    v["title"] = _line(form, "title", TITLE_MAX)
    if not v["title"]:
        out.errors["title"] = _("Give it a short title.")
    v["subject"] = _line(form, "subject", SUBJECT_MAX)
    if not v["subject"]:
        out.errors["subject"] = _("Say which subject or skill it shows, for example Art or Writing.")
    v["standard_code"] = _line(form, "standard_code", CODE_MAX) or None
    v["made_on"] = _day(form, "made_on", out, today)
    v["reflection"] = _text(form, "reflection")
    link = _line(form, "link_url", URL_MAX) or None
    if link is not None:
        parts = urlsplit(link)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            out.errors["link_url"] = _("Type a full web address that starts with https://")
    v["link_url"] = link
    v["visibility"] = _visibility(form, out)
    v["personal_best"] = form.get("personal_best") == "yes"
    return out


def goal_form(form: Mapping, today: date) -> Checked:
    out = Checked()
    v = out.values
    v["title"] = _line(form, "title", TITLE_MAX)
    if not v["title"]:
        out.errors["title"] = _("Write your goal in a few words, for example “Read 20 books this year”.")
    v["detail"] = _text(form, "detail")
    v["target_on"] = _day(form, "target_on", out, today, future_ok=True)
    v["visibility"] = _visibility(form, out)
    return out


def check_in_form(form: Mapping) -> Checked:
    out = Checked()
    v = out.values
    v["note"] = _text(form, "note", 2000)
    if not v["note"]:
        out.errors["note"] = _("Write a sentence about how it is going.")
    raw = str(form.get("progress", "")).strip().rstrip("%")
    v["progress"] = None
    if raw:
        if raw.isdigit() and 0 <= int(raw) <= 100:
            v["progress"] = int(raw)
        else:
            out.errors["progress"] = _("Type a number from 0 to 100.")
    v["done"] = form.get("done") == "yes"
    return out


def activity_form(form: Mapping, today: date) -> Checked:
    out = Checked()
    v = out.values
    v["kind"] = form.get("kind", "activity")
    if v["kind"] not in ACTIVITY_KINDS:
        out.errors["kind"] = _("Choose activity or community service.")
    v["title"] = _line(form, "title", TITLE_MAX)
    if not v["title"]:
        out.errors["title"] = _("Give it a short title.")
    v["organization"] = _line(form, "organization", TITLE_MAX) or None
    v["started_on"] = _day(form, "started_on", out, today)
    v["ended_on"] = _day(form, "ended_on", out, today)
    if v["started_on"] and v["ended_on"] and v["ended_on"] < v["started_on"]:
        out.errors["ended_on"] = _("The end date is before the start date.")
    raw = str(form.get("hours", "")).strip().replace(",", ".")
    v["hours"] = None
    if raw:
        try:
            hours = Decimal(raw)
        except InvalidOperation:
            hours = None
        if hours is None or not (Decimal("0") < hours <= MAX_HOURS):
            out.errors["hours"] = _("Type the number of hours, for example 12 or 2.5.")
        else:
            v["hours"] = hours.quantize(Decimal("0.01"))
    elif v["kind"] == "service":
        out.errors["hours"] = _("Type how many hours of service you did.")
    v["description"] = _text(form, "description")
    v["visibility"] = _visibility(form, out)
    return out
