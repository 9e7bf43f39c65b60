"""The words of each notice, rendered in the reader's language from the params stored with it."""
from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _

from ..sharing.labels import category_list, kind_label, long_day


def _day(iso: str | None) -> str:
    return long_day(date.fromisoformat(iso)) if iso else ""


def _ended_how(how: str) -> str:
    if how == "revoked":
        return _("Sharing was stopped.")
    if how == "ended_at_18":
        return _("It ended because the student is now responsible for their own records.")
    return _("It reached its end date.")


def render(kind: str, params: dict) -> tuple[str, str]:
    """(title, body) of a notice; call inside the reader's locale (flask_babel.force_locale)."""
    p = dict(params)
    who = _("%(name)s (%(kind)s)", name=p.get("recipient", ""), kind=kind_label(p.get("kind", "")))
    student = p.get("student", "")
    if kind == "grant_new":
        return (_("%(student)s's records are now shared with %(who)s", student=student, who=who),
                _("%(signer)s shared %(categories)s until %(day)s.", signer=p.get("signer", ""),
                  categories=category_list(p.get("categories", [])), day=_day(p.get("last_day"))))
    if kind == "shared_with_you":
        return (_("A family shared %(student)s's records with you", student=student),
                _("%(signer)s shared %(categories)s until %(day)s.", signer=p.get("signer", ""),
                  categories=category_list(p.get("categories", [])), day=_day(p.get("last_day"))))
    if kind == "first_view":
        return (_("%(viewer)s looked at %(student)s's records", viewer=p.get("viewer", ""), student=student),
                _("This is the first time %(who)s opened what you shared: %(categories)s.", who=who,
                  categories=category_list(p.get("categories", []))))
    if kind == "ending_soon":
        return (_("Sharing with %(who)s ends soon", who=who),
                _("%(student)s's records stay shared until %(day)s. To keep sharing after that, share again.",
                  student=student, day=_day(p.get("last_day"))))
    if kind == "grant_ended":
        return (_("Sharing with %(who)s has ended", who=who),
                _("%(who)s can no longer see %(student)s's records.", who=who, student=student) + " "
                + _ended_how(p.get("how", "")))
    if kind == "no_longer_shared":
        return (_("%(student)s's records are no longer shared with you", student=student), _ended_how(p.get("how", "")))
    if kind == "rights_yours":
        return (_("You now decide who sees your school records"),
                _("You are 18 (or emancipated), so you are now responsible for your own records. "
                  "Sharing your parents set up has ended. Open Sharing to choose who sees what."))
    if kind == "rights_passed":
        return (_("%(student)s now decides who sees their records", student=student),
                _("%(student)s is 18 (or emancipated) and now responsible for their own records. "
                  "Sharing you set up has ended. You can still see the records if %(student)s shares them with you.",
                  student=student))
    if kind == "correction":
        return _correction(p)
    if kind == "hours_confirmed":
        return (_("%(author)s confirmed %(student)s's activity", author=p.get("author", ""), student=student),
                _("%(who)s confirmed the hours of “%(title)s”. Their name now shows next to it.", who=who,
                  title=p.get("title", "")))
    if kind == "contribution":
        return (_("%(author)s added to %(student)s's learner profile", author=p.get("author", ""), student=student),
                _("New item: %(title)s. You can hide it on the Sharing page.", title=p.get("title", "")))
    raise ValueError(f"unknown notice kind {kind!r}")


def link(kind: str, params: dict) -> str | None:
    """The page a notice is about, when it has one of its own (a path on this site)."""
    if kind == "correction" and params.get("request"):
        return url_for("corrections.show", public_id=params["request"])
    return None


def _correction(p: dict) -> tuple[str, str]:
    words = {"field": p.get("field", ""), "student": p.get("student", ""), "date": _day(p.get("due_on")),
             "note": p.get("note", "")}
    state = p.get("state")
    if state == "submitted":
        return (_("We received your correction request"),
                _("You asked the school to correct “%(field)s” in %(student)s's records. The school will answer by "
                  "%(date)s.", **words))
    if state == "under_review":
        return (_("The school is looking at your correction request"),
                _("The school started reviewing “%(field)s” in %(student)s's records. It will answer by %(date)s.",
                  **words))
    if state == "accepted":
        return (_("The school accepted your correction request"),
                _("The school agreed to correct “%(field)s” in %(student)s's records. The school wrote: %(note)s",
                  **words))
    if state == "declined":
        return (_("The school declined your correction request"),
                _("The school decided not to change “%(field)s” in %(student)s's records. The reason: %(note)s "
                  "You may add your own statement. It will be kept with this record and shown wherever the record "
                  "is shown or shared.", **words))
    return (_("Your statement was added"),
            _("Your statement about “%(field)s” is now kept with %(student)s's records.", **words))
