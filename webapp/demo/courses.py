"""What each grade takes at the middle and the high school, with state course codes and a–g areas.

State course codes are CALPADS course groups valid from 2019-20 (CALPADS_course_groups_validcodes_v12).
The a–g code is what SCSC 10.19 reports: A history, B English, C math, D lab science, E language
other than English, F arts, G* a college-prep elective (GA…GO); blank when the course is not a–g.
Middle schools report year-long courses (term FY) without credits; the high school reports each
course as two semesters (S1, S2) of 5 credits.
"""
from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Course:
    local_id: str  # CRS-Local Course ID, at most 10 characters
    name: str
    state_code: str
    ag: str
    dept: str  # teaching department, used to give sections a teacher

    @property
    def ap(self) -> bool:
        return self.name.startswith("AP ")


def _c(local_id: str, name: str, state_code: str, ag: str, dept: str) -> Course:
    return Course(local_id, name, state_code, ag, dept)


ELD = _c("ELD", "English Language Development", "9104", "", "ELD")
MIDDLE_CORE = {
    6: (_c("ENG6", "English 6", "9100", "", "ENG"), _c("MATH6", "Math 6", "9240", "", "MATH"),
        _c("SCI6", "Science 6", "9320", "", "SCI"), _c("HIST6", "Ancient Civilizations", "9170", "", "HIST"),
        _c("PE6", "Physical Education 6", "9311", "", "PE")),
    7: (_c("ENG7", "English 7", "9100", "", "ENG"), _c("MATH7", "Math 7", "9240", "", "MATH"),
        _c("SCI7", "Life Science", "9322", "", "SCI"), _c("HIST7", "World History 7", "9172", "", "HIST"),
        _c("PE7", "Physical Education 7", "9311", "", "PE")),
    8: (_c("ENG8", "English 8", "9100", "", "ENG"), _c("MATH8", "Math 8", "9240", "", "MATH"),
        _c("SCI8", "Physical Science", "9323", "", "SCI"), _c("HIST8", "U.S. History 8", "9173", "", "HIST"),
        _c("PE8", "Physical Education 8", "9311", "", "PE")),
}
ALGEBRA_8 = _c("ALG1M", "Algebra I", "9249", "C", "MATH")
MIDDLE_ELECTIVES = (
    _c("ARTM", "Art", "9000", "", "ART"), _c("BANDM", "Band", "9291", "", "ART"),
    _c("CHOIRM", "Choir", "9293", "", "ART"), _c("CSM", "Computer Science", "9061", "", "ELEC"),
    _c("DRAMAM", "Drama", "9090", "", "ART"), _c("SPNSM", "Spanish for Spanish Speakers", "9134", "", "WL"),
)

RSP = _c("RSP", "Learning Center (RSP)", "9231", "", "SPED")

# Each high-school slot is (rule, options): "fixed" one course, "track" the second option for strong
# students in that subject, "choice" any option.
HIGH = {
    9: (("fixed", (_c("ENG9", "English 9", "9105", "B", "ENG"),)),
        ("track", (_c("ALG1", "Algebra I", "9249", "C", "MATH"), _c("GEOM", "Geometry", "9255", "C", "MATH"))),
        ("fixed", (_c("LIVEARTH", "The Living Earth", "9331", "D", "SCI"),)),
        ("fixed", (_c("ETHSTUD", "Ethnic Studies", "9179", "A", "HIST"),)),
        ("fixed", (_c("PE1", "Physical Education I", "9314", "", "PE"),)),
        ("choice", (_c("SPAN1", "Spanish 1", "9130", "E", "WL"), _c("SPNS1", "Spanish for Native Speakers 1", "9134", "E", "WL"),
                    _c("ART1", "Art 1", "9000", "F", "ART")))),
    10: (("fixed", (_c("ENG10", "English 10", "9106", "B", "ENG"),)),
         ("track", (_c("GEOM", "Geometry", "9255", "C", "MATH"), _c("ALG2", "Algebra II", "9252", "C", "MATH"))),
         ("fixed", (_c("CHEMEARTH", "Chemistry in the Earth System", "9332", "D", "SCI"),)),
         ("fixed", (_c("WHIST", "World History", "9172", "A", "HIST"),)),
         ("fixed", (_c("PE2", "Physical Education II", "9315", "", "PE"),)),
         ("choice", (_c("SPAN2", "Spanish 2", "9131", "E", "WL"), _c("SPNS2", "Spanish for Native Speakers 2", "9135", "E", "WL"),
                     _c("ART2", "Art 2", "9000", "F", "ART")))),
    11: (("track", (_c("ENG11", "English 11", "9107", "B", "ENG"), _c("APLANG", "AP English Language", "9119", "B", "ENG"))),
         ("track", (_c("ALG2", "Algebra II", "9252", "C", "MATH"), _c("PRECALC", "Pre-Calculus", "9257", "C", "MATH"))),
         ("track", (_c("PHYSUNIV", "Physics of the Universe", "9333", "D", "SCI"), _c("APBIO", "AP Biology", "9350", "D", "SCI"))),
         ("track", (_c("USHIST", "U.S. History", "9173", "A", "HIST"), _c("APUSH", "AP U.S. History", "9194", "A", "HIST"))),
         ("choice", (_c("SPAN3", "Spanish 3", "9132", "E", "WL"), _c("CERAMICS", "Ceramics", "9000", "F", "ART"))),
         ("choice", (_c("PSYCH", "Psychology", "9177", "GA", "HIST"), _c("ECS", "Exploring Computer Science", "9061", "GO", "ELEC"),
                     _c("AVID11", "AVID", "9211", "", "ELEC")))),
    12: (("track", (_c("ENG12", "English 12", "9108", "B", "ENG"), _c("APLIT", "AP English Literature", "9118", "B", "ENG"))),
         ("track", (_c("STATS", "Statistics", "9259", "C", "MATH"), _c("APCALC", "AP Calculus AB", "9268", "C", "MATH"))),
         ("fixed", (_c("ANATOMY", "Anatomy and Physiology", "9335", "D", "SCI"),)),
         ("fixed", (_c("GOVECON", "Government and Economics", "9174", "A", "HIST"),)),
         ("choice", (_c("MUSPROD", "Music Production", "9298", "F", "ART"), _c("CERAMICS", "Ceramics", "9000", "F", "ART"))),
         ("choice", (_c("WORKEXP", "Work Experience", "9501", "", "ELEC"), _c("ECS", "Exploring Computer Science", "9061", "GO", "ELEC")))),
}
SUBJECT_OF = {"ENG": "ela", "HIST": "ela", "MATH": "math", "SCI": "math"}


def schedule(rng: random.Random, grade: int, strength: dict[str, float], english_learner: bool,
             iep: bool) -> list[Course]:
    """The year's courses for a student in grades 6–12 (elementary grades have no course records).

    `strength` maps "ela" and "math" to the student's standing (a z-score) that year.
    """
    if grade in MIDDLE_CORE:
        core = list(MIDDLE_CORE[grade])
        if grade == 8 and strength["math"] > 0.7:
            core[1] = ALGEBRA_8
        electives = rng.sample(MIDDLE_ELECTIVES, 2)
        courses = core + [electives[0], ELD if english_learner else electives[1]]
    else:
        courses = []
        for rule, options in HIGH[grade]:
            if rule == "fixed":
                courses.append(options[0])
            elif rule == "track":
                bar = 0.5 if options[1].dept == "MATH" and not options[1].ap else 1.0
                courses.append(options[1] if strength[SUBJECT_OF[options[0].dept]] > bar else options[0])
            else:
                courses.append(rng.choice(options))
        if english_learner:
            courses[-1] = ELD
    if iep:
        courses[-2 if english_learner else -1] = RSP
    return courses
