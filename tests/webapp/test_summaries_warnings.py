"""Early-warning signs: each rule with the default thresholds, per-district thresholds, and only recent years."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from flask_babel import force_locale

from tests.conftest import app_config
from tests.factories import add_attendance, add_course, add_incident, make_district, make_school, make_student
from webapp import create_app
from webapp.store.backpack import load_backpack
from webapp.summaries import summarize
from webapp.summaries.thresholds import DEFAULT, Thresholds, thresholds_for

AS_OF = date(2024, 3, 1)


@pytest.fixture
def student(db_session):
    """Grade 10 at a school of district 1964733: 9.4 % of days missed, one suspension, a D this term."""
    district = make_district(db_session, cds_code="1964733")
    school = make_school(db_session, district)
    leo = make_student(db_session, school, first_name="Leo", grade_level="10")
    add_attendance(db_session, leo, school, 2023, expected_days=Decimal("180"), days_attended=Decimal("163"))
    add_incident(db_session, leo, school, 2023, results=(("100", Decimal("1")),))
    add_course(db_session, leo, school, 2023, name="Chemistry", final_grade="D", term_code="S1")
    add_course(db_session, leo, school, 2023, name="History", final_grade="B", term_code="S1")
    db_session.commit()
    return leo


def _signals(app, db_session, student, as_of=AS_OF, kind="guardian"):
    backpack = load_backpack(db_session, student.id, as_of=as_of)
    with app.test_request_context(), force_locale("en"):
        found = summarize(backpack, kind).signals
        return {s.code: s for s in found}


def test_defaults_match_the_issue():
    assert DEFAULT == Thresholds(attendance_percent=Decimal(10), suspensions=1, low_marks=("D", "F"),
                                 ag_off_track=True)


def test_default_rules_find_the_suspension_and_the_low_grade_but_not_9_percent(app, db_session, student):
    found = _signals(app, db_session, student)
    assert set(found) == {"suspension", "low_grades"}
    assert found["suspension"].sentence == "Leo was suspended 1 time in 2023–24."
    assert found["suspension"].contact == "The principal or the school counselor"
    assert found["low_grades"].what_you_can_do.startswith("Ask the teacher how Leo can bring the grade up.")
    assert found["low_grades"].items == ("Chemistry (D)",)


def test_a_district_sets_its_own_thresholds(database_url, clean_db, tmp_path, db_session, student):
    settings = {"default": {"attendance_percent": 12},
                "1964733": {"attendance_percent": "8.5", "suspensions": 2, "low_marks": ["f"], "ag_off_track": False}}
    app = create_app(app_config(database_url, clean_db, tmp_path, EARLY_WARNING_THRESHOLDS=settings))
    with app.app_context():
        assert thresholds_for("1964733") == Thresholds(Decimal("8.5"), 2, ("F",), False)
        assert thresholds_for("0000000") == Thresholds(attendance_percent=Decimal(12))
        found = _signals(app, db_session, student)
    assert set(found) == {"attendance"}
    assert found["attendance"].sentence == (
        "Leo missed 9.4% of school days in 2023–24. The school looks closer at 8.5% or more.")


def test_thresholds_can_come_from_the_instance_file(database_url, clean_db, tmp_path, db_session, student):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "early_warning.json").write_text(json.dumps({"1964733": {"suspensions": 0, "low_marks": []}}))
    app = create_app(app_config(database_url, clean_db, tmp_path))
    with app.app_context():
        assert _signals(app, db_session, student) == {}


def test_an_unknown_setting_is_refused(database_url, clean_db, tmp_path):
    app = create_app(app_config(database_url, clean_db, tmp_path,
                                EARLY_WARNING_THRESHOLDS={"default": {"attendence_percent": 5}}))
    with app.app_context(), pytest.raises(ValueError, match="attendence_percent"):
        thresholds_for(None)


def test_old_records_raise_no_signs(app, db_session, student):
    assert _signals(app, db_session, student, as_of=date(2026, 3, 1)) == {}


def test_signs_speak_to_the_student(app, db_session, student):
    found = _signals(app, db_session, student, kind="student")
    assert found["suspension"].sentence == "You were suspended 1 time in 2023–24."
    assert found["low_grades"].what_you_can_do == "Ask your teacher how to bring the grade up. Free tutoring may help."


def test_behind_on_a_to_g_is_a_sign_for_high_school(app, db_session):
    district = make_district(db_session)
    school = make_school(db_session, district)
    ana = make_student(db_session, school, first_name="Ana", grade_level="10")
    from tests.factories import add_enrollment

    add_enrollment(db_session, ana, school, 2022, grade_level="09")
    add_course(db_session, ana, school, 2022, name="Art", final_grade="A", ag_code="F", term_code="S1")
    db_session.commit()
    found = _signals(app, db_session, ana)
    assert found["ag_off_track"].sentence == "Ana is behind on the a–g courses that UC and CSU ask for."
    assert found["ag_off_track"].category == "readiness"
