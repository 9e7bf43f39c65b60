"""CALPADS files: every record type loads, in dependency order, idempotently, keeping history."""
from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from webapp.importers import run_import
from webapp.models import (
    AttendanceSummary, Base, CourseRecord, CourseSection, DisciplineIncident, DisciplineOffense, DisciplineResult, District,
    EnglishStatus, Enrollment, ImportBatch, ProgramParticipation, School, Staff, StaffAssignment, Student,
)

from . import files as f

A, B, C = f.SSIDS


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def student(session, ssid) -> Student:
    return session.scalars(select(Student).where(Student.ssid == ssid)).one()


def snapshot(session) -> dict[str, list]:
    """Every row of every data table (not the import audit), to prove an import changed nothing."""
    session.expire_all()
    return {t.name: [tuple(r) for r in session.execute(select(t).order_by(*t.primary_key.columns))]
            for t in Base.metadata.sorted_tables if t.name != "import_batches"}


def data_writes(statements) -> list[str]:
    """INSERT and DELETE statements on data tables (not the audit or the importer's own temporary tables)."""
    return [s for s in statements if s.lstrip().upper().startswith(("INSERT", "DELETE"))
            and "import_batches" not in s and "import_keys_" not in s]


def full_district(tmp_path):
    """One file of every current CALPADS record type for three students."""
    return [
        f.write(tmp_path, "sinf.txt", [f.sinf(A, count=50, preferred="Mia"), f.sinf(B, first="Leo"), f.sinf(C)]),
        f.write(tmp_path, "senr.txt", [f.senr(A), f.senr(B, grade="09", school=f.HIGH, first="Leo"), f.senr(C)]),
        f.write(tmp_path, "sprg.txt", [f.sprg(A, program="101"), f.sprg(B, program="181")]),
        f.write(tmp_path, "sela.txt", [f.sela(A, status="EL"), f.sela(B, status="EO", language="00")]),
        f.write(tmp_path, "stas.txt", [f.stas(A), f.stas(C, count=21, unexcused="20")]),
        f.write(tmp_path, "crsc.txt", [f.crsc(), f.crsc(section="102", course="ENG9", name="English 9",
                                                         state_code="2130", term="S1")]),
        f.write(tmp_path, "scsc.txt", [f.scsc(B), f.scsc(B, section="102", course="ENG9", term="S1", ag="B",
                                                         grade="A")]),
        f.write(tmp_path, "sinc.txt", [f.sinc(A)]),
        f.write(tmp_path, "sirs.txt", [f.sirs(A)]),
        f.write(tmp_path, "soff.txt", [f.soff(A), f.soff(A, offense="511")]),
        f.write(tmp_path, "sdem.txt", [f.sdem("1234567890")]),
        f.write(tmp_path, "sass.txt", [f.sass("1234567890")]),
    ]


def test_every_record_type_loads_in_dependency_order_from_shuffled_input(db_session, tmp_path):
    paths = full_district(tmp_path)
    random.Random(7).shuffle(paths)
    seen = []
    report = run_import(db_session, paths, "calpads", "tester", progress=seen.append)

    assert report.exit_code == 0, report.text()
    assert report.saved
    assert {fr.record_type: fr.status for fr in report.files} == {
        "SINF": "loaded", "SENR": "loaded", "SPRG": "loaded", "SELA": "loaded", "STAS": "loaded", "CRSC": "loaded",
        "SCSC": "loaded", "SINC": "loaded", "SIRS": "loaded", "SOFF": "loaded", "SDEM": "loaded", "SASS": "loaded"}
    assert sum(fr.rows_read for fr in report.files) == 22
    assert seen and seen == sorted(seen) and seen[-1] == 22

    maya = student(db_session, A)
    assert (maya.first_name, maya.last_name, maya.preferred_first_name, maya.birth_date) == (
        "Maya", "Lopez", "Mia", date(2013, 4, 12))
    assert maya.grade_level == "05" and maya.school.cds_code == f.ELEMENTARY
    assert maya.home_language == "01"
    assert maya.race_codes == ["700"] and maya.hispanic is True and maya.parent_education == "13"
    assert maya.address == {"line1": "12 Elm St", "city": "Fresno", "state": "CA", "zip": "93701"}
    assert maya.guardian_names == [{"first": "Ana", "last": "Lopez"}]
    leo = student(db_session, B)
    assert leo.first_name == "Leo" and leo.grade_level == "09" and leo.school.cds_code == f.HIGH

    district = db_session.scalars(select(District)).one()
    assert (district.cds_code, district.name) == (f.DISTRICT, f"District {f.DISTRICT}")
    assert {s.cds_code for s in db_session.scalars(select(School))} == {f.ELEMENTARY, f.HIGH}

    assert count(db_session, Enrollment) == 3
    programs = {(p.student_id, p.program_code) for p in db_session.scalars(select(ProgramParticipation))}
    assert programs == {(maya.id, "101"), (leo.id, "181")}
    assert {e.status_code for e in db_session.scalars(select(EnglishStatus))} == {"EL", "EO"}

    attendance = {a.student_id: a for a in db_session.scalars(select(AttendanceSummary))}
    assert attendance[maya.id].expected_days == Decimal("180") and attendance[maya.id].days_attended == 170
    assert attendance[student(db_session, C).id].unexcused_absence_days == 20
    assert attendance[student(db_session, C).id].ada_independent_study_days is None

    sections = {s.section_id: s for s in db_session.scalars(select(CourseSection))}
    assert sections["101"].name == "Algebra 1" and sections["101"].uc_csu_approved is True
    assert sections["102"].term_code == "S1" and sections["101"].teacher_seid == "1234567890"
    records = {r.section_id: r for r in db_session.scalars(select(CourseRecord))}
    assert records[sections["102"].id].final_grade == "A" and records[sections["102"].id].ag_code == "B"
    assert records[sections["101"].id].credits_earned == Decimal("5.00") and records[sections["101"].id].completed

    incident = db_session.scalars(select(DisciplineIncident)).one()
    assert (incident.incident_id_local, incident.occurred_on, incident.source) == ("I-1", date(2023, 10, 12), "SINC")
    assert {o.offense_code for o in db_session.scalars(select(DisciplineOffense))} == {"500", "511"}
    result = db_session.scalars(select(DisciplineResult)).one()
    assert (result.result_code, result.duration_days) == ("100", Decimal("2"))

    staff = db_session.scalars(select(Staff)).one()
    assert (staff.first_name, staff.last_name) == ("Rosa", "Park")
    assert db_session.scalars(select(StaffAssignment)).one().fte_percent == Decimal("100.0")

    batches = db_session.scalars(select(ImportBatch)).all()
    assert len(batches) == 12 and {b.status for b in batches} == {"loaded"}
    assert len({b.run_id for b in batches}) == 1
    assert all(len(b.sha256) == 64 and b.imported_by == "tester" for b in batches)


def test_same_files_again_change_nothing_and_say_so(db_session, tmp_path, count_queries):
    paths = full_district(tmp_path)
    assert run_import(db_session, paths, "calpads", "tester").exit_code == 0

    before = snapshot(db_session)
    with count_queries() as counter:
        again = run_import(db_session, list(reversed(paths)), "calpads", "tester")
    assert again.exit_code == 0
    assert {fr.status for fr in again.files} == {"unchanged"}
    assert all("same SHA-256" in fr.message for fr in again.files)
    assert "nothing changed" in again.text()
    assert data_writes(counter.statements) == []
    assert snapshot(db_session) == before


def test_same_rows_in_a_different_file_are_row_level_no_ops(db_session, tmp_path, count_queries):
    paths = full_district(tmp_path)
    assert run_import(db_session, paths, "calpads", "tester").exit_code == 0
    # Same records, Windows line ends: a different SHA-256, so every row is compared.
    copies = [f.write(tmp_path, "crlf-" + p.name, p.read_text().splitlines(), newline="\r\n") for p in paths]

    before = snapshot(db_session)
    with count_queries() as counter:
        again = run_import(db_session, copies, "calpads", "tester")
    assert again.exit_code == 0, again.text()
    assert {fr.status for fr in again.files} == {"unchanged"}
    assert sum(fr.rows_unchanged for fr in again.files) == 22
    assert sum(fr.rows_loaded for fr in again.files) == 0
    assert data_writes(counter.statements) == []
    assert snapshot(db_session) == before
    assert "Every row matches what is already saved" in again.files[0].message


def test_newer_files_update_students_and_keep_history(db_session, tmp_path):
    first = [
        f.write(tmp_path, "senr-2023.txt", [f.senr(A, start="20230816", grade="05", exit_date="20240607",
                                                   exit_reason="E155", year="2023-2024")]),
        f.write(tmp_path, "sela-2023.txt", [f.sela(A, status="EL", start="20190820", year="2023-2024")]),
    ]
    assert run_import(db_session, first, "calpads", "tester").exit_code == 0
    newer = [
        f.write(tmp_path, "senr-2024.txt", [f.senr(A, start="20240815", grade="06", school=f.MIDDLE, year="2024-2025",
                                                   last="Lopez-Garcia")]),
        f.write(tmp_path, "sela-2024.txt", [f.sela(A, status="RFEP", start="20241001", year="2024-2025")]),
        f.write(tmp_path, "sinf-2024.txt", [f.sinf(A, last="Lopez-Garcia", school=f.MIDDLE, year="2024-2025")]),
    ]
    report = run_import(db_session, newer, "calpads", "tester")
    assert report.exit_code == 0, report.text()

    maya = student(db_session, A)
    assert maya.last_name == "Lopez-Garcia"
    assert maya.grade_level == "06" and maya.school.cds_code == f.MIDDLE
    stays = db_session.scalars(select(Enrollment).where(Enrollment.student_id == maya.id)
                               .order_by(Enrollment.start_date)).all()
    assert [(s.academic_year, s.grade_level, s.exit_reason) for s in stays] == [
        ("2023-2024", "05", "E155"), ("2024-2025", "06", None)]
    statuses = db_session.scalars(select(EnglishStatus).where(EnglishStatus.student_id == maya.id)
                                  .order_by(EnglishStatus.start_date)).all()
    assert [s.status_code for s in statuses] == ["EL", "RFEP"]

    # A corrected exit date for the same stay updates that stay instead of adding one.
    fix = f.write(tmp_path, "senr-fix.txt", [f.senr(A, start="20240815", grade="06", school=f.MIDDLE,
                                                    year="2024-2025", exit_date="20250606", exit_reason="E155",
                                                    last="Lopez-Garcia")])
    report = run_import(db_session, [fix], "calpads", "tester")
    assert report.files[0].rows_loaded == 1
    assert count(db_session, Enrollment) == 2
    assert student(db_session, A).school.cds_code == f.MIDDLE


def test_senr_does_not_blank_what_sinf_says(db_session, tmp_path):
    paths = [f.write(tmp_path, "sinf.txt", [f.sinf(A, middle="Rosa")]), f.write(tmp_path, "senr.txt", [f.senr(A)])]
    assert run_import(db_session, paths, "calpads", "tester").exit_code == 0
    assert student(db_session, A).middle_name == "Rosa"


def test_sinf_42_and_50_fields_stas_21_and_23_sela_15_and_16(db_session, tmp_path):
    paths = [
        f.write(tmp_path, "sinf.txt", [f.sinf(A, count=42), f.sinf(B, count=50, preferred="Bea")]),
        f.write(tmp_path, "stas.txt", [f.stas(A, count=21), f.stas(B, count=23)]),
        f.write(tmp_path, "sela.txt", [f.sela(A, count=15), f.sela(B, count=16)]),
    ]
    report = run_import(db_session, paths, "calpads", "tester")
    assert report.exit_code == 0, report.text()
    assert [fr.rows_loaded for fr in report.files] == [2, 2, 2]
    assert student(db_session, B).preferred_first_name == "Bea"
    assert student(db_session, A).preferred_first_name is None


def test_legacy_sdis_fills_incidents_offenses_and_results(db_session, tmp_path):
    paths = [
        f.write(tmp_path, "sinf.txt", [f.sinf(A)]),
        f.write(tmp_path, "sdis.txt", [
            f.sdis(A, incident="D-1", offense="511", action="100"),
            f.sdis(A, incident="D-1", offense="512", action="100"),
            f.sdis(A, incident="D-2", offense="200", action="200", date="20190301", days=""),
        ]),
    ]
    report = run_import(db_session, paths, "calpads", "tester")
    assert report.exit_code == 0, report.text()
    incidents = {i.incident_id_local: i for i in db_session.scalars(select(DisciplineIncident))}
    assert set(incidents) == {"D-1", "D-2"}
    assert {i.source for i in incidents.values()} == {"SDIS"}
    assert incidents["D-1"].academic_year == "2018-2019"
    offenses = {(o.incident_id, o.offense_code) for o in db_session.scalars(select(DisciplineOffense))}
    assert offenses == {(incidents["D-1"].id, "511"), (incidents["D-1"].id, "512"), (incidents["D-2"].id, "200")}
    results = {(r.incident_id, r.result_code, r.duration_days) for r in db_session.scalars(select(DisciplineResult))}
    assert results == {(incidents["D-1"].id, "100", Decimal("3")), (incidents["D-2"].id, "200", None)}


def test_transaction_type_d_deletes_the_record(db_session, tmp_path):
    paths = [f.write(tmp_path, "senr.txt", [f.senr(A), f.senr(A, start="20240105", school=f.MIDDLE, status="20")]),
             f.write(tmp_path, "sprg.txt", [f.sprg(A, program="181")])]
    assert run_import(db_session, paths, "calpads", "tester").exit_code == 0
    deletes = [f.write(tmp_path, "senr-d.txt", [f.senr(A, start="20240105", school=f.MIDDLE, status="20", txn="D")]),
               f.write(tmp_path, "sprg-d.txt", [f.sprg(A, program="181", txn="D")])]
    report = run_import(db_session, deletes, "calpads", "tester")
    assert report.exit_code == 0, report.text()
    assert [fr.rows_loaded for fr in report.files] == [1, 1]
    assert count(db_session, Enrollment) == 1 and count(db_session, ProgramParticipation) == 0
    assert count(db_session, Student) == 1


def test_fall_scse_does_not_undo_year_end_completion(db_session, tmp_path):
    paths = [f.write(tmp_path, "sinf.txt", [f.sinf(B)]), f.write(tmp_path, "crsc.txt", [f.crsc()]),
             f.write(tmp_path, "scsc.txt", [f.scsc(B)])]
    assert run_import(db_session, paths, "calpads", "tester").exit_code == 0
    fall = f.write(tmp_path, "scse.txt", [f.scsc(B, rt="SCSE")])
    report = run_import(db_session, [fall], "calpads", "tester")
    assert report.exit_code == 0, report.text()
    assert db_session.scalars(select(CourseRecord)).one().completed is True


def test_uploads_keep_their_own_names(db_session, tmp_path):
    """The school console saves uploads to temporary paths and passes the names people chose."""
    saved = f.write(tmp_path, "tmpa1b2c3", [f.senr(A)])
    report = run_import(db_session, [saved], "calpads", "console:dana", display_names=["fall-enrollment.txt"])
    assert report.exit_code == 0
    assert report.files[0].name == "fall-enrollment.txt"
    assert db_session.scalars(select(ImportBatch)).one().file_name == "fall-enrollment.txt"
