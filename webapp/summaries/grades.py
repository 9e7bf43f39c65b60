"""Grades and credits in plain words: GPA, credits so far, and low grades in the last term."""
from __future__ import annotations

from webapp.store.parts import Course, Grades, GradeYear

from .context import Context, either
from .formatting import gettext as _
from .formatting import gpa, ngettext, school_year
from .model import EMPTY, GOOD, INFO, WATCH, Summary

FULL_YEAR = "FY"


def last_term(grades: Grades) -> tuple[GradeYear | None, tuple[Course, ...]]:
    """The latest year and the courses of its last term (full-year courses count in every term)."""
    if not grades.years:
        return None, ()
    year = grades.years[-1]
    terms = [t for t in year.terms if t.term_code != FULL_YEAR]
    latest = max(terms, key=lambda t: t.term_code).term_code if terms else None
    courses = tuple(c for t in year.terms if t.term_code in (FULL_YEAR, latest) for c in t.courses)
    return year, courses


def low_mark_courses(courses, marks: tuple[str, ...]) -> tuple[Course, ...]:
    """Courses whose final grade's letter (plus or minus ignored) is one of `marks`."""
    return tuple(c for c in courses if (c.final_grade or "").strip().upper()[:1] in marks and c.final_grade)


def summarize(ctx: Context) -> Summary:
    grades = ctx.backpack.grades
    year, courses = last_term(grades)
    if year is None:
        return Summary("grades", EMPTY, (_("The school has not sent grades yet."),))
    v, name, when = ctx.voice, ctx.name, school_year(year.academic_year)
    if year.gpa is not None:
        first = v.pick(_("In %(year)s, your grade point average (GPA) was %(gpa)s out of 4.", year=when,
                         gpa=gpa(year.gpa)),
                       _("In %(year)s, %(name)s's grade point average (GPA) was %(gpa)s out of 4.", year=when,
                         name=name, gpa=gpa(year.gpa)))
    else:
        count = sum(len(t.courses) for t in year.terms)
        first = v.pick(ngettext("In %(year)s, you took %(num)s class.", "In %(year)s, you took %(num)s classes.",
                                count, year=when),
                       ngettext("In %(year)s, %(name)s took %(num)s class.",
                                "In %(year)s, %(name)s took %(num)s classes.", count, year=when, name=name))
    sentences = [first]
    low = low_mark_courses(courses, ctx.thresholds.low_marks)
    marks = either(ctx.thresholds.low_marks)
    if low:
        sentences.append(v.pick(
            ngettext("In the last term of %(year)s, you got a grade of %(marks)s in %(num)s class.",
                     "In the last term of %(year)s, you got a grade of %(marks)s in %(num)s classes.",
                     len(low), year=when, marks=marks),
            ngettext("In the last term of %(year)s, %(name)s got a grade of %(marks)s in %(num)s class.",
                     "In the last term of %(year)s, %(name)s got a grade of %(marks)s in %(num)s classes.",
                     len(low), year=when, name=name, marks=marks)))
        step = v.pick(_("Ask your teacher how to bring the grade up. Many schools offer free tutoring."),
                      _("Ask the teacher how %(name)s can bring the grade up. Many schools offer free tutoring.",
                        name=name))
        tone = WATCH
    else:
        step = v.pick(_("Tell your teacher when something is hard. Asking is how you learn."),
                      _("Ask %(name)s which class is the most fun, and which one is hard.", name=name))
        tone = GOOD if year.gpa is not None else INFO
    if grades.credits_earned > 0:
        sentences.append(v.pick(
            ngettext("So far, you have earned %(num)s credit.", "So far, you have earned %(num)s credits.",
                     grades.credits_earned),
            ngettext("So far, %(name)s has earned %(num)s credit.", "So far, %(name)s has earned %(num)s credits.",
                     grades.credits_earned, name=name)))
    return Summary("grades", tone, tuple(sentences), step, terms=("gpa", "credits"), brief=tuple(sentences[:2]))
