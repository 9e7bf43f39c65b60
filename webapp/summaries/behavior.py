"""Behavior in plain words: incidents and suspensions in the last two school years, calmly."""
from __future__ import annotations

from decimal import Decimal

from webapp.store.parts import Incident

from .context import Context
from .formatting import gettext as _
from .formatting import is_recent, ngettext, school_year
from .model import GOOD, INFO, WATCH, Summary

SUSPENSION_RESULTS = {"100", "110", "200"}  # suspended, suspended inside school, expelled


def is_suspension(incident: Incident) -> bool:
    return any(r.result_code in SUSPENSION_RESULTS for r in incident.results)


def latest_recent_year(ctx: Context) -> tuple[str | None, tuple[Incident, ...]]:
    """The newest school year with incidents, if it is this year or last year, and its incidents."""
    incidents = ctx.backpack.behavior.incidents
    years = [y.academic_year for y in ctx.backpack.behavior.years if is_recent(y.academic_year, ctx.today)]
    if not years:
        return None, ()
    year = years[-1]
    return year, tuple(i for i in incidents if i.academic_year == year)


def summarize(ctx: Context) -> Summary:
    v, name = ctx.voice, ctx.name
    total = len(ctx.backpack.behavior.incidents)
    year, incidents = latest_recent_year(ctx)
    if not incidents:
        first = v.pick(_("The school reported no behavior incidents for you in the last two school years."),
                       _("The school reported no behavior incidents for %(name)s in the last two school years.",
                         name=name))
        sentences = [first]
        if total:
            sentences.append(ngettext("There is %(num)s older incident in the record.",
                                      "There are %(num)s older incidents in the record.", total))
        return Summary("behavior", GOOD, tuple(sentences), terms=("suspension",))
    when = school_year(year)
    sentences = [v.pick(
        ngettext("In %(year)s, the school reported %(num)s incident for you.",
                 "In %(year)s, the school reported %(num)s incidents for you.", len(incidents), year=when),
        ngettext("In %(year)s, the school reported %(num)s incident for %(name)s.",
                 "In %(year)s, the school reported %(num)s incidents for %(name)s.", len(incidents), year=when,
                 name=name))]
    suspensions = [i for i in incidents if is_suspension(i)]
    if suspensions:
        days = sum((i.days for i in suspensions), Decimal(0))
        sentences.append(v.pick(
            ngettext("You were suspended %(num)s time.", "You were suspended %(num)s times.", len(suspensions)),
            ngettext("%(name)s was suspended %(num)s time.", "%(name)s was suspended %(num)s times.",
                     len(suspensions), name=name)))
        if days:
            sentences.append(ngettext("In all, that is %(num)s day away from class.",
                                      "In all, that is %(num)s days away from class.", days))
    step = v.pick(_("You can ask a teacher or counselor for help with a plan. If something in the record is wrong, "
                    "you can ask to fix it."),
                  _("You can ask the school for a meeting to make a plan that helps %(name)s. If something in the "
                    "record is wrong, you can ask to fix it.", name=name))
    return Summary("behavior", WATCH if suspensions else INFO, tuple(sentences), step, terms=("suspension",))
