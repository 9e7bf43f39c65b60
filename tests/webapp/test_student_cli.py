"""`backpack student SSID [--json] [--lang en|es]` on SQLite and PostgreSQL."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from consent.categories import CATEGORY_CODES
from tests.factories import make_district, make_school, make_student, make_student_with_history
from webapp.cli import main
from webapp.store.backpack import load_backpack, to_json
from webapp.store.headings import category_heading
from .test_read_model import QUERIES_PER_LOAD

BACKPACK = Path(sys.executable).with_name("backpack")


@pytest.fixture
def students(app, db_session):
    district = make_district(db_session, name="Sunrise Valley Unified")
    high = make_school(db_session, district, name="Lincoln High")
    elementary = make_school(db_session, district, name="Cesar Chavez Elementary")
    made = [
        make_student_with_history(db_session, high, years=4, last_grade="12", first_name="Maya"),
        make_student_with_history(db_session, elementary, years=2, last_grade="04", first_name="Leo"),
        make_student(db_session, elementary, grade_level="KN", first_name="Ivy", last_name="Tran"),
    ]
    db_session.commit()
    return made


def run(app, *args: str):
    return app.test_cli_runner().invoke(main, ["student", *args])


def test_json_for_several_students_matches_the_read_model(app, db_session, students):
    for student in students:
        result = run(app, student.ssid, "--json")
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        assert data == to_json(load_backpack(db_session, student.id))
        assert [k for k in data if k in CATEGORY_CODES] == list(CATEGORY_CODES)
        assert data["demographics"]["ssid"] == student.ssid


def test_json_content_of_a_high_school_senior(app, students):
    maya = json.loads(run(app, students[0].ssid, "--json").stdout)
    assert maya["demographics"]["first_name"] == "Maya"
    assert [y["academic_year"] for y in maya["attendance"]["years"]] == [
        "2020-2021", "2021-2022", "2022-2023", "2023-2024"]
    assert maya["grades"]["credits_earned"] == 120.0
    assert maya["readiness"]["credits_required"] == 220
    ivy = json.loads(run(app, students[2].ssid, "--json").stdout)
    assert ivy["readiness"] is None and ivy["attendance"]["years"] == [] and ivy["gradebook"] == []


def test_spanish_json_labels(app, students):
    data = json.loads(run(app, students[1].ssid, "--json", "--lang", "es").stdout)
    assert data["lang"] == "es"
    assert data["demographics"]["grade_level_label"] == "4.º grado"
    assert data["categories"]["supports"].startswith("Ayuda extra")


def test_text_view_groups_by_sharing_category(app, students):
    result = run(app, students[0].ssid)
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith(f"Maya {students[0].last_name} · {students[0].ssid} · ")
    headings = [category_heading(code, "en") for code in CATEGORY_CODES]
    positions = [text.index(f"\n{h}\n") for h in headings]
    assert positions == sorted(positions)  # every category, in the order of DESIGN.md §2
    assert "Grade: 12th grade (12)" in text
    assert "Program: " in text and "(101)" in text
    assert "Credits needed to graduate: 220" in text


def test_text_view_in_spanish(app, students):
    text = run(app, students[1].ssid, "--lang", "es").stdout
    assert "\nAsistencia\n" in text and "\nPruebas estatales\n" in text
    assert "Grado: 4.º grado (04)" in text
    assert "Solo para los grados 9 a 12" in text  # readiness is for high school only


@pytest.mark.parametrize("ssid", ["12345", "abcdefghij", "12345678901", "１２３４５６７８９０"])
def test_malformed_ssid_exits_2(app, students, ssid):
    result = run(app, ssid)
    assert result.exit_code == 2
    assert "exactly 10 digits" in result.stderr and result.stdout == ""


def test_unknown_ssid_exits_2(app, students):
    result = run(app, "9999999999", "--json")
    assert result.exit_code == 2
    assert "No student with SSID 9999999999" in result.stderr and result.stdout == ""


def test_the_installed_console_script(database_url, students, tmp_path):
    """The real `backpack` executable against the same database, as a school data person runs it."""
    env = {**os.environ, "DATABASE_URL": database_url, "BACKPACK_INSTANCE": str(tmp_path / "instance"),
           "SECRET_KEY": "test-secret-key"}
    ok = subprocess.run([str(BACKPACK), "student", students[1].ssid, "--json"], env=env, capture_output=True,
                        text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["demographics"]["ssid"] == students[1].ssid
    missing = subprocess.run([str(BACKPACK), "student", "0000000001"], env=env, capture_output=True, text=True,
                             timeout=120)
    assert missing.returncode == 2 and "No student with SSID 0000000001" in missing.stderr


def test_json_for_demo_students_loaded_through_the_importers(app, db_session, tmp_path, count_queries):
    """The demo district, written as CALPADS and score files and imported for real, read back by the CLI."""
    from sqlalchemy import select

    from webapp.demo import generate
    from webapp.demo.showcase import DANIEL, LEO, MAYA, THAO
    from webapp.importers import run_import
    from webapp.models import Student
    from webapp.store.backpack import find_student, load_backpacks

    files = generate(tmp_path / "demo", students_count=60)
    for kind, paths in files.by_kind():
        assert run_import(db_session, paths, kind, "test").exit_code == 0
    db_session.commit()

    shown = {}
    for person in (MAYA, LEO, THAO, DANIEL):
        result = run(app, person.ssid, "--json")
        assert result.exit_code == 0, result.stderr
        shown[person.ssid] = data = json.loads(result.stdout)
        student = find_student(db_session, ssid=person.ssid)
        assert data == to_json(load_backpack(db_session, student.id))
        assert data["demographics"]["grade_level"] == person.grade
        assert data["demographics"]["district"]["name"] == "Sierra Vista Unified"
        text = run(app, person.ssid).stdout
        assert all(f"\n{category_heading(code, 'en')}\n" in text for code in CATEGORY_CODES)

    maya, leo, thao, daniel = (shown[p.ssid] for p in (MAYA, LEO, THAO, DANIEL))
    assert maya["english_learning"]["current_status"] == "EL" and maya["english_learning"]["latest_elpac"]
    assert maya["attendance"]["years"][-1] | {"chronic_absence": True} == maya["attendance"]["years"][-1]
    assert "181" in {p["program_code"] for p in maya["supports"]["programs"]}
    assert maya["readiness"] is None

    assert leo["english_learning"]["current_status"] == "RFEP" and leo["english_learning"]["reclassified_on"]
    assert "101" in {p["program_code"] for p in leo["supports"]["programs"]}
    (incident,) = leo["behavior"]["incidents"]
    assert (incident["academic_year"], incident["days"], incident["results"][0]["result_code_label"]) == (
        "2023-2024", 2.0, "Suspended from school")
    math = next(t for t in leo["state_tests"]["tests"] if t["test"] == "sbac_math")
    assert len(math["years"]) == 3 and all(y["change_points"] is not None for y in math["years"][1:])
    assert leo["readiness"]["credits_required"] == 220
    assert {a["area"] for a in leo["readiness"]["ag_areas"] if a["years_done"] > 0} >= {"A", "B", "C", "D"}
    assert all(c["content_area"] for y in leo["grades"]["years"] for t in y["terms"] for c in t["courses"])

    assert [p["status_code"] for p in thao["english_learning"]["history"]] == ["TBD", "EL"]
    assert {"144", "191"} <= {p["program_code"] for p in daniel["supports"]["programs"]}
    assert daniel["readiness"] is not None and daniel["grades"]["cumulative_gpa"] is not None
    for data in shown.values():  # every program and test code the importers accept has a real label
        assert not any(p["program_code_label"].startswith("code ") for p in data["supports"]["programs"])
        assert not any(y["level_label"].startswith("code ") for t in data["state_tests"]["tests"] for y in t["years"]
                       if y["level"])

    ids = [find_student(db_session, ssid=ssid).id for ssid in shown]
    with count_queries() as counter:
        assert len(load_backpacks(db_session, ids)) == 4
    assert counter.count == QUERIES_PER_LOAD  # four students cost what one costs
    for ssid in db_session.scalars(select(Student.ssid).order_by(Student.ssid).limit(5)):
        assert run(app, ssid, "--json").exit_code == 0
