"""Attendance in plain words: days missed, what the share means, the change from the year before."""
from __future__ import annotations

from webapp.store.attendance import CHRONIC_PERCENT

from .context import Context
from .formatting import gettext as _
from .formatting import ngettext, percent, school_year
from .model import EMPTY, GOOD, WATCH, Summary


def summarize(ctx: Context) -> Summary:
    year = ctx.backpack.attendance.latest
    if year is None or year.percent_missed is None:
        return Summary("attendance", EMPTY, (_("The school has not sent attendance yet."),))
    v, name = ctx.voice, ctx.name
    when, n = school_year(year.academic_year), year.days_missed
    if year.days_missed == 0:
        first = v.pick(_("In %(year)s, you did not miss a single school day.", year=when),
                       _("In %(year)s, %(name)s did not miss a single school day.", year=when, name=name))
    else:
        first = v.pick(
            ngettext("In %(year)s, you missed %(num)s school day (%(percent)s).",
                     "In %(year)s, you missed %(num)s school days (%(percent)s).",
                     n, year=when, percent=percent(year.percent_missed)),
            ngettext("In %(year)s, %(name)s missed %(num)s school day (%(percent)s).",
                     "In %(year)s, %(name)s missed %(num)s school days (%(percent)s).",
                     n, year=when, name=name, percent=percent(year.percent_missed)))
    limit = percent(CHRONIC_PERCENT)
    if year.chronic_absence:
        meaning = _("Missing %(limit)s of school days or more is called chronic absence. It can make learning "
                    "harder.", limit=limit)
        step = v.pick(_("Talk to your teacher or a counselor if something makes it hard to get to school."),
                      _("Talk to %(name)s's teacher or the school office if something makes it hard to get to "
                        "school.", name=name))
    else:
        meaning = _("That is less than %(limit)s, the level called chronic absence.", limit=limit)
        step = v.pick(_("Keep coming to school every day. Every day counts."),
                      _("Keep helping %(name)s get to school every day. Every day counts.", name=name))
    sentences = [first, meaning]
    change = _change(ctx)
    if change:
        sentences.append(change)
    return Summary("attendance", WATCH if year.chronic_absence else GOOD, tuple(sentences), step,
                   terms=("chronic_absence",), brief=(first, meaning))


def _change(ctx: Context) -> str | None:
    years = ctx.backpack.attendance.years
    if len(years) < 2 or years[-2].percent_missed is None:
        return None
    now, before = years[-1], years[-2]
    difference = now.days_missed - before.days_missed
    earlier = school_year(before.academic_year)
    if difference == 0:
        return _("That is the same number of days as in %(year)s.", year=earlier)
    if difference < 0:
        return ngettext("That is %(num)s day fewer than in %(year)s.", "That is %(num)s days fewer than in %(year)s.",
                        -difference, year=earlier)
    return ngettext("That is %(num)s day more than in %(year)s.", "That is %(num)s days more than in %(year)s.",
                    difference, year=earlier)
