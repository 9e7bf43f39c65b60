"""The learner-profile categories and the skills gradebook: what is there, or that nothing is yet."""
from __future__ import annotations

from decimal import Decimal

from .context import Context
from .formatting import gettext as _
from .formatting import ngettext
from .model import EMPTY, INFO, Summary

PROFILE = ("gradebook", "personal_bests", "narratives", "goals", "badges", "portfolio", "activities")


def summarize_profile(category: str, ctx: Context) -> Summary:
    items = getattr(ctx.backpack, category)
    if items and category in SAYS:
        return Summary(category, INFO, SAYS[category](items, ctx))
    if items:
        return Summary(category, INFO, (ngettext("There is %(num)s item here.", "There are %(num)s items here.",
                                                 len(items)),))
    return Summary(category, EMPTY, (_empty(category, ctx),))


def _notes(items, ctx: Context) -> tuple[str, ...]:
    return (ngettext("A teacher wrote %(num)s note.", "Teachers wrote %(num)s notes.", len(items)),
            _("The newest is by %(name)s.", name=items[0].author))


def _bests(items, ctx: Context) -> tuple[str, ...]:
    subjects = ", ".join(best.subject for best in items)
    return (ctx.voice.pick(
        ngettext("You picked a personal best in %(num)s subject: %(subjects)s.",
                 "You picked personal bests in %(num)s subjects: %(subjects)s.", len(items), subjects=subjects),
        ngettext("%(name)s picked a personal best in %(num)s subject: %(subjects)s.",
                 "%(name)s picked personal bests in %(num)s subjects: %(subjects)s.", len(items),
                 name=ctx.name, subjects=subjects)),)


def _goals(items, ctx: Context) -> tuple[str, ...]:
    done = sum(1 for goal in items if goal.status == "done")
    said = [ngettext("There is %(num)s goal.", "There are %(num)s goals.", len(items))]
    if done:
        said.append(ngettext("%(num)s is reached.", "%(num)s are reached.", done))
    return tuple(said)


def _works(items, ctx: Context) -> tuple[str, ...]:
    return (ngettext("There is %(num)s piece of work.", "There are %(num)s pieces of work.", len(items)),)


def _badges(items, ctx: Context) -> tuple[str, ...]:
    checked = sum(1 for badge in items if badge.check in ("verified", "signature_only"))
    said = [ngettext("There is %(num)s badge.", "There are %(num)s badges.", len(items))]
    if checked:
        said.append(ngettext("We checked the signature on %(num)s of them.",
                             "We checked the signature on %(num)s of them.", checked))
    return tuple(said)


def _activities(items, ctx: Context) -> tuple[str, ...]:
    hours = sum((a.hours for a in items if a.kind == "service" and a.hours), Decimal(0))
    said = [ngettext("There is %(num)s activity.", "There are %(num)s activities.", len(items))]
    if hours:
        said.append(ngettext("That includes %(num)s hour of service.", "That includes %(num)s hours of service.",
                             hours))
    return tuple(said)


SAYS = {"narratives": _notes, "personal_bests": _bests, "goals": _goals, "portfolio": _works, "badges": _badges,
        "activities": _activities}


def _empty(category: str, ctx: Context) -> str:
    v, name = ctx.voice, ctx.name
    if category == "gradebook":
        return _("The school does not send skills progress yet.")
    if category == "personal_bests":
        return v.pick(_("You have not picked any personal bests yet."),
                      _("%(name)s has not picked any personal bests yet.", name=name))
    if category == "narratives":
        return _("There are no teacher notes yet.")
    if category == "goals":
        return v.pick(_("You have not set any goals yet."), _("%(name)s has not set any goals yet.", name=name))
    if category == "badges":
        return _("There are no badges or awards yet.")
    if category == "portfolio":
        return _("There is nothing in the portfolio yet.")
    return v.pick(_("You have not listed any activities or service yet."),
                  _("No activities or service are listed for %(name)s yet.", name=name))
