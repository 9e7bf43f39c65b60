"""The district's early-warning thresholds: a district admin decides when a family's page shows a sign.

The page shows what each district uses now and where it comes from; saving checks every field and,
when one is wrong, shows the form again with what was typed and what to fix.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from .. import db
from ..access import requires
from ..models import District, EarlyWarningSetting
from ..summaries.formatting import percent
from ..summaries.thresholds import MARKS, Thresholds, configured_for, from_row
from . import audit
from .blueprint import bp, current_scope, me

ATTENDANCE_RANGE = (Decimal(1), Decimal(50))
SUSPENSIONS_MAX = 10


@dataclass
class ThresholdsForm:
    attendance_percent: str
    suspensions: str
    low_marks: tuple[str, ...]
    ag_off_track: bool
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def showing(cls, t: Thresholds) -> "ThresholdsForm":
        return cls(f"{t.attendance_percent.normalize():f}", str(t.suspensions), t.low_marks, t.ag_off_track)

    @classmethod
    def read(cls, form) -> "ThresholdsForm":
        return cls(form.get("attendance_percent", "").strip().replace(",", ".").rstrip("%").strip(),
                   form.get("suspensions", "").strip(), tuple(m for m in MARKS if m in form.getlist("low_marks")),
                   form.get("ag_off_track") == "on")

    def checked(self) -> Thresholds | None:
        """The thresholds typed, or None with `errors` filled in plain words."""
        try:
            percent = Decimal(self.attendance_percent)
            if not ATTENDANCE_RANGE[0] <= percent <= ATTENDANCE_RANGE[1] or percent != percent.quantize(Decimal("0.1")):
                raise InvalidOperation
        except InvalidOperation:
            self.errors["attendance_percent"] = _("Type a number from 1 to 50, like 10 or 7.5.")
        if not self.suspensions.isdigit() or int(self.suspensions) > SUSPENSIONS_MAX:
            self.errors["suspensions"] = _("Type a whole number from 0 to 10. 0 turns this sign off.")
        if self.errors:
            return None
        return Thresholds(attendance_percent=percent, suspensions=int(self.suspensions), low_marks=self.low_marks,
                          ag_off_track=self.ag_off_track)


@dataclass
class DistrictThresholds:
    district: District
    setting: EarlyWarningSetting | None
    form: ThresholdsForm


@bp.get("/early-warning")
@requires("district_admin")
def early_warning():
    return _page(_districts())


@bp.post("/early-warning/<cds_code>")
@requires("district_admin")
def save_early_warning(cds_code: str):
    entries = _districts()
    entry = _entry(entries, cds_code)
    entry.form = ThresholdsForm.read(request.form)
    chosen = entry.form.checked()
    if chosen is None:
        return _page(entries), 422
    s = db.session()
    before = _in_use(entry.district, entry.setting)
    setting = entry.setting or EarlyWarningSetting(district_id=entry.district.id)
    setting.attendance_percent, setting.suspensions = chosen.attendance_percent, chosen.suspensions
    setting.low_marks, setting.ag_off_track = " ".join(chosen.low_marks), chosen.ag_off_track
    setting.updated_by_name = me().display_name[:120]
    s.add(setting)
    audit.record(s, me(), "early_warning_changed", district_id=entry.district.id, district=entry.district.cds_code,
                 before=_described(before), after=_described(chosen))
    s.commit()
    flash(_("Saved. Families of %(district)s see signs with these settings from their next visit.",
            district=entry.district.name), "success")
    return redirect(url_for("school.early_warning", _anchor=f"district-{cds_code}"), code=303)


@bp.post("/early-warning/<cds_code>/defaults")
@requires("district_admin")
def reset_early_warning(cds_code: str):
    entry = _entry(_districts(), cds_code)
    if entry.setting is not None:
        s = db.session()
        audit.record(s, me(), "early_warning_changed", district_id=entry.district.id, district=entry.district.cds_code,
                     before=_described(_in_use(entry.district, entry.setting)),
                     after=_described(configured_for(entry.district.cds_code)))
        s.delete(entry.setting)
        s.commit()
    flash(_("%(district)s uses the standard settings again.", district=entry.district.name), "success")
    return redirect(url_for("school.early_warning", _anchor=f"district-{cds_code}"), code=303)


def _districts() -> list[DistrictThresholds]:
    """The districts this admin runs as a whole, each with its setting (if any) and a form showing what is used."""
    scope = current_scope()
    query = select(District, EarlyWarningSetting).outerjoin(EarlyWarningSetting).order_by(District.name)
    if not scope.all_schools:
        query = query.where(District.id.in_(sorted(scope.district_ids)))
    entries = []
    for district, setting in db.session().execute(query):
        entries.append(DistrictThresholds(district, setting, ThresholdsForm.showing(_in_use(district, setting))))
    return entries


def _entry(entries: list[DistrictThresholds], cds_code: str) -> DistrictThresholds:
    """The district named in the address, if this admin runs it; any other code is a 404."""
    for entry in entries:
        if entry.district.cds_code == cds_code:
            return entry
    abort(404)


def _in_use(district: District, setting: EarlyWarningSetting | None) -> Thresholds:
    return from_row(setting) if setting is not None else configured_for(district.cds_code)


def _described(t: Thresholds) -> dict:
    return {"attendance_percent": str(t.attendance_percent), "suspensions": t.suspensions,
            "low_marks": " ".join(t.low_marks), "ag_off_track": t.ag_off_track}


def _page(entries: list[DistrictThresholds]):
    return render_template("school/early_warning.html", entries=entries, marks=MARKS,
                           standard=configured_for, percent=percent)
