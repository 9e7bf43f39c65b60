"""College and career readiness (grades 9–12): UC a–g progress and credits toward graduation."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Optional

from .parts import AgArea, Grades, Readiness

HIGH_SCHOOL = ("09", "10", "11", "12")
PASSING_LETTERS = {"A", "B", "C", "D"}
# Share of a school year one course record stands for, by the first letter of its term code:
# full year, semester, trimester, quarter, hexmester. Anything else counts as a semester.
TERM_SHARE = {"F": Fraction(1), "S": Fraction(1, 2), "T": Fraction(1, 3), "Q": Fraction(1, 4), "H": Fraction(1, 6)}


@dataclass(frozen=True)
class ReadinessRules:
    """What counts as ready; districts may ask for more credits than the default 220."""
    credits_required: int = 220
    ag_years: tuple[tuple[str, int], ...] = (("A", 2), ("B", 4), ("C", 3), ("D", 2), ("E", 2), ("F", 1), ("G", 1))


DEFAULT_RULES = ReadinessRules()


def build_readiness(grades: Grades, grade_level: Optional[str], rules: ReadinessRules) -> Optional[Readiness]:
    """None below grade 9: readiness is shown to high-school families only."""
    if grade_level not in HIGH_SCHOOL:
        return None
    done = {area: Fraction(0) for area, _ in rules.ag_years}
    for year in grades.years:
        for term in year.terms:
            for course in term.courses:
                area = ag_area(course.ag_code)
                if area in done and passed(course.final_grade):
                    done[area] += TERM_SHARE.get(term.term_code[:1].upper(), Fraction(1, 2))
    finished = [y for y in grades.years if y.grade_level in HIGH_SCHOOL and any(
        c.completed for t in y.terms for c in t.courses)]
    high_school_years = len(finished)
    credits = sum((y.credits_earned for y in finished), Decimal(0))
    ag_required = sum(years for _, years in rules.ag_years)
    ag_done = sum(done.values(), Fraction(0))
    pace = Fraction(min(high_school_years, 4), 4)
    credits_on_track = Fraction(credits) >= rules.credits_required * pace
    ag_on_track = ag_done >= ag_required * pace
    return Readiness(
        ag_areas=tuple(
            AgArea(years_done=_decimal(done[area]), years_required=required, met=done[area] >= required, area=area)
            for area, required in rules.ag_years
        ),
        ag_years_done=_decimal(ag_done),
        ag_years_required=ag_required,
        high_school_years=high_school_years,
        credits_earned=credits,
        credits_required=rules.credits_required,
        credits_on_track=credits_on_track,
        ag_on_track=ag_on_track,
        on_track=credits_on_track and ag_on_track,
    )


def ag_area(ag_code: Optional[str]) -> Optional[str]:
    """A–F as reported; every college-prep elective code (GA … GO) counts toward G."""
    code = (ag_code or "").strip().upper()
    return code[0] if code and code[0] in "ABCDEFG" else None


def passed(final_grade: Optional[str]) -> bool:
    """A–D (with or without + or −) or P."""
    mark = (final_grade or "").strip().upper()
    return mark == "P" or (mark[:1] in PASSING_LETTERS and mark[1:] in ("", "+", "-"))


def _decimal(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
