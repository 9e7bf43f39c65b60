"""Early-warning signs: attendance, suspensions, low grades this term, and a–g pace.

Each rule reads only recent records (this school year or the last one), uses the district's
thresholds, and says calmly what it saw, what the family can do, and whom to ask.
"""
from __future__ import annotations

from .behavior import is_suspension, latest_recent_year
from .context import Context, either
from .formatting import gettext as _
from .formatting import is_recent, ngettext, percent, school_year
from .grades import last_term, low_mark_courses
from .model import GOOD, WATCH, Signal, Summary


def signals(ctx: Context) -> tuple[Signal, ...]:
    found = (_attendance(ctx), _suspensions(ctx), _low_grades(ctx), _ag(ctx))
    return tuple(s for s in found if s is not None)


def summarize(ctx: Context, found: tuple[Signal, ...] | None = None) -> Summary:
    found = signals(ctx) if found is None else found
    if not found:
        return Summary("early_warning", GOOD, (_("There are no early warning signs right now."),),
                       terms=("early_warning",))
    first = ngettext("There is %(num)s sign to look at.", "There are %(num)s signs to look at.", len(found))
    return Summary("early_warning", WATCH, (first,) + tuple(s.sentence for s in found), terms=("early_warning",))


def _attendance(ctx: Context) -> Signal | None:
    year, limit = ctx.backpack.attendance.latest, ctx.thresholds.attendance_percent
    if year is None or year.percent_missed is None or limit <= 0 or not is_recent(year.academic_year, ctx.today):
        return None
    if year.percent_missed < limit:
        return None
    v, name, when = ctx.voice, ctx.name, school_year(year.academic_year)
    sentence = v.pick(
        _("You missed %(percent)s of school days in %(year)s. The school looks closer at %(limit)s or more.",
          percent=percent(year.percent_missed), year=when, limit=percent(limit)),
        _("%(name)s missed %(percent)s of school days in %(year)s. The school looks closer at %(limit)s or more.",
          name=name, percent=percent(year.percent_missed), year=when, limit=percent(limit)))
    todo = v.pick(_("Tell a teacher or counselor what makes it hard to get to school. They can help you make a plan."),
                  _("Talk with %(name)s about what makes it hard to get to school. The school can help you make a "
                    "plan.", name=name))
    return Signal("attendance", "attendance", sentence, todo, _("The teacher or the school attendance office"))


def _suspensions(ctx: Context) -> Signal | None:
    wanted = ctx.thresholds.suspensions
    year, incidents = latest_recent_year(ctx)
    count = sum(1 for i in incidents if is_suspension(i))
    if wanted <= 0 or count < wanted:
        return None
    v, name, when = ctx.voice, ctx.name, school_year(year)
    sentence = v.pick(
        ngettext("You were suspended %(num)s time in %(year)s.", "You were suspended %(num)s times in %(year)s.",
                 count, year=when),
        ngettext("%(name)s was suspended %(num)s time in %(year)s.",
                 "%(name)s was suspended %(num)s times in %(year)s.", count, name=name, year=when))
    todo = v.pick(_("Ask a counselor or teacher for help with a plan. You can ask to fix the record if it is wrong."),
                  _("Ask the school for a meeting about what happened and what help would work. Check that the "
                    "record is right."))
    return Signal("suspension", "behavior", sentence, todo, _("The principal or the school counselor"))


def _low_grades(ctx: Context) -> Signal | None:
    year, courses = last_term(ctx.backpack.grades)
    marks = ctx.thresholds.low_marks
    if year is None or not marks or not is_recent(year.academic_year, ctx.today):
        return None
    low = low_mark_courses(courses, marks)
    if not low:
        return None
    v, name = ctx.voice, ctx.name
    sentence = v.pick(
        ngettext("You have a grade of %(marks)s in %(num)s class this term.",
                 "You have a grade of %(marks)s in %(num)s classes this term.", len(low), marks=either(marks)),
        ngettext("%(name)s has a grade of %(marks)s in %(num)s class this term.",
                 "%(name)s has a grade of %(marks)s in %(num)s classes this term.", len(low), name=name,
                 marks=either(marks)))
    todo = v.pick(_("Ask your teacher how to bring the grade up. Free tutoring may help."),
                  _("Ask the teacher how %(name)s can bring the grade up. Free tutoring may help.", name=name))
    return Signal("low_grades", "grades", sentence, todo, _("The teacher of each class"),
                  items=tuple(f"{c.name} ({c.final_grade.strip()})" for c in low))


def _ag(ctx: Context) -> Signal | None:
    ready = ctx.backpack.readiness
    if not ctx.thresholds.ag_off_track or ready is None or ready.high_school_years == 0 or ready.ag_on_track:
        return None
    v, name = ctx.voice, ctx.name
    sentence = v.pick(_("You are behind on the a–g courses that UC and CSU ask for."),
                      _("%(name)s is behind on the a–g courses that UC and CSU ask for.", name=name))
    todo = v.pick(_("Meet with your counselor to plan your next classes. Summer classes can help you catch up."),
                  _("Meet with the school counselor to plan the next classes. Summer classes can help catch up."))
    return Signal("ag_off_track", "readiness", sentence, todo, _("The school counselor"))
