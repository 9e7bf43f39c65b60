"""The plain-language sentences, word for word: each category, both voices, plurals, Spanish numbers.

Backpacks are built from real rows (tests/factories.py) through the one read model, as of 1 March 2024,
so the 2023-24 records are "this school year".
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from flask_babel import force_locale

from tests.factories import (
    add_attendance,
    add_course,
    add_english_status,
    add_enrollment,
    add_incident,
    add_program,
    add_test_result,
    make_district,
    make_school,
    make_student,
    make_student_with_history,
)
from webapp.store.backpack import load_backpack
from webapp.summaries import EMPTY, GOOD, WATCH, home_categories, summarize

AS_OF = date(2024, 3, 1)


@pytest.fixture
def school(db_session):
    return make_school(db_session, make_district(db_session, cds_code="1964733"), name="Jefferson Elementary")


@pytest.fixture
def words(app, db_session):
    """words(student, kind="guardian", lang="en") -> Summaries, read through the read model."""

    def read(student, kind: str = "guardian", lang: str = "en"):
        db_session.commit()
        backpack = load_backpack(db_session, student.id, as_of=AS_OF)
        with app.test_request_context(), force_locale(lang):
            return summarize(backpack, kind)

    return read


def _maya(db_session, school, **fields):
    return make_student(db_session, school, first_name="Maya", grade_level="04", **fields)


def test_attendance_guardian_and_student_voice(db_session, school, words):
    maya = _maya(db_session, school)
    add_attendance(db_session, maya, school, 2022, days_attended=Decimal("175"))
    add_attendance(db_session, maya, school, 2023, days_attended=Decimal("171"))
    guardian = words(maya)["attendance"]
    assert guardian.sentences == (
        "In 2023–24, Maya missed 9 school days (5%).",
        "That is less than 10%, the level called chronic absence.",
        "That is 4 days more than in 2022–23.",
    )
    assert guardian.tone == GOOD and guardian.next_step == (
        "Keep helping Maya get to school every day. Every day counts.")
    student = words(maya, "student")["attendance"]
    assert student.headline == "In 2023–24, you missed 9 school days (5%)."
    assert student.next_step == "Keep coming to school every day. Every day counts."


def test_attendance_chronic_absence_one_day_and_half_days(db_session, school, words):
    maya = _maya(db_session, school)
    add_attendance(db_session, maya, school, 2023, expected_days=Decimal("20"), days_attended=Decimal("17.5"))
    chronic = words(maya)["attendance"]
    assert chronic.headline == "In 2023–24, Maya missed 2.5 school days (12.5%)."
    assert chronic.tone == WATCH and "chronic absence" in chronic.sentences[1]
    spanish = words(maya, lang="es")["attendance"].headline
    assert spanish == "En 2023–24, Maya faltó 2,5 días de clases (12,5\xa0%)."  # no line break before %
    other = make_student(db_session, school, first_name="Leo")
    add_attendance(db_session, other, school, 2023, expected_days=Decimal("180"), days_attended=Decimal("179"))
    assert words(other)["attendance"].headline == "In 2023–24, Leo missed 1 school day (0.6%)."


def test_empty_categories_say_so_plainly(db_session, school, words):
    summaries = words(_maya(db_session, school))
    assert summaries["attendance"].tone == EMPTY
    assert summaries["grades"].headline == "The school has not sent grades yet."
    assert summaries["state_tests"].headline.endswith("State tests start in grade 3.")
    assert summaries["readiness"].headline == "College and career planning starts in grade 9."
    assert summaries["goals"].headline == "Maya has not set any goals yet."
    assert summaries["early_warning"].headline == "There are no early warning signs right now."


def test_state_tests_level_meaning_and_change(db_session, school, words):
    maya = _maya(db_session, school)
    add_test_result(db_session, maya, 2022, "sbac_math", grade_assessed="03", scale_score=2410, level="2")
    add_test_result(db_session, maya, 2023, "sbac_math", grade_assessed="04", scale_score=2486, level="3")
    add_test_result(db_session, maya, 2023, "sbac_ela", grade_assessed="04", scale_score=None, level=None,
                    condition_code="PGE")
    summary = words(maya)["state_tests"]
    assert summary.sentences == (
        "In 2023–24, there is no score for Maya on the English test.",
        "The reason given: family asked that the student skip the test.",
        "In 2023–24, Maya scored 2,486 on the math test.",
        "That is level 3 of 4: Standard met.",
        "It means: reached the goal for this grade.",
        "That is 76 points higher than in 2022–23.",
    )
    assert len(summary.brief) == 2  # one paragraph per test on the home card
    spanish = words(maya, "student", "es")["state_tests"]
    assert "En 2023–24, sacaste 2.486 en la prueba de matemáticas." in spanish.sentences
    assert "Son 76 puntos más que en 2022–23." in spanish.sentences


def test_english_learner_years_elpac_and_what_reclassification_needs(db_session, school, words):
    maya = _maya(db_session, school)
    add_english_status(db_session, maya, 2020, "EL", start_date=date(2020, 9, 1))
    add_test_result(db_session, maya, 2023, "elpac_summative", scale_score=1480, level="3")
    summary = words(maya)["english_learning"]
    assert summary.sentences[:4] == (
        "Maya has been an English learner (EL) since September 1, 2020.",
        "That is 3 years.",
        "On the ELPAC in 2023–24, Maya reached level 3 of 4.",
        "Level 3 means: uses English fairly well.",
    )
    assert "To be reclassified (RFEP), a student needs level 4 on the ELPAC." in summary.sentences
    assert summary.terms == ("el", "elpac", "rfep")


def test_reclassified_and_other_statuses(db_session, school, words):
    maya = _maya(db_session, school)
    add_english_status(db_session, maya, 2019, "EL", start_date=date(2019, 9, 1))
    add_english_status(db_session, maya, 2022, "RFEP", start_date=date(2022, 10, 3))
    rfep = words(maya, "student")["english_learning"]
    assert rfep.tone == GOOD and rfep.sentences[:2] == (
        "You now know English well. The school said so on October 3, 2022. This is called RFEP.",
        "Before that, you were an English learner for 3 years.")
    leo = make_student(db_session, school, first_name="Leo")
    add_english_status(db_session, leo, 2023, "EO")
    assert words(leo)["english_learning"].headline == "The school lists English as Leo's home language."


def test_grades_gpa_credits_and_low_marks_this_term(db_session, school, words):
    leo = make_student(db_session, school, first_name="Leo", grade_level="09")
    add_enrollment(db_session, leo, school, 2023, grade_level="09")
    add_course(db_session, leo, school, 2023, name="English 9", final_grade="A", term_code="S1")
    add_course(db_session, leo, school, 2023, name="Biology", final_grade="F", term_code="S2")
    add_course(db_session, leo, school, 2023, name="Math", final_grade="D+", term_code="S2")
    summary = words(leo)["grades"]
    assert summary.sentences == (
        "In 2023–24, Leo's grade point average (GPA) was 1.67 out of 4.",
        "In the last term of 2023–24, Leo got a grade of D or F in 2 classes.",
        "So far, Leo has earned 10 credits.",
    )
    assert summary.tone == WATCH
    signal = next(s for s in words(leo).signals if s.code == "low_grades")
    assert signal.sentence == "Leo has a grade of D or F in 2 classes this term."
    assert signal.items == ("Biology (F)", "Math (D+)")


def test_behavior_counts_suspensions_calmly(db_session, school, words):
    maya = _maya(db_session, school)
    add_incident(db_session, maya, school, 2020)
    assert words(maya)["behavior"].sentences == (
        "The school reported no behavior incidents for Maya in the last two school years.",
        "There is 1 older incident in the record.",
    )
    add_incident(db_session, maya, school, 2023, results=(("100", Decimal("2")),))
    add_incident(db_session, maya, school, 2023, results=(("300", None),))
    summary = words(maya, "student")["behavior"]
    assert summary.sentences == (
        "In 2023–24, the school reported 2 incidents for you.",
        "You were suspended 1 time.",
        "In all, that is 2 days away from class.",
    )


def test_readiness_for_high_school_only(db_session, school, words):
    leo = make_student_with_history(db_session, school, years=3, last_grade="11", last_year=2023, first_name="Leo")
    summary = words(leo)["readiness"]
    assert summary.sentences[0] == "Leo has passed 9 of the 15 years of a–g courses that UC and CSU ask for."
    assert summary.sentences[1] == "Leo has 90 of the 220 credits needed to graduate."
    assert "After 3 years of high school: Leo is behind the pace to graduate on time." in summary.sentences


def test_supports_list_programs_and_stay_off_the_students_card(db_session, school, words):
    maya = _maya(db_session, school)
    add_program(db_session, maya, school, 2023, "101")
    add_program(db_session, maya, school, 2023, "181")
    add_program(db_session, maya, school, 2019, "127", end_date=date(2020, 6, 1))
    summary = words(maya)["supports"]
    assert summary.headline == "Maya takes part in 2 programs now."
    assert summary.items == ("504 plan (changes that help a student with a disability)", "Free school meals")
    db_session.commit()
    backpack = load_backpack(db_session, maya.id, as_of=AS_OF)
    visible = {"attendance", "supports", "readiness", "grades"}
    assert home_categories(backpack, "guardian", visible) == ("attendance", "grades", "supports")
    assert home_categories(backpack, "student", visible) == ("attendance", "grades")


def test_recipients_get_facts_without_family_next_steps(db_session, school, words):
    maya = _maya(db_session, school)
    add_attendance(db_session, maya, school, 2023)
    summary = words(maya, "recipient")["attendance"]
    assert summary.headline.startswith("In 2023–24, Maya missed") and summary.next_step is None


def test_every_spanish_sentence_differs_from_the_english_one(db_session, school, words):
    leo = make_student_with_history(db_session, school, years=4, last_grade="10", last_year=2023, first_name="Leo")
    for kind in ("guardian", "student"):
        english, spanish = words(leo, kind).sentences(), words(leo, kind, "es").sentences()
        assert len(english) == len(spanish)
        same = [e for e, s in zip(english, spanish) if e == s]
        assert same == [], same
