"""Plain language: every generated English sentence reads at US grade 8 or below (Flesch–Kincaid, textstat).

Runs over the whole demo district (imported through the real importers) and over factory students
built to hit every branch (chronic absence, suspensions, low grades, English statuses, a–g pace),
for the guardian's and the student's wording.

The child's first name is scored as "Sam": Flesch–Kincaid counts syllables, so "Valentina" alone
would push a five-word sentence past grade 8, yet a family does not find their child's name hard.
Everything else, the labels from the code tables included, is scored as written.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from itertools import product

import textstat
from flask_babel import force_locale
from sqlalchemy import select

from tests.factories import (
    add_attendance,
    add_course,
    add_english_status,
    add_incident,
    add_program,
    add_test_result,
    make_district,
    make_school,
    make_student,
    make_student_with_history,
)
from webapp.models import Student
from webapp.store.backpack import load_backpacks
from webapp.summaries import summarize

MAX_GRADE = 8.0


def _too_hard(app, backpacks) -> dict[str, float]:
    hard = {}
    with app.test_request_context(), force_locale("en"):
        for backpack in backpacks:
            person = backpack.demographics
            name = re.compile(rf"\b{re.escape(person.preferred_first_name or person.first_name)}\b")
            for kind in ("guardian", "student"):
                for sentence in summarize(backpack, kind).sentences():
                    grade = textstat.flesch_kincaid_grade(name.sub("Sam", sentence))
                    if grade > MAX_GRADE:
                        hard[sentence] = grade
    return hard


def test_every_demo_student_summary_is_at_grade_8_or_below(app, db_session, tmp_path):
    from webapp.demo import generate
    from webapp.demo.generator import DEFAULT_TODAY
    from webapp.importers import run_import

    files = generate(tmp_path / "demo")
    for kind, paths in files.by_kind():
        assert run_import(db_session, paths, kind, "test").exit_code == 0
    db_session.commit()
    ids = list(db_session.scalars(select(Student.id)))
    assert len(ids) >= files.students
    backpacks = load_backpacks(db_session, ids, as_of=DEFAULT_TODAY).values()
    assert _too_hard(app, backpacks) == {}


def test_every_branch_of_the_factory_students_is_at_grade_8_or_below(app, db_session):
    school = make_school(db_session, make_district(db_session))
    ids = []
    for years, grade in product((1, 2, 5), ("04", "09", "12")):
        ids.append(make_student_with_history(db_session, school, years=years, last_grade=grade).id)
    for attended, status, result, mark in product(("180", "150", "179.5"), ("EL", "IFEP", "TBD", "EO", "ADEL"),
                                                  ("100", "200", "300"), ("A", "F", "P")):
        student = make_student(db_session, school, grade_level="10", first_name="Christopher")
        add_attendance(db_session, student, school, 2023, days_attended=Decimal(attended))
        add_english_status(db_session, student, 2020, status)
        add_incident(db_session, student, school, 2023, results=((result, Decimal("3")),))
        add_course(db_session, student, school, 2023, final_grade=mark, term_code="S2")
        add_program(db_session, student, school, 2023, "144")
        add_test_result(db_session, student, 2023, "cast", scale_score=None, level="9", condition_code="NT")
        add_test_result(db_session, student, 2023, "elpac_initial", level="Novice English learner")
        ids.append(student.id)
    db_session.commit()
    backpacks = load_backpacks(db_session, ids, as_of=date(2024, 3, 1)).values()
    assert _too_hard(app, backpacks) == {}


def test_learner_profile_summaries_say_what_is_there_at_grade_8_or_below(app, db_session, tmp_path):
    """The demo learner profile (a personal best, work, a goal, service hours, a badge) and a teacher note."""
    from webapp.models import TeacherNote, utcnow
    from webapp.portfolio.demo import seed_leo
    from webapp.portfolio.storage import LocalStorage

    school = make_school(db_session, make_district(db_session))
    student = make_student(db_session, school, grade_level="09", first_name="Leo")
    db_session.commit()
    assert seed_leo(db_session, student.ssid, blobs=LocalStorage(tmp_path / "uploads"))
    db_session.add(TeacherNote(student_id=student.id, author_name="Dana Okafor", term="2025-2026/fall",
                               text="Leo explains his thinking well.", published_at=utcnow()))
    db_session.commit()
    backpack = load_backpacks(db_session, [student.id])[student.id]
    with app.test_request_context(), force_locale("en"):
        said = {c: " ".join(summarize(backpack, "guardian")[c].sentences)
                for c in ("personal_bests", "portfolio", "goals", "activities", "badges", "narratives")}
        own = " ".join(summarize(backpack, "student")["personal_bests"].sentences)
    assert said["personal_bests"] == "Leo picked a personal best in 1 subject: Science."
    assert own == "You picked a personal best in 1 subject: Science."
    assert said["portfolio"] == "There are 3 pieces of work."
    assert said["goals"] == "There is 1 goal."
    assert said["activities"] == "There are 2 activities. That includes 12 hours of service."
    assert said["badges"].startswith("There is 1 badge.")
    assert said["narratives"] == "A teacher wrote 1 note. The newest is by Dana Okafor."
    assert _too_hard(app, [backpack]) == {}
