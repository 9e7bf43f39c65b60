"""The few named demo students that sign-in links and walkthroughs point at.

Their SSIDs never change (ordinary demo SSIDs start with 3, these with 4), so links, docs
and tests can name them. Grades are for the current school year of the generated district.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class ShowcaseStudent:
    ssid: str
    first_name: str
    last_name: str
    grade: str  # CALPADS grade code in the current school year
    role: str  # who signs in to see this record: "guardian", "student" or "adult student"
    guardian: str | None  # the guardian's name as reported on SINF (Guardian 1)
    story: str  # what the record shows, for people trying the demo (translated when shown)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


MAYA = ShowcaseStudent(
    "4000000017", "Maya", "Hernández", "04", "guardian", "Rosa Hernández",
    _l("English learner moving up in ELPAC levels, free meals, missing many school days this year"),
)
LEO = ShowcaseStudent(
    "4000000025", "Leo", "Hernández", "09", "guardian", "Rosa Hernández",
    _l("Maya's brother: reclassified (RFEP) in grade 5, 504 plan, a-g courses, one suspension in grade 8"),
)
LEO_STUDENT = ShowcaseStudent(
    LEO.ssid, LEO.first_name, LEO.last_name, LEO.grade, "student", None,
    _l("Leo signs in himself: his own record and learner profile"),
)
THAO = ShowcaseStudent(
    "4000000033", "Thảo", "Nguyễn", "07", "guardian", "Lan Nguyễn",
    _l("Newcomer from Vietnam: English status changed from TBD to English learner, reduced-price meals"),
)
DANIEL = ShowcaseStudent(
    "4000000041", "Daniel", "Ortiz", "12", "adult student", None,
    _l("Senior who turned 18, so he now decides who sees his records; IEP, a-g progress"),
)

DEMO_SHOWCASE: tuple[ShowcaseStudent, ...] = (MAYA, LEO, LEO_STUDENT, THAO, DANIEL)


def showcase() -> tuple[ShowcaseStudent, ...]:
    """The showcase students, one entry per role (Leo appears as a guardian's child and as a student)."""
    return DEMO_SHOWCASE
