"""The learner-profile categories and the skills gradebook: what is there, or that nothing is yet."""
from __future__ import annotations

from .context import Context
from .formatting import gettext as _
from .formatting import ngettext
from .model import EMPTY, INFO, Summary

PROFILE = ("gradebook", "personal_bests", "narratives", "goals", "badges", "portfolio", "activities")


def summarize_profile(category: str, ctx: Context) -> Summary:
    items = getattr(ctx.backpack, category)
    if items and category == "narratives":
        return Summary(category, INFO, (ngettext("A teacher wrote %(num)s note.", "Teachers wrote %(num)s notes.",
                                                 len(items)),
                                        _("The newest is by %(name)s.", name=items[0].author)))
    if items:
        return Summary(category, INFO, (ngettext("There is %(num)s item here.", "There are %(num)s items here.",
                                                 len(items)),))
    return Summary(category, EMPTY, (_empty(category, ctx),))


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
