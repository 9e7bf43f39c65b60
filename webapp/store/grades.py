"""Grades and transcript: course records by year and term, credits and GPA."""
from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Optional

from sqlalchemy import Row

from webapp import codes

from .parts import Course, GradeYear, Grades, Term
from .rows import Loaded, StudentRows

ZERO = Decimal(0)
POINTS = {"A": 4, "B": 3, "C": 2, "D": 1, "F": 0}


def build_grades(rows: StudentRows, loaded: Loaded) -> Grades:
    by_year: dict[str, list[Row]] = defaultdict(list)
    for row in rows.courses:
        by_year[row.academic_year].append(row)
    grade_levels = _grade_level_by_year(rows)
    years: list[GradeYear] = []
    cumulative = ZERO
    for academic_year in sorted(by_year):
        year_rows = sorted(by_year[academic_year], key=lambda r: (r.term_code, r.name, r.section_id))
        courses = [_course(r) for r in year_rows]
        terms = _terms([r.term_code for r in year_rows], courses)
        earned = _sum(c.credits_earned for c in courses)
        cumulative += earned
        years.append(GradeYear(
            academic_year=academic_year,
            schools=tuple(dict.fromkeys(ref for r in year_rows if (ref := loaded.school(r.school_id)))),
            terms=terms,
            credits_attempted=_sum(c.credits_attempted for c in courses),
            credits_earned=earned,
            cumulative_credits_earned=cumulative,
            gpa=gpa(c.final_grade for c in courses),
            grade_level=grade_levels.get(academic_year),
        ))
    return Grades(
        years=tuple(years),
        credits_earned=cumulative,
        cumulative_gpa=gpa(c.final_grade for y in years for t in y.terms for c in t.courses),
    )


def grade_points(final_grade: Optional[str]) -> Optional[int]:
    """4-point value of a letter grade (A+ and A- count as A); None for P, NP, I, W, blanks."""
    mark = (final_grade or "").strip().upper()
    if mark[:1] in POINTS and mark[1:] in ("", "+", "-"):
        return POINTS[mark[0]]
    return None


def gpa(final_grades: Iterable[Optional[str]]) -> Optional[Decimal]:
    points = [p for p in map(grade_points, final_grades) if p is not None]
    if not points:
        return None
    return (Decimal(sum(points)) / len(points)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _course(row: Row) -> Course:
    return Course(
        name=row.name,
        local_course_id=row.local_course_id,
        section_id=row.section_id,
        teacher_seid=row.teacher_seid,
        teacher_name=f"{row.teacher_first_name} {row.teacher_last_name}" if row.teacher_last_name else None,
        final_grade=row.final_grade,
        credits_attempted=row.credits_attempted,
        credits_earned=row.credits_earned,
        uc_csu_approved=row.uc_csu_approved,
        completed=row.completed,
        state_course_code=row.state_course_code,
        content_area=content_area(row.state_course_code),
        ag_code=row.ag_code,
        instructional_level=row.instructional_level,
    )


def content_area(state_course_code: str) -> Optional[str]:
    """The content-area code of a state course code (course group), or None for an unlisted one."""
    found = codes.row("course_group", state_course_code)
    return found["content_area_code"] if found else None


def _terms(term_codes: list[str], courses: list[Course]) -> tuple[Term, ...]:
    by_term: dict[str, list[Course]] = defaultdict(list)
    for term_code, course in zip(term_codes, courses):
        by_term[term_code].append(course)
    return tuple(Term(courses=tuple(items), term_code=term) for term, items in by_term.items())


def _grade_level_by_year(rows: StudentRows) -> dict[str, str]:
    """The grade of the year's latest enrollment."""
    levels: dict[str, str] = {}
    for e in sorted(rows.enrollments, key=lambda e: (e.start_date, e.id)):
        levels[e.academic_year] = e.grade_level
    return levels


def _sum(values: Iterable[Optional[Decimal]]) -> Decimal:
    return sum((v or ZERO for v in values), ZERO)
