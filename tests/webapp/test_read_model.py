"""The one backpack read model: every category from real rows, a fixed query count, stable JSON.

Runs on SQLite and PostgreSQL (db_session is parametrized). The student below is built row by
row so every expected number can be checked by hand.
"""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from consent.categories import CATEGORY_CODES
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
    make_staff,
    make_student,
    make_student_with_history,
)
from webapp.store.backpack import (
    ReadinessRules,
    StudentNotFound,
    find_student,
    load_backpack,
    load_backpacks,
    to_json,
)
from webapp.store.parts import ClaimLevel, DomainLevel, SchoolRef

AS_OF = date(2024, 3, 1)
ROW_QUERIES = 11  # students, 6 per-student tables, offenses, results, courses+sections+staff, schools
PROFILE_QUERIES = 1  # which students have learner-profile rows (none here: the seven queries reading them are skipped)
QUERIES_PER_LOAD = ROW_QUERIES + PROFILE_QUERIES


@pytest.fixture
def world(db_session):
    """Diego: grade 9 at Lincoln High in 2023-24, grade 8 at Roosevelt Middle before."""
    s = db_session
    district = make_district(s, cds_code="0161259", name="Sunrise Valley Unified")
    middle = make_school(s, district, cds_code="6001001", name="Roosevelt Middle")
    high = make_school(s, district, cds_code="6001002", name="Lincoln High")
    annex = make_school(s, district, cds_code="6001003", name="Lincoln Annex")
    teacher = make_staff(s, seid="1234567890", first_name="Ana", last_name="Reyes")
    diego = make_student(
        s, high, ssid="5123456789", local_id="L77", first_name="Diego", middle_name=None, last_name="Ramos",
        preferred_first_name="Dee", birth_date=date(2009, 5, 20), gender="M", grade_level="09", home_language="01",
    )
    # demographics: two stays, the current one still open
    add_enrollment(s, diego, middle, 2022, grade_level="08", exit_date=date(2023, 6, 9), exit_reason="E155",
                   completion_status="480")
    add_enrollment(s, diego, high, 2023, grade_level="09", exit_date=None, exit_reason=None)
    # attendance: an exempt year, a chronic year, and a year split between two schools
    add_attendance(s, diego, middle, 2021, exempt=True, expected_days=Decimal(0), days_attended=Decimal(0),
                   excused_absence_days=Decimal(0), unexcused_absence_days=Decimal(0),
                   out_of_school_suspension_days=Decimal(0), in_school_suspension_days=Decimal(0))
    add_attendance(s, diego, middle, 2022, expected_days=Decimal(180), days_attended=Decimal(160),
                   excused_absence_days=Decimal(8), unexcused_absence_days=Decimal(7),
                   out_of_school_suspension_days=Decimal(5), in_school_suspension_days=Decimal(2))
    add_attendance(s, diego, high, 2023, expected_days=Decimal(90), days_attended=Decimal(88),
                   excused_absence_days=Decimal(2), unexcused_absence_days=Decimal(0),
                   out_of_school_suspension_days=Decimal(0), in_school_suspension_days=Decimal(0))
    add_attendance(s, diego, annex, 2023, expected_days=Decimal(60), days_attended=Decimal("57.5"),
                   excused_absence_days=Decimal("1.5"), unexcused_absence_days=Decimal(1),
                   out_of_school_suspension_days=Decimal(0), in_school_suspension_days=Decimal(0))
    # behavior: a legacy SDIS incident and a SINC incident with two offenses and two results
    add_incident(s, diego, middle, 2022, incident_id_local="OLD-1", occurred_on=date(2022, 11, 2), source="SDIS",
                 offenses=(("510", None),), results=(("300", None),))
    add_incident(s, diego, high, 2023, incident_id_local="HS-7", occurred_on=date(2024, 1, 17),
                 offenses=(("511", None), ("500", "40")), results=(("100", Decimal("3")), ("300", None)),
                 removal_reason="1")
    # grades: grade 8 algebra (full year, no credits), then a grade 9 year of semesters
    add_course(s, diego, middle, 2022, name="Algebra 1", state_course_code="2403", term_code="FY",
               final_grade="A", credits=None, ag_code="C", local_course_id="ALG1", section_id="7")
    add_course(s, diego, high, 2023, name="English 9", state_course_code="2130", term_code="S1", teacher=teacher,
               final_grade="B+", ag_code="B", local_course_id="ENG9", section_id="101")
    add_course(s, diego, high, 2023, name="Spanish 1", state_course_code="2206", term_code="S1",
               final_grade="A-", ag_code="E", teacher_seid="9999999999", local_course_id="SPA1", section_id="102")
    add_course(s, diego, high, 2023, name="English 9", state_course_code="2130", term_code="S2", teacher=teacher,
               final_grade="C", ag_code="B", local_course_id="ENG9", section_id="201")
    add_course(s, diego, high, 2023, name="Physical Education", state_course_code="2507", term_code="S2",
               final_grade="P", ag_code=None, local_course_id="PE9", section_id="202")
    add_course(s, diego, high, 2023, name="Biology", state_course_code="2603", term_code="S2",
               final_grade="F", ag_code="D", local_course_id="BIO", section_id="203")
    # state tests: ELA across a gap, math with a no-score year, ELPAC summative and initial
    add_test_result(s, diego, 2020, "sbac_ela", grade_assessed="05", scale_score=2400, level="1")
    add_test_result(s, diego, 2022, "sbac_ela", grade_assessed="08", scale_score=2480, level="2",
                    parts={"claim2": "2", "claim1": "3"}, lexile_quantile="1010L", condition_code=None)
    add_test_result(s, diego, 2022, "sbac_math", grade_assessed="08", scale_score=None, level="9",
                    condition_code="NT", source="prior")
    add_test_result(s, diego, 2023, "sbac_math", grade_assessed="09", scale_score=2470, level="2")
    add_test_result(s, diego, 2019, "elpac_initial", grade_assessed="04", scale_score=420,
                    level="Intermediate English learner")
    add_test_result(s, diego, 2022, "elpac_summative", grade_assessed="08", scale_score=1590, level="4",
                    parts={"written": "3", "oral": "4", "writing": "2", "listening": "3", "reading": "3",
                           "speaking": "3"})
    # English learning: EL from 2019, reclassified in October 2023
    add_english_status(s, diego, 2019, "EL", start_date=date(2019, 9, 1), primary_language="01")
    add_english_status(s, diego, 2023, "RFEP", start_date=date(2023, 10, 15), primary_language="01")
    # supports: an open 504 plan, ended special education, this year's free meals, a future homeless record
    add_program(s, diego, middle, 2021, "101", start_date=date(2021, 8, 15))
    add_program(s, diego, middle, 2018, "144", start_date=date(2018, 8, 20), end_date=date(2019, 6, 30))
    add_program(s, diego, high, 2023, "181", start_date=date(2023, 8, 15), end_date=date(2024, 6, 30))
    add_program(s, diego, high, 2023, "191", start_date=date(2024, 4, 1))
    s.commit()
    return {"diego": diego, "middle": SchoolRef("6001001", "Roosevelt Middle"),
            "high": SchoolRef("6001002", "Lincoln High"), "annex": SchoolRef("6001003", "Lincoln Annex")}


@pytest.fixture
def backpack(db_session, world):
    return load_backpack(db_session, world["diego"].id, as_of=AS_OF)


def test_identity_and_demographics(backpack, world):
    assert backpack.student_id == world["diego"].id
    assert backpack.ssid == "5123456789" and backpack.public_id == world["diego"].public_id
    assert backpack.as_of == AS_OF
    d = backpack.demographics
    assert (d.ssid, d.first_name, d.middle_name, d.last_name) == ("5123456789", "Diego", None, "Ramos")
    assert d.preferred_first_name == "Dee" and d.display_name == "Dee Ramos"
    assert d.birth_date == date(2009, 5, 20) and d.local_id == "L77"
    assert (d.gender, d.grade_level, d.home_language) == ("M", "09", "01")
    assert d.school == world["high"]
    assert (d.district.cds_code, d.district.name) == ("0161259", "Sunrise Valley Unified")
    old, now = d.enrollments
    assert (old.academic_year, old.school, old.grade_level) == ("2022-2023", world["middle"], "08")
    assert (old.start_date, old.exit_date, old.exit_reason, old.completion_status) == (
        date(2022, 8, 15), date(2023, 6, 9), "E155", "480")
    assert old.current is False and old.status_code == "10"
    assert (now.academic_year, now.school, now.grade_level, now.exit_date, now.current) == (
        "2023-2024", world["high"], "09", None, True)


def test_attendance_per_year(backpack, world):
    exempt, chronic, split = backpack.attendance.years
    assert exempt.academic_year == "2021-2022"
    assert exempt.expected_days == 0 and exempt.percent_missed is None and exempt.chronic_absence is False

    assert chronic.academic_year == "2022-2023" and chronic.schools == (world["middle"],)
    assert (chronic.expected_days, chronic.days_attended) == (Decimal(180), Decimal(160))
    assert (chronic.excused_absence_days, chronic.unexcused_absence_days) == (Decimal(8), Decimal(7))
    assert (chronic.out_of_school_suspension_days, chronic.in_school_suspension_days) == (Decimal(5), Decimal(2))
    assert chronic.days_missed == Decimal(20)  # absences plus out-of-school suspension
    assert chronic.percent_missed == Decimal("11.1") and chronic.chronic_absence is True

    assert split.schools == (world["high"], world["annex"])
    assert (split.expected_days, split.days_attended, split.days_missed) == (
        Decimal(150), Decimal("145.5"), Decimal("4.5"))
    assert split.excused_absence_days == Decimal("3.5") and split.unexcused_absence_days == Decimal(1)
    assert split.percent_missed == Decimal("3.0") and split.chronic_absence is False
    assert backpack.attendance.latest is split


def test_attendance_exactly_ten_percent_is_chronic(db_session):
    school = make_school(db_session, make_district(db_session))
    student = make_student(db_session, school)
    add_attendance(db_session, student, school, 2023, expected_days=Decimal(180), days_attended=Decimal(162))
    db_session.commit()
    year = load_backpack(db_session, student.id, as_of=AS_OF).attendance.latest
    assert year.percent_missed == Decimal("10.0") and year.chronic_absence is True


def test_behavior_incidents_offenses_results_days(backpack, world):
    old, recent = backpack.behavior.incidents
    assert (old.incident_id_local, old.source, old.school, old.occurred_on) == (
        "OLD-1", "SDIS", world["middle"], date(2022, 11, 2))
    assert [o.offense_code for o in old.offenses] == ["510"]
    assert [(r.result_code, r.duration_days) for r in old.results] == [("300", None)] and old.days == 0
    assert (recent.incident_id_local, recent.academic_year, recent.removal_reason) == ("HS-7", "2023-2024", "1")
    assert recent.statutory_offense is True and recent.instructional_support is True
    assert [(o.offense_code, o.weapon_code) for o in recent.offenses] == [("500", "40"), ("511", None)]
    assert [(r.result_code, r.duration_days, r.authority_code) for r in recent.results] == [
        ("100", Decimal(3), "10"), ("300", None, "10")]
    assert recent.days == Decimal(3)
    assert [(y.academic_year, y.incidents, y.days) for y in backpack.behavior.years] == [
        ("2022-2023", 1, Decimal(0)), ("2023-2024", 1, Decimal(3))]


def test_grades_by_year_and_term_with_credits_and_gpa(backpack, world):
    grades = backpack.grades
    eighth, ninth = grades.years
    assert (eighth.academic_year, eighth.grade_level, eighth.schools) == ("2022-2023", "08", (world["middle"],))
    (full_year,) = eighth.terms
    (algebra,) = full_year.courses
    assert full_year.term_code == "FY"
    assert (algebra.name, algebra.state_course_code, algebra.local_course_id, algebra.section_id) == (
        "Algebra 1", "2403", "ALG1", "7")
    assert (algebra.final_grade, algebra.credits_attempted, algebra.ag_code, algebra.uc_csu_approved) == (
        "A", None, "C", True)
    assert algebra.content_area == "18"  # mathematics, from the state course code
    assert eighth.credits_earned == 0 and eighth.gpa == Decimal("4.00")

    assert (ninth.grade_level, ninth.schools) == ("09", (world["high"],))
    fall, spring = ninth.terms
    assert fall.term_code == "S1" and spring.term_code == "S2"
    assert [c.name for c in fall.courses] == ["English 9", "Spanish 1"]
    assert [c.name for c in spring.courses] == ["Biology", "English 9", "Physical Education"]
    english = fall.courses[0]
    assert (english.teacher_seid, english.teacher_name, english.final_grade) == ("1234567890", "Ana Reyes", "B+")
    assert (english.credits_attempted, english.credits_earned, english.completed) == (Decimal(5), Decimal(5), True)
    spanish = fall.courses[1]
    assert (spanish.teacher_seid, spanish.teacher_name) == ("9999999999", None)  # no SDEM row for this SEID
    assert [c.content_area for c in fall.courses + spring.courses] == ["14", "15", "21", "14", "19"]
    biology = spring.courses[0]
    assert (biology.final_grade, biology.credits_attempted, biology.credits_earned) == ("F", Decimal(5), Decimal(0))
    assert (ninth.credits_attempted, ninth.credits_earned, ninth.cumulative_credits_earned) == (
        Decimal(25), Decimal(20), Decimal(20))
    assert ninth.gpa == Decimal("2.25")  # B+ 3, A- 4, C 2, F 0; P is left out
    assert grades.credits_earned == Decimal(20)
    assert grades.cumulative_gpa == Decimal("2.60")


def test_gradebook_and_profile_placeholders_are_empty(backpack):
    for name in ("gradebook", "personal_bests", "narratives", "goals", "badges", "portfolio", "activities",
                 "early_warning"):
        assert getattr(backpack, name) == ()


def test_state_tests_per_test_with_change_from_previous_result(backpack):
    tests = {h.test: h for h in backpack.state_tests.tests}
    assert [h.test for h in backpack.state_tests.tests] == ["sbac_ela", "sbac_math", "elpac_summative",
                                                            "elpac_initial"]
    first, second = tests["sbac_ela"].years
    assert (first.academic_year, first.grade_assessed, first.scale_score, first.level) == ("2020-2021", "05", 2400, "1")
    assert first.previous_year is None and first.change_points is None and first.change_level is None
    assert (second.academic_year, second.previous_year, second.change_points, second.change_level) == (
        "2022-2023", "2020-2021", 80, 1)
    assert second.claims == (ClaimLevel("claim1", "3"), ClaimLevel("claim2", "2"))
    assert second.lexile_quantile == "1010L" and second.domains == ()
    assert tests["sbac_ela"].latest is second

    no_score, scored = tests["sbac_math"].years
    assert (no_score.level, no_score.condition_code, no_score.source, no_score.scale_score) == ("9", "NT", "prior", None)
    assert scored.change_points is None and scored.change_level is None  # nothing to compare with a no-score

    (summative,) = tests["elpac_summative"].years
    assert (summative.level, summative.oral_level, summative.written_level) == ("4", "4", "3")
    assert summative.domains == (DomainLevel("listening", "3"), DomainLevel("speaking", "3"),
                                 DomainLevel("reading", "3"), DomainLevel("writing", "2"))
    assert summative.claims == ()
    (initial,) = tests["elpac_initial"].years
    assert initial.level == "Intermediate English learner" and initial.scale_score == 420


def test_english_learning_history_and_reclassification(backpack):
    el = backpack.english_learning
    assert [(p.status_code, p.start_date, p.end_date) for p in el.history] == [
        ("EL", date(2019, 9, 1), date(2023, 10, 15)), ("RFEP", date(2023, 10, 15), None)]
    assert el.history[0].primary_language == "01"
    assert (el.current_status, el.current_since) == ("RFEP", date(2023, 10, 15))
    assert el.el_since == date(2019, 9, 1) and el.reclassified_on == date(2023, 10, 15)
    assert el.years_as_el == 4
    assert (el.latest_elpac.test, el.latest_elpac.academic_year, el.latest_elpac.level) == (
        "elpac_summative", "2022-2023", "4")


def test_english_learner_still_learning_counts_years_to_today(db_session):
    school = make_school(db_session, make_district(db_session))
    student = make_student(db_session, school, grade_level="05")
    add_english_status(db_session, student, 2020, "EL", start_date=date(2020, 9, 2))
    db_session.commit()
    el = load_backpack(db_session, student.id, as_of=AS_OF).english_learning
    assert (el.current_status, el.years_as_el, el.reclassified_on, el.latest_elpac) == ("EL", 3, None, None)


def test_supports_with_dates_and_current_flag(backpack, world):
    programs = backpack.supports.programs
    assert [(p.program_code, p.start_date, p.end_date, p.current) for p in programs] == [
        ("144", date(2018, 8, 20), date(2019, 6, 30), False),
        ("101", date(2021, 8, 15), None, True),
        ("181", date(2023, 8, 15), date(2024, 6, 30), True),
        ("191", date(2024, 4, 1), None, False),  # starts after the as-of day
    ]
    assert programs[1].school == world["middle"] and programs[1].membership_code == "1"
    assert programs[1].academic_year == "2021-2022"


def test_readiness_counts_passing_ag_courses_and_credits(backpack):
    r = backpack.readiness
    done = {a.area: (a.years_done, a.years_required, a.met) for a in r.ag_areas}
    assert done == {
        "A": (Decimal("0.00"), 2, False),
        "B": (Decimal("1.00"), 4, False),  # English 9, two semesters (B+ and C)
        "C": (Decimal("1.00"), 3, False),  # grade 8 Algebra 1, a full year
        "D": (Decimal("0.00"), 2, False),  # Biology was an F
        "E": (Decimal("0.50"), 2, False),
        "F": (Decimal("0.00"), 1, False),
        "G": (Decimal("0.00"), 1, False),
    }
    assert (r.ag_years_done, r.ag_years_required) == (Decimal("2.50"), 15)
    assert (r.high_school_years, r.credits_earned, r.credits_required) == (1, Decimal(20), 220)
    assert r.credits_on_track is False  # 20 < 220 / 4
    assert r.ag_on_track is False  # 2.5 < 15 / 4
    assert r.on_track is False


def test_readiness_requirement_is_configurable(db_session, world):
    rules = ReadinessRules(credits_required=80, ag_years=(("B", 1), ("C", 1)))
    r = load_backpack(db_session, world["diego"].id, as_of=AS_OF, rules=rules).readiness
    assert r.credits_required == 80 and r.credits_on_track is True  # 20 >= 80 / 4
    assert [(a.area, a.met) for a in r.ag_areas] == [("B", True), ("C", True)]
    assert r.ag_on_track is True and r.on_track is True


def test_readiness_is_none_below_grade_nine(db_session):
    school = make_school(db_session, make_district(db_session))
    student = make_student(db_session, school, grade_level="05")
    db_session.commit()
    backpack = load_backpack(db_session, student.id, as_of=AS_OF)
    assert backpack.readiness is None
    assert backpack.grades.years == () and backpack.grades.cumulative_gpa is None
    assert backpack.attendance.latest is None and backpack.english_learning.current_status is None


def test_unknown_student_raises(db_session):
    with pytest.raises(StudentNotFound):
        load_backpack(db_session, 987654)
    assert load_backpacks(db_session, [987654]) == {}


def test_find_student_by_ssid_or_public_id(db_session, world):
    diego = world["diego"]
    assert find_student(db_session, ssid="5123456789").id == diego.id
    assert find_student(db_session, public_id=diego.public_id).id == diego.id
    assert find_student(db_session, ssid="0000000000") is None
    with pytest.raises(ValueError):
        find_student(db_session)
    with pytest.raises(ValueError):
        find_student(db_session, ssid="5123456789", public_id=diego.public_id)


# --- constant number of queries -------------------------------------------------------------

@pytest.fixture
def histories(db_session):
    school = make_school(db_session, make_district(db_session))
    students = {years: make_student_with_history(db_session, school, years=years) for years in (1, 5)}
    extra = [make_student_with_history(db_session, school, years=3, last_grade="08") for _ in range(2)]
    db_session.commit()
    db_session.expunge_all()
    return students, extra


def test_query_count_is_the_same_for_one_and_five_years(db_session, histories, count_queries):
    students, _ = histories
    counts = {}
    for years, student in students.items():
        with count_queries() as counter:
            backpack = load_backpack(db_session, student.id, as_of=AS_OF)
        counts[years] = counter.count
        assert len(backpack.attendance.years) == years and len(backpack.grades.years) == years
        assert len(backpack.behavior.incidents) == years
        assert len(backpack.state_tests.tests[0].years) == years
    assert counts == {1: QUERIES_PER_LOAD, 5: QUERIES_PER_LOAD}


def test_query_count_is_the_same_for_one_and_three_students(db_session, histories, count_queries):
    students, extra = histories
    with count_queries() as one:
        single = load_backpacks(db_session, [students[5].id], as_of=AS_OF)
    ids = [students[5].id, extra[0].id, extra[1].id]
    with count_queries() as three:
        several = load_backpacks(db_session, ids, as_of=AS_OF)
    assert one.count == three.count == QUERIES_PER_LOAD
    assert list(several) == ids
    assert several[students[5].id] == single[students[5].id]
    assert [len(several[i].grades.years) for i in ids] == [5, 3, 3]
    assert several[extra[0].id].readiness is None and several[students[5].id].readiness is not None


def test_long_id_lists_are_read_in_chunks(db_session, histories, count_queries, monkeypatch):
    from webapp.store import rows

    students, extra = histories
    ids = [students[1].id, students[5].id, extra[0].id]
    monkeypatch.setattr(rows, "CHUNK", 2)
    with count_queries() as counter:
        chunked = load_backpacks(db_session, ids, as_of=AS_OF)
    assert counter.count == 2 * ROW_QUERIES + PROFILE_QUERIES  # the official rows in two chunks
    monkeypatch.setattr(rows, "CHUNK", 1000)
    assert chunked == load_backpacks(db_session, ids, as_of=AS_OF)


def test_history_helper_fills_every_category(db_session, histories):
    students, _ = histories
    backpack = load_backpack(db_session, students[5].id, as_of=AS_OF)
    assert [e.grade_level for e in backpack.demographics.enrollments] == ["07", "08", "09", "10", "11"]
    assert [p.program_code for p in backpack.supports.programs if p.current] == ["101", "181"]
    assert backpack.english_learning.current_status == "RFEP"
    assert [h.test for h in backpack.state_tests.tests] == ["sbac_ela", "sbac_math", "elpac_summative"]
    assert backpack.grades.years[-1].cumulative_credits_earned == Decimal(150)


# --- JSON -----------------------------------------------------------------------------------

def test_json_has_categories_as_top_level_keys_with_labels(backpack):
    data = to_json(backpack)
    assert list(data) == ["format_version", "public_id", "as_of", "lang", "categories", *CATEGORY_CODES, "statements"]
    assert data["as_of"] == "2024-03-01" and data["lang"] == "en"
    assert data["categories"]["behavior"] == "Behavior and discipline"
    demo = data["demographics"]
    assert demo["birth_date"] == "2009-05-20"
    assert (demo["gender"], demo["gender_label"]) == ("M", "Male")
    assert (demo["grade_level"], demo["grade_level_label"]) == ("09", "9th grade")
    assert demo["school"] == {"cds_code": "6001002", "name": "Lincoln High"}
    chronic = data["attendance"]["years"][1]
    assert chronic["percent_missed"] == 11.1 and chronic["days_missed"] == 20.0 and chronic["chronic_absence"]
    ela = data["state_tests"]["tests"][0]
    assert (ela["test"], ela["test_label"]) == ("sbac_ela", "English language arts state test (Smarter Balanced)")
    assert ela["years"][1]["level_label"] == "Standard nearly met"
    assert ela["years"][1]["claims"][0] == {"name": "claim1", "level": "3", "level_label": "Above standard"}
    elpac = data["state_tests"]["tests"][2]["years"][0]
    assert elpac["level_label"] == "Level 4: well developed"
    assert elpac["domains"][3] == {"name": "writing", "level": "2",
                                   "level_label": "Somewhat or moderately developed"}
    program = data["supports"]["programs"][1]
    assert (program["program_code"], program["current"]) == ("101", True)
    assert program["program_code_label"].startswith("504 plan")
    assert data["english_learning"]["current_status_label"] == "Now fluent in English (reclassified)"
    assert data["grades"]["cumulative_gpa"] == 2.6
    spanish = data["grades"]["years"][1]["terms"][0]["courses"][1]
    assert (spanish["state_course_code_label"], spanish["content_area_label"]) == (
        "Spanish (first and second year)", "World languages")
    assert data["grades"]["years"][1]["terms"][0]["term_code_label"] == "Semester 1 (fall)"
    assert data["readiness"]["ag_areas"][1] == {"years_done": 1.0, "years_required": 4, "met": False,
                                                "area": "B", "area_label": "English"}
    for name in ("gradebook", "personal_bests", "narratives", "goals", "badges", "portfolio", "activities",
                 "early_warning"):
        assert data[name] == []


def test_json_is_stable_and_round_trips(db_session, backpack, world):
    text = json.dumps(to_json(backpack), ensure_ascii=False)
    assert json.loads(text) == to_json(backpack)
    again = load_backpack(db_session, world["diego"].id, as_of=AS_OF)
    assert json.dumps(to_json(again), ensure_ascii=False) == text


def test_json_in_spanish_and_unknown_codes(backpack):
    data = to_json(backpack, lang="es")
    assert data["lang"] == "es" and data["categories"]["attendance"] == "Asistencia"
    assert data["demographics"]["gender_label"] == "Masculino"
    assert data["english_learning"]["current_status_label"] == "Ya domina el inglés (reclasificado)"
    initial = data["state_tests"]["tests"][3]["years"][0]
    assert initial["level_label"] == "Aprendiz de inglés intermedio"
    assert data["behavior"]["incidents"][1]["results"][0]["authority_code_label"] == "código 10"  # kept, shown


def test_json_can_hold_only_some_categories(backpack):
    data = to_json(backpack, categories=["grades", "attendance"])
    assert [k for k in data if k in CATEGORY_CODES] == ["attendance", "grades"]
    assert list(data["categories"]) == ["attendance", "grades"]
    with pytest.raises(KeyError):
        to_json(backpack, categories=["secrets"])
