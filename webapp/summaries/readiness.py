"""College and career readiness in plain words (grades 9–12): a–g years and credits, and the pace."""
from __future__ import annotations

from .context import Context
from .formatting import gettext as _
from .formatting import ngettext, number
from .model import GOOD, INFO, WATCH, Summary


def summarize(ctx: Context) -> Summary:
    ready, v, name = ctx.backpack.readiness, ctx.voice, ctx.name
    if ready is None:
        return Summary("readiness", INFO, (_("College and career planning starts in grade 9."),))
    sentences = [
        v.pick(_("You have passed %(done)s of the %(needed)s years of a–g courses that UC and CSU ask for.",
                 done=number(ready.ag_years_done), needed=ready.ag_years_required),
               _("%(name)s has passed %(done)s of the %(needed)s years of a–g courses that UC and CSU ask for.",
                 name=name, done=number(ready.ag_years_done), needed=ready.ag_years_required)),
        v.pick(_("You have %(done)s of the %(needed)s credits needed to graduate.",
                 done=number(ready.credits_earned), needed=number(ready.credits_required)),
               _("%(name)s has %(done)s of the %(needed)s credits needed to graduate.",
                 name=name, done=number(ready.credits_earned), needed=number(ready.credits_required))),
    ]
    if ready.high_school_years == 0:
        sentences.append(_("High school has just begun, so there is no pace to check yet."))
        return Summary("readiness", INFO, tuple(sentences), terms=("a_g", "credits"))
    after = ngettext("After %(num)s year of high school:", "After %(num)s years of high school:",
                     ready.high_school_years)
    if ready.on_track:
        sentences.append(v.pick(_("%(after)s you are on track for both.", after=after),
                                _("%(after)s %(name)s is on track for both.", after=after, name=name)))
        step = v.pick(_("Meet with your counselor once a year to check your plan."),
                      _("Meet with the school counselor once a year to check %(name)s's plan.", name=name))
        return Summary("readiness", GOOD, tuple(sentences), step, terms=("a_g", "credits"))
    if not ready.credits_on_track:
        sentences.append(v.pick(_("%(after)s you are behind the pace to graduate on time.", after=after),
                                _("%(after)s %(name)s is behind the pace to graduate on time.", after=after,
                                  name=name)))
    if not ready.ag_on_track:
        sentences.append(v.pick(_("%(after)s you are behind on a–g courses.", after=after),
                                _("%(after)s %(name)s is behind on a–g courses.", after=after, name=name)))
    step = v.pick(_("Ask your counselor for a plan to catch up. Summer classes can help."),
                  _("Ask the school counselor for a plan to catch up. Summer classes can help."))
    return Summary("readiness", WATCH, tuple(sentences), step, terms=("a_g", "credits"))
