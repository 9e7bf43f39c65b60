"""Bad input gets a clear answer, `file:line:field — reason`, and by default nothing is written."""
from __future__ import annotations

from sqlalchemy import func, select

from webapp.importers import run_import
from webapp.models import (
    Base, District, EnglishStatus, Enrollment, ImportBatch, ProgramParticipation, School, Student,
)

from . import files as f

A, B, C = f.SSIDS
DATA_TABLES = [t for t in Base.metadata.sorted_tables if t.name in {
    "districts", "schools", "students", "enrollments", "program_participations", "english_statuses",
    "attendance_summaries", "course_sections", "course_records", "discipline_incidents", "discipline_offenses",
    "discipline_results", "staff", "staff_assignments", "test_results"}]


def data_rows(session) -> int:
    return sum(session.scalar(select(func.count()).select_from(t)) for t in DATA_TABLES)


def messages(report) -> list[str]:
    return [str(r) for fr in report.files for r in fr.rejections]


def rejected(session, tmp_path, name, lines, **write_options):
    """Import one CALPADS file that should be refused; check nothing but the audit row was written."""
    report = run_import(session, [f.write(tmp_path, name, lines, **write_options)], "calpads", "tester")
    assert report.exit_code == 1, report.text()
    assert not report.saved
    assert data_rows(session) == 0
    batch = session.scalars(select(ImportBatch)).one()
    assert batch.status == "rejected" and batch.rows_rejected == report.files[0].rows_rejected
    assert batch.rows_loaded == 0
    assert batch.rejections == [r.as_json() for r in report.files[0].rejections]
    return report


def test_wrong_field_count(db_session, tmp_path):
    report = rejected(db_session, tmp_path, "senr.txt", [f.senr(A), f.senr(B)[:-1]])
    assert messages(report) == ["senr.txt:2:record — has 38 fields; a SENR record has 39"]
    assert "Nothing was saved" in report.text() and "--accept-partial" in report.text()


def test_field_count_lists_every_documented_count(db_session, tmp_path):
    report = rejected(db_session, tmp_path, "sinf.txt", [f.calpads(45, {1: "SINF"})])
    assert messages(report) == ["sinf.txt:1:record — has 45 fields; a SINF record has 42 or 50"]


def test_bad_dates_and_every_problem_on_the_line(db_session, tmp_path):
    report = rejected(db_session, tmp_path, "senr.txt", [f.senr(A, start="20231301", birth="2013-04-12")])
    assert messages(report) == [
        "senr.txt:1:1.17 Student Birth Date — “2013-04-12” is not a real date (expected CCYYMMDD)",
        "senr.txt:1:1.22 Enrollment Start Date — “20231301” is not a real date (expected CCYYMMDD)",
    ]
    assert report.files[0].rows_rejected == 1


def test_unknown_code_in_a_key_is_rejected(db_session, tmp_path):
    paths = [f.write(tmp_path, "sinf.txt", [f.sinf(A)]), f.write(tmp_path, "sprg.txt", [f.sprg(A, program="999")])]
    report = run_import(db_session, paths, "calpads", "tester")
    assert report.exit_code == 1
    assert messages(report) == [
        "sprg.txt:1:3.13 Education Program Code — “999” is not a known code, and this code is part of the "
        "record's key"]
    assert data_rows(db_session) == 0
    assert [b.status for b in db_session.scalars(select(ImportBatch).order_by(ImportBatch.id))] == [
        "rejected", "rejected"]
    assert "another file in this run" in report.files[0].message


def test_unknown_harmless_code_is_kept_and_noted(db_session, tmp_path):
    report = run_import(db_session, [f.write(tmp_path, "senr.txt", [f.senr(A, grade="ZZ")])], "calpads", "tester")
    assert report.exit_code == 0, report.text()
    assert db_session.scalars(select(Enrollment)).one().grade_level == "ZZ"
    assert "1.24 Grade Level Code “ZZ” (1 row)" in report.text()


def test_unknown_ssid_in_a_calpads_file(db_session, tmp_path):
    report = rejected(db_session, tmp_path, "sprg.txt", [f.sprg(C)])
    assert messages(report) == [
        "sprg.txt:1:3.07 SSID — SSID 1000000003 is not on file; load the SINF or SENR file that lists this "
        "student first"]


def test_malformed_ssid_and_cds_code(db_session, tmp_path):
    report = rejected(db_session, tmp_path, "senr.txt", [f.senr("12345", school="60170")])
    assert messages(report) == [
        "senr.txt:1:1.05 School of Attendance — “60170” is not a 7-digit CDS code",
        "senr.txt:1:1.08 SSID — “12345” is not an SSID (10 digits)",
    ]


def test_duplicate_key_within_a_file(db_session, tmp_path):
    report = rejected(db_session, tmp_path, "senr.txt", [f.senr(A), f.senr(B), f.senr(A, grade="06")])
    assert messages(report) == [
        "senr.txt:3:record — same key as line 1 (1000000001, 6017016, 2023-08-16); a key may appear only once "
        "in a file"]


def test_duplicate_key_across_batches(db_session, tmp_path, monkeypatch):
    monkeypatch.setattr("webapp.importers.run.BATCH_SIZE", 2)
    report = rejected(db_session, tmp_path, "sinf.txt", [f.sinf(A), f.sinf(B), f.sinf(C), f.sinf(A)])
    assert messages(report) == [
        "sinf.txt:4:record — same key as line 1 (1000000001); a key may appear only once in a file"]


def test_duplicate_key_of_a_row_already_stored(db_session, tmp_path):
    assert run_import(db_session, [f.write(tmp_path, "senr.txt", [f.senr(A)])], "calpads", "tester").exit_code == 0
    again = f.write(tmp_path, "senr-again.txt", [f.senr(B), f.senr(A), f.senr(A, grade="06")])
    report = run_import(db_session, [again], "calpads", "tester")
    assert report.exit_code == 1
    assert messages(report) == [
        "senr-again.txt:3:record — same key as line 2 (1000000001, 6017016, 2023-08-16); a key may appear only "
        "once in a file"]
    assert db_session.scalars(select(Enrollment)).one().grade_level == "05"


def test_duplicate_key_in_a_legacy_sdis_file(db_session, tmp_path):
    paths = [f.write(tmp_path, "sinf.txt", [f.sinf(A)]),
             f.write(tmp_path, "sdis.txt", [f.sdis(A), f.sdis(A, offense="512"), f.sdis(A)])]
    report = run_import(db_session, paths, "calpads", "tester")
    assert messages(report) == [
        "sdis.txt:3:record — same key as line 1 (1000000001, 6017016, D-1, 511, 100); a key may appear only once "
        "in a file"]


def test_many_duplicates_are_counted_beyond_the_list(db_session, tmp_path, monkeypatch):
    monkeypatch.setattr("webapp.importers.report.MAX_LISTED_REJECTIONS", 2)
    report = rejected(db_session, tmp_path, "sinf.txt", [f.sinf(A)] * 5)
    assert report.files[0].rows_rejected == 4
    assert len(report.files[0].rejections) == 2
    assert "… and 2 more problems, not listed." in report.text()


def test_references_that_are_not_on_file(db_session, tmp_path):
    paths = [f.write(tmp_path, "sinf.txt", [f.sinf(A)]),
             f.write(tmp_path, "scsc.txt", [f.scsc(A)]),
             f.write(tmp_path, "sirs.txt", [f.sirs(A)]),
             f.write(tmp_path, "sass.txt", [f.sass("9999999999")])]
    report = run_import(db_session, paths, "calpads", "tester")
    assert report.exit_code == 1
    assert messages(report) == [
        "scsc.txt:1:10.14 Course Section ID — no course section 101 for course ALG1, term FY, 2023-2024 at school "
        "1930007; load the CRSC file that lists it first",
        "sirs.txt:1:19.13 Incident ID Local — no incident I-1 for this student at school 6017016; load the SINC "
        "file first",
        "sass.txt:1:8.07 SEID — SEID 9999999999 is not on file; load the SDEM file first",
    ]
    assert data_rows(db_session) == 0


def test_record_of_another_type_and_bad_transaction_codes(db_session, tmp_path):
    other = f.calpads(42, {**{i: v for i, v in enumerate(f.sinf(B).split("^"), start=1)}, 1: "SIAD"})
    report = rejected(db_session, tmp_path, "sinf.txt", [f.sinf(A, txn="D"), other, f.sinf(C, txn="X")])
    assert messages(report) == [
        "sinf.txt:1:2.02 Transaction Type Code — SINF records cannot be deleted by an import (transaction type D)",
        "sinf.txt:2:2.01 Record Type Code — “SIAD” records do not belong in a SINF file; a file holds one record "
        "type",
        "sinf.txt:3:2.02 Transaction Type Code — “X” should be blank, D (delete) or R (replace)",
    ]


def test_too_long_and_empty_required_fields(db_session, tmp_path):
    report = rejected(db_session, tmp_path, "senr.txt", [f.senr(A, first="", last="X" * 51)])
    assert messages(report) == [
        "senr.txt:1:1.10 Student Legal First Name — is empty; a value is required",
        f"senr.txt:1:1.12 Student Legal Last Name — “{'X' * 51}” is longer than 50 characters",
    ]


def test_accept_partial_saves_the_good_rows(db_session, tmp_path):
    path = f.write(tmp_path, "senr.txt", [f.senr(A), f.senr(B, start="2023"), f.senr(C)])
    report = run_import(db_session, [path], "calpads", "tester", accept_partial=True)
    assert report.exit_code == 1 and report.saved
    fr = report.files[0]
    assert (fr.status, fr.rows_read, fr.rows_loaded, fr.rows_rejected) == ("partial", 3, 2, 1)
    assert {s.ssid for s in db_session.scalars(select(Student))} == {A, C}
    assert db_session.scalars(select(ImportBatch)).one().status == "partial"
    assert "The rows that were fine are saved" in report.text()


def test_utf8_bom_windows_1252_and_trailing_delimiters(db_session, tmp_path):
    paths = [
        f.write(tmp_path, "sinf.txt", [f.sinf(A, first="Zoë")], bom=True),
        f.write(tmp_path, "senr.txt", [f.senr(B, first="José", last="Muñoz") + "^"], encoding="cp1252",
                newline="\r\n"),
        f.write(tmp_path, "stas.txt", [f.stas(A, count=21) + "^"]),
    ]
    report = run_import(db_session, paths, "calpads", "tester")
    assert report.exit_code == 0, report.text()
    names = {s.ssid: (s.first_name, s.last_name) for s in db_session.scalars(select(Student))}
    assert names == {A: ("Zoë", "Lopez"), B: ("José", "Muñoz")}


def test_a_line_with_binary_data(db_session, tmp_path):
    path = tmp_path / "senr.txt"
    path.write_bytes((f.senr(A) + "\n").encode() + b"SENR^\x00\x01^\n")
    report = run_import(db_session, [path], "calpads", "tester")
    assert report.exit_code == 1
    assert messages(report) == ["senr.txt:2:line — The line has binary data (NUL bytes) in it."]
    assert data_rows(db_session) == 0


def test_empty_binary_and_missing_files_mean_nothing_could_be_read(db_session, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"\xef\xbb\xbf\r\n\r\n")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    workbook = tmp_path / "senr.xlsx"
    workbook.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    unknown = f.write(tmp_path, "abcd.txt", ["ABCD^1^2"])
    report = run_import(db_session, [empty, binary, workbook, unknown, tmp_path / "nope.txt"], "calpads", "tester")
    assert report.exit_code == 2
    assert [fr.status for fr in report.files] == ["failed"] * 5
    assert [fr.message for fr in report.files] == [
        "The file is empty.",
        "This is not a text file (it has binary data). Export the file as plain text and try again.",
        "This is a spreadsheet or zip file, not a text file. Export it as caret-delimited text and try again.",
        "The first record starts with “ABCD”, which is not a CALPADS record type we load (SINF, SENR, SDEM, "
        "SASS, CRSE, CRSC, SPRG, SELA, STAS, SCSE, SCSC, SINC, SIRS, SOFF, SDIS).",
        "There is no such file.",
    ]
    assert "No file could be read" in report.text()
    assert data_rows(db_session) == 0
    assert db_session.scalar(select(func.count()).select_from(ImportBatch)) == 5


def test_one_unreadable_file_stops_the_run_unless_partial_is_accepted(db_session, tmp_path):
    good = f.write(tmp_path, "senr.txt", [f.senr(A)])
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    report = run_import(db_session, [good, empty], "calpads", "tester")
    assert (report.exit_code, report.saved) == (1, False)
    assert data_rows(db_session) == 0
    report = run_import(db_session, [good, empty], "calpads", "tester", accept_partial=True)
    assert (report.exit_code, report.saved) == (1, True)
    assert [fr.status for fr in report.files] == ["loaded", "failed"]
    assert db_session.scalar(select(func.count()).select_from(Enrollment)) == 1


def test_a_rejected_run_can_be_fixed_and_loaded(db_session, tmp_path):
    bad = f.write(tmp_path, "senr.txt", [f.senr(A, start="20231301")])
    assert run_import(db_session, [bad], "calpads", "tester").exit_code == 1
    fixed = f.write(tmp_path, "senr.txt", [f.senr(A)])
    report = run_import(db_session, [fixed], "calpads", "tester")
    assert report.exit_code == 0 and report.files[0].status == "loaded"
    assert [District, School, Student, Enrollment] and data_rows(db_session) == 4
    assert db_session.scalar(select(func.count()).select_from(ProgramParticipation)) == 0
    assert db_session.scalar(select(func.count()).select_from(EnglishStatus)) == 0


def test_the_rejection_list_is_capped_but_the_count_is_exact(db_session, tmp_path, monkeypatch):
    monkeypatch.setattr("webapp.importers.report.MAX_LISTED_REJECTIONS", 3)
    report = rejected(db_session, tmp_path, "senr.txt", [f.senr(A)[:-1]] * 5)
    assert report.files[0].rows_rejected == 5
    assert len(report.files[0].rejections) == 3
    assert "… and 2 more problems, not listed." in report.text()
