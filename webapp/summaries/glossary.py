"""The words families ask about, each explained in one or two short sentences.

Keys are stable (pages link to /glossary#<key with dashes>); summaries name the keys they use.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Term:
    key: str
    word: object  # lazy string
    meaning: object  # lazy string

    @property
    def anchor(self) -> str:
        return self.key.replace("_", "-")


TERMS: tuple[Term, ...] = (
    Term("a_g", _l("a–g courses"),
         _l("The high school classes that the University of California (UC) and California State University (CSU) "
            "ask for. There are seven subject areas, named with the letters a to g. A class counts with a grade of "
            "C or better for UC and CSU (our count also takes a D or a Pass).")),
    Term("achievement_level", _l("Achievement level"),
         _l("Where a state test score falls. The Smarter Balanced tests have four levels: Standard not met, "
            "Standard nearly met, Standard met and Standard exceeded.")),
    Term("caa", _l("CAA (California Alternate Assessments)"),
         _l("State tests for students with the most serious learning needs, as their IEP team decides. They have "
            "three levels.")),
    Term("cast", _l("CAST (science test)"),
         _l("The California Science Test, taken in grades 5 and 8 and once in high school.")),
    Term("chronic_absence", _l("Chronic absence"),
         _l("Missing 10% or more of school days in a year, for any reason. Excused days and suspensions count too.")),
    Term("credits", _l("Credits"),
         _l("Points a high school student earns by passing a class, often 5 for one term. Students need a set "
            "number of credits to graduate (220 in many districts).")),
    Term("early_warning", _l("Early warning signs"),
         _l("Things in the record that often come before a student falls behind: many missed days, suspensions, "
            "low grades, or being behind on a–g classes. They are a reason to talk, not a label.")),
    Term("el", _l("English learner (EL)"),
         _l("A student whose home language is not English and who is still learning English. The school gives "
            "extra help until the student is reclassified.")),
    Term("elpac", _l("ELPAC"),
         _l("The English test for English learners. The first one (Initial ELPAC) decides if a student needs "
            "help. The yearly one (Summative ELPAC) shows progress, from level 1 to level 4.")),
    Term("gpa", _l("GPA (grade point average)"),
         _l("The average of a student's letter grades, where A is 4, B is 3, C is 2, D is 1 and F is 0. "
            "Pass and no-pass grades are left out.")),
    Term("ifep", _l("IFEP"),
         _l("Initially fluent English proficient: the first English test showed the student already knew English "
            "well, so no extra help is needed.")),
    Term("iep", _l("IEP (Individualized Education Program)"),
         _l("A written plan for a student in special education. It lists the services and help the school gives. "
            "The family is part of the team that writes it.")),
    Term("plan_504", _l("504 plan"),
         _l("A plan with changes that help a student with a disability learn in a regular class, like more time on "
            "tests. It is named after a part of a federal law.")),
    Term("rfep", _l("RFEP (reclassified)"),
         _l("Reclassified fluent English proficient: a former English learner who now knows English well enough "
            "to learn without extra English help.")),
    Term("scale_score", _l("Scale score"),
         _l("The number a state test gives, such as 2,480. Scores rise as students move up in grade, so a score "
            "means most next to the levels for that grade.")),
    Term("smarter_balanced", _l("Smarter Balanced tests (CAASPP)"),
         _l("The state tests in English language arts and math, taken each spring in grades 3 to 8 and 11.")),
    Term("suspension", _l("Suspension"),
         _l("When a student must stay away from class or school for a few days because of behavior. Families "
            "can ask the school about the record and how to fix a mistake.")),
)

BY_KEY = {term.key: term for term in TERMS}


def terms_for(keys) -> tuple[Term, ...]:
    """The glossary entries for these keys, each once, in the order given."""
    return tuple(BY_KEY[k] for k in dict.fromkeys(keys) if k in BY_KEY)
