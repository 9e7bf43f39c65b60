"""Early-warning thresholds, set per district.

Defaults follow the issue: 10 % of school days missed, any suspension, any D or F this term,
off track for a–g. A district admin sets the district's own on the console's "Early warning" page
(an EarlyWarningSetting row, which wins). Whoever runs the server may change the starting values
in `EARLY_WARNING_THRESHOLDS` (app config), or in the JSON file named by
BACKPACK_EARLY_WARNING_FILE (default instance/early_warning.json):

    {"default": {"attendance_percent": 10},
     "1964733": {"attendance_percent": 8, "suspensions": 2, "low_marks": ["F"], "ag_off_track": false}}

Keys are district CDS codes; each entry changes only the fields it names. Reading a district's
thresholds costs one small query per request (remembered in the request's WSGI environ), so every
page keeps its fixed query count.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from pathlib import Path

from flask import current_app, has_request_context, request
from sqlalchemy import bindparam, select

from webapp import db
from webapp.models import District, EarlyWarningSetting

CONFIG_KEY = "EARLY_WARNING_THRESHOLDS"
FILE_NAME = "early_warning.json"


@dataclass(frozen=True)
class Thresholds:
    attendance_percent: Decimal = Decimal(10)  # share of school days missed that counts as a sign
    suspensions: int = 1  # suspensions in a school year that count as a sign (0 turns the sign off)
    low_marks: tuple[str, ...] = ("D", "F")  # letter grades this term that count as a sign
    ag_off_track: bool = True  # whether being behind on a–g courses counts (grades 9–12)


DEFAULT = Thresholds()


MARKS = ("C", "D", "F")  # the letter grades a district may count as a sign
MEMO = "backpack.early_warning_thresholds"
SETTING_OF_DISTRICT = (  # plain columns, built once: this runs on every family page
    select(EarlyWarningSetting.attendance_percent, EarlyWarningSetting.suspensions, EarlyWarningSetting.low_marks,
           EarlyWarningSetting.ag_off_track)
    .join(District, District.id == EarlyWarningSetting.district_id)
    .where(District.cds_code == bindparam("code"))
)


def thresholds_for(district_cds_code: str | None) -> Thresholds:
    """The thresholds of one district: what the district admin set, else the configured starting values."""
    memo = request.environ.setdefault(MEMO, {}) if has_request_context() else {}
    if district_cds_code not in memo:
        row = db.session().execute(SETTING_OF_DISTRICT, {"code": district_cds_code}).first() \
            if district_cds_code else None
        memo[district_cds_code] = from_row(row) if row is not None else configured_for(district_cds_code)
    return memo[district_cds_code]


def configured_for(district_cds_code: str | None) -> Thresholds:
    """The starting values: the defaults, then the file's "default" entry, then its entry for the district."""
    table = _table()
    chosen = _apply(DEFAULT, table.get("default", {}))
    return _apply(chosen, table.get(district_cds_code or "", {}))


def from_row(row) -> Thresholds:
    """Thresholds from an EarlyWarningSetting (or a row of its four columns)."""
    return Thresholds(attendance_percent=Decimal(row.attendance_percent), suspensions=row.suspensions,
                      low_marks=tuple(row.low_marks.split()), ag_off_track=row.ag_off_track)


def _table() -> dict:
    app = current_app
    cached = app.extensions.get("early_warning_thresholds")
    if cached is None:
        cached = app.config.get(CONFIG_KEY)
        if cached is None:
            path = Path(os.environ.get("BACKPACK_EARLY_WARNING_FILE") or Path(app.instance_path) / FILE_NAME)
            cached = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        app.extensions["early_warning_thresholds"] = cached
    return cached


def _apply(base: Thresholds, changes: dict) -> Thresholds:
    known = {f.name for f in fields(Thresholds)}
    unknown = set(changes) - known
    if unknown:
        raise ValueError(f"unknown early-warning setting(s) {sorted(unknown)}; known: {sorted(known)}")
    values = {}
    for name, value in changes.items():
        if name == "attendance_percent":
            value = Decimal(str(value))
        elif name == "low_marks":
            value = tuple(str(mark).strip().upper() for mark in value)
        elif name == "suspensions":
            value = int(value)
        else:
            value = bool(value)
        values[name] = value
    return replace(base, **values)
