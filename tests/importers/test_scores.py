"""CAASPP and ELPAC score files: header-mapped (any year) and fixed-width (the layouts we ship)."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from webapp.importers import run_import
from webapp import models
from webapp.models import District, School, Student

from . import files as f

A, B, C = f.SSIDS
VENDOR_NAMES = {2: "SSID", 103: "FinalTestCompletedDate", 146: "ScaleScore", 147: "StandardErrorMeasurement",
                150: "AchievementLevels", 309: "GradeAssessedMinus1", 312: "ScaleScoreMinus1",
                313: "AchievementLevelMinus1"}


@pytest.fixture
def students(db_session, tmp_path):
    sinf = f.write(tmp_path, "sinf.txt", [f.sinf(A), f.sinf(B)])
    assert run_import(db_session, [sinf], "calpads", "tester").exit_code == 0
    return {s.ssid: s.id for s in db_session.scalars(select(Student))}


def results(session) -> dict[tuple, models.TestResult]:
    return {(r.student_id, r.test, r.academic_year): r for r in session.scalars(select(models.TestResult))}


CAASPP_ROWS = [
    f.caaspp_row(A, record_type="01", scale="2500", level="3", prior=("04", "2450", "2")),
    f.caaspp_row(A, record_type="02", scale="2430", level="1"),
    f.caaspp_row(B, record_type="01", scale="", level="", completed="", condition="NT"),
]


def caaspp_files(tmp_path):
    return {
        "layout names": f.write(tmp_path, "caaspp-layout.txt", f.delimited(f.CAASPP_LAYOUT, CAASPP_ROWS)),
        "vendor names": f.write(tmp_path, "caaspp-vendor.txt",
                                f.delimited(f.CAASPP_LAYOUT, CAASPP_ROWS, renames=VENDOR_NAMES)),
        "comma separated": f.write(tmp_path, "caaspp.csv",
                                   f.delimited(f.CAASPP_LAYOUT, CAASPP_ROWS, renames=VENDOR_NAMES, delimiter=",")),
        "fixed width": f.write(tmp_path, "caaspp-fixed.txt", f.fixed_width(f.CAASPP_LAYOUT, CAASPP_ROWS)),
    }


@pytest.mark.parametrize("form", ["layout names", "vendor names", "comma separated", "fixed width"])
def test_caaspp_file_in_every_form(db_session, tmp_path, students, form):
    report = run_import(db_session, [caaspp_files(tmp_path)[form]], "caaspp", "tester")
    assert report.exit_code == 0, report.text()
    fr = report.files[0]
    assert (fr.record_type, fr.rows_read, fr.rows_loaded, fr.status) == (None, 3, 3, "loaded")

    got = results(db_session)
    ela = got[(students[A], "sbac_ela", "2021-2022")]
    assert (ela.scale_score, ela.standard_error, ela.level, ela.grade_assessed, ela.completed_on, ela.source) == (
        2500, 25, "3", "05", date(2022, 4, 20), "file")
    prior = got[(students[A], "sbac_ela", "2020-2021")]
    assert (prior.scale_score, prior.level, prior.grade_assessed, prior.source) == (2450, "2", "04", "prior")
    assert got[(students[A], "sbac_math", "2021-2022")].level == "1"
    untested = got[(students[B], "sbac_ela", "2021-2022")]  # no date of its own: the file's year
    assert (untested.scale_score, untested.level, untested.condition_code) == (None, None, "NT")
    assert len(got) == 4

    school = db_session.scalars(select(School)).one()
    assert (school.cds_code, school.name) == (f.ELEMENTARY, "Oak Elementary")
    assert db_session.scalars(select(District)).one().name == "Valley Unified"


def test_score_file_again_is_unchanged(db_session, tmp_path, students):
    path = caaspp_files(tmp_path)["layout names"]
    assert run_import(db_session, [path], "caaspp", "tester").exit_code == 0
    copy = f.write(tmp_path, "copy.txt", path.read_text().splitlines(), newline="\r\n")
    report = run_import(db_session, [copy], "caaspp", "tester")
    assert report.exit_code == 0
    assert (report.files[0].status, report.files[0].rows_unchanged) == ("unchanged", 3)


def test_prior_year_fields_never_overwrite_and_yield_to_the_real_file(db_session, tmp_path, students):
    older = f.write(tmp_path, "2021.txt", f.delimited(f.CAASPP_LAYOUT, [
        f.caaspp_row(A, record_type="01", scale="2466", level="3", grade="04", completed="2021-05-01")]))
    newer = f.write(tmp_path, "2022.txt", f.delimited(f.CAASPP_LAYOUT, [
        f.caaspp_row(A, record_type="01", prior=("04", "2450", "2"))]))
    assert run_import(db_session, [older, newer], "caaspp", "tester").exit_code == 0
    kept = results(db_session)[(students[A], "sbac_ela", "2020-2021")]
    assert (kept.scale_score, kept.source) == (2466, "file")

    db_session.query(models.TestResult).delete()
    db_session.commit()
    again_newer = f.write(tmp_path, "2022b.txt", f.delimited(f.CAASPP_LAYOUT, [
        f.caaspp_row(A, record_type="01", scale="2501", prior=("04", "2450", "2"))]))
    assert run_import(db_session, [again_newer], "caaspp", "tester").exit_code == 0
    assert results(db_session)[(students[A], "sbac_ela", "2020-2021")].source == "prior"
    again_older = f.write(tmp_path, "2021b.txt", f.delimited(f.CAASPP_LAYOUT, [
        f.caaspp_row(A, record_type="01", scale="2466", level="3", grade="04", completed="2021-05-02")]))
    assert run_import(db_session, [again_older], "caaspp", "tester").exit_code == 0
    replaced = results(db_session)[(students[A], "sbac_ela", "2020-2021")]
    assert (replaced.scale_score, replaced.source) == (2466, "file")


def test_a_file_with_two_years_updates_its_own_prior_year_rows(db_session, tmp_path, students):
    """Prior-year fields of a 2022 row, then the real 2021 row in the same file: not a repeated key."""
    path = f.write(tmp_path, "two-years.txt", f.delimited(f.CAASPP_LAYOUT, [
        f.caaspp_row(A, record_type="01", prior=("04", "2450", "2")),
        f.caaspp_row(A, record_type="01", scale="2466", level="3", grade="04", completed="2021-05-01")]))
    report = run_import(db_session, [path], "caaspp", "tester")
    assert report.exit_code == 0, report.text()
    row = results(db_session)[(students[A], "sbac_ela", "2020-2021")]
    assert (row.scale_score, row.source) == (2466, "file")


def test_unknown_ssid_unknown_test_and_duplicates_are_rejected(db_session, tmp_path, students):
    path = f.write(tmp_path, "caaspp.txt", f.delimited(f.CAASPP_LAYOUT, [
        f.caaspp_row(A), f.caaspp_row(C), f.caaspp_row(B, record_type="07"), f.caaspp_row(A, scale="2511")]))
    report = run_import(db_session, [path], "caaspp", "tester")
    assert report.exit_code == 1
    assert [str(r) for r in report.files[0].rejections] == [
        "caaspp.txt:3:Statewide Student Identifier (SSID) — SSID 1000000003 is not on file; load the CALPADS SINF "
        "or SENR file that lists this student first",
        "caaspp.txt:4:Record Type — “07” is not a CAASPP record type we load (01, 02, 03, 04, 05, 06, 09)",
        "caaspp.txt:5:record — same key as line 2 (sbac_ela, 1000000001, 2021-2022); a key may appear only once in a "
        "file",
    ]
    assert db_session.scalar(select(func.count()).select_from(models.TestResult)) == 0


def test_a_file_with_no_test_dates_cannot_be_placed_in_a_year(db_session, tmp_path, students):
    path = f.write(tmp_path, "caaspp.txt", f.delimited(f.CAASPP_LAYOUT, [f.caaspp_row(A, completed="")]))
    report = run_import(db_session, [path], "caaspp", "tester")
    assert [str(r) for r in report.files[0].rejections] == [
        "caaspp.txt:2:test date — no test date on this row or any other row of the file, so the school year is "
        "unknown"]


def test_score_files_that_cannot_be_read(db_session, tmp_path, students):
    no_header = f.write(tmp_path, "no-header.txt", f.delimited(f.CAASPP_LAYOUT, [f.caaspp_row(A)])[1:])
    other_year = f.write(tmp_path, "fixed-2023.txt", ["01" + A + " " * 4103 + "ZZ"])
    calpads = f.write(tmp_path, "senr.txt", [f.senr(A)])
    report = run_import(db_session, [no_header, other_year, calpads], "caaspp", "tester")
    assert report.exit_code == 2
    assert [fr.message for fr in report.files] == [
        "The first line is not a header row with the column names (there is no SSID column). Use the delimited "
        "file with its header row, or the 2021-2022 fixed-width file.",
        "This is not a delimited file with a header row, and it does not match the 2021-2022 fixed-width layout "
        "either (records there are 4037 characters long and end with ZZ; this one is 4117). The layout changes "
        "every year: use the delimited file with its header row.",
        "This looks like a CALPADS SENR file; import it as calpads.",
    ]


def test_a_fixed_width_file_with_commas_in_names_is_still_fixed_width(db_session, tmp_path, students):
    row = {**f.caaspp_row(A), 3: "Lopez, Jr."}
    report = run_import(db_session, [f.write(tmp_path, "fixed.txt", f.fixed_width(f.CAASPP_LAYOUT, [row]))],
                        "caaspp", "tester")
    assert report.exit_code == 0, report.text()


def test_fixed_width_lines_of_the_wrong_length_are_rejected(db_session, tmp_path, students):
    lines = f.fixed_width(f.CAASPP_LAYOUT, [f.caaspp_row(A), f.caaspp_row(B)])
    path = f.write(tmp_path, "fixed.txt", [lines[0], lines[1][:-10] + "ZZ"])
    report = run_import(db_session, [path], "caaspp", "tester")
    assert [str(r) for r in report.files[0].rejections] == [
        "fixed.txt:2:record — is 4029 characters long; 2021-2022 fixed-width records are 4037 characters and end "
        "with ZZ"]


ELPAC_ROWS = [f.elpac_row(A, prior=("04", "1450", "2")), f.elpac_row(B, record_type="22", level="", scale="",
                                                                        oral="", written="")]


@pytest.mark.parametrize("form", ["delimited", "fixed width"])
def test_elpac_file(db_session, tmp_path, students, form):
    lines = (f.delimited(f.ELPAC_LAYOUT, ELPAC_ROWS) if form == "delimited"
             else f.fixed_width(f.ELPAC_LAYOUT, ELPAC_ROWS))
    report = run_import(db_session, [f.write(tmp_path, "elpac.txt", lines)], "elpac", "tester")
    assert report.exit_code == 0, report.text()
    got = results(db_session)
    summative = got[(students[A], "elpac_summative", "2020-2021")]
    assert (summative.scale_score, summative.level, summative.grade_assessed) == (1480, "2", "05")
    assert summative.parts == {"oral": "3", "written": "2", "listening": "3", "speaking": "2", "reading": "2",
                               "writing": "1"}
    prior = got[(students[A], "elpac_summative", "2019-2020")]
    assert (prior.scale_score, prior.level, prior.source) == (1450, "2", "prior")
    assert got[(students[B], "elpac_initial", "2020-2021")].level is None


def test_older_elpac_files_name_the_test_in_assessment_type(db_session, tmp_path, students):
    lines = f.delimited(f.ELPAC_LAYOUT, [f.elpac_row(A, record_type="SA", completed="2019-04-02")],
                        renames={1: "Assessment Type"})
    report = run_import(db_session, [f.write(tmp_path, "elpac-2019.txt", lines)], "elpac", "tester")
    assert report.exit_code == 0, report.text()
    assert (students[A], "elpac_summative", "2018-2019") in results(db_session)
