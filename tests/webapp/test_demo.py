"""The demo district: deterministic files that follow the documented layouts, loaded by the real importers."""
from __future__ import annotations

import filecmp
import re
from collections import Counter, defaultdict
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from webapp import codes
from webapp.demo import DEMO_SHOWCASE, generate, showcase
from webapp.demo.generator import BENCH_FILES, MARKER
from webapp.demo.showcase import DANIEL, LEO, MAYA, THAO
from webapp.importers import calpads_layouts, run_import
from webapp import models

from .auth_support import Person

# Field counts documented in ../shared/formats/CALPADS.md section A.
DOCUMENTED = {"SENR": {39}, "SINF": {42, 50}, "SPRG": {26}, "SELA": {16}, "STAS": {21, 23}, "SINC": {17},
              "SIRS": {17}, "SOFF": {15}, "CRSC": {36}, "CRSE": {36}, "SCSC": {20}, "SCSE": {20}, "SDEM": {31},
              "SASS": {21}}
IMPORTER_LAYOUT = {"SENR": calpads_layouts.SENR, "SINF": calpads_layouts.SINF, "SPRG": calpads_layouts.SPRG,
                   "SELA": calpads_layouts.SELA, "STAS": calpads_layouts.STAS, "SINC": calpads_layouts.SINC,
                   "SIRS": calpads_layouts.SIRS, "SOFF": calpads_layouts.SOFF, "CRSC": calpads_layouts.CRSC,
                   "CRSE": calpads_layouts.CRSC, "SCSC": calpads_layouts.SCSC, "SCSE": calpads_layouts.SCSC,
                   "SDEM": calpads_layouts.SDEM, "SASS": calpads_layouts.SASS}
CURRENT = "2024-2025"  # the default `today` is 2025-06-20


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("demo") / "files")


def rows(files, kind: str, year: str | None = None) -> list[list[str]]:
    found = []
    for path in files.calpads:
        if path.name.endswith(f"-{kind}.txt") and (year is None or path.name.startswith(year)):
            found += [line.split("^") for line in path.read_text(encoding="utf-8").splitlines()]
    return found


def score_rows(paths: list[Path]) -> list[dict[str, str]]:
    found = []
    for path in paths:
        header, *lines = path.read_text(encoding="utf-8").splitlines()
        names = header.split("^")
        for line in lines:
            values = line.split("^")
            assert len(values) == len(names)
            row: dict[str, str] = {}
            for name, value in zip(names, values):
                row.setdefault(name, value)  # a repeated name ("Grade Assessed") means its first column
            found.append(row)
    return found


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path):
    first = generate(tmp_path / "a", students_count=120, seed=7)
    second = generate(tmp_path / "b", students_count=120, seed=7)
    other = generate(tmp_path / "c", students_count=120, seed=8)
    names = [p.relative_to(first.directory) for p in first.calpads + first.caaspp + first.elpac]
    assert names == [p.relative_to(second.directory) for p in second.calpads + second.caaspp + second.elpac]
    match, mismatch, errors = filecmp.cmpfiles(first.directory, second.directory, names, shallow=False)
    assert mismatch == [] and errors == [] and len(match) == len(names) > 20
    assert (first.directory / "calpads/2024-2025-SINF.txt").read_bytes() != (
        other.directory / "calpads/2024-2025-SINF.txt").read_bytes()


def test_every_calpads_record_has_the_documented_field_count(district):
    seen = Counter()
    for path in district.calpads:
        kinds = set()
        for number, line in enumerate(path.read_bytes().decode("utf-8").split("\r\n")[:-1], start=1):
            fields = line.split("^")
            kind = fields[0]
            kinds.add(kind)
            assert len(fields) in DOCUMENTED[kind], f"{path.name}:{number} has {len(fields)} fields"
            assert len(fields) == len(IMPORTER_LAYOUT[kind]), f"{path.name}:{number}"
            seen[kind] += 1
        assert len(kinds - {"CRSE", "SCSE"}) == 1, f"{path.name} mixes record types {kinds}"
    assert set(seen) >= {"SENR", "SINF", "SPRG", "SELA", "STAS", "SINC", "SIRS", "SOFF", "CRSC", "SCSC", "SDEM",
                         "SASS"}


def test_dates_codes_and_years_are_well_formed(district):
    for kind, date_fields in {"SENR": (16, 21, 24), "SINF": (3, 17, 35), "SPRG": (10, 14, 15), "SELA": (9, 13),
                              "STAS": (10,), "SINC": (10, 13), "SDEM": (15, 27)}.items():
        for fields in rows(district, kind):
            assert fields[0] == kind
            for i in date_fields:
                if fields[i]:
                    datetime.strptime(fields[i], "%Y%m%d")
    for fields in rows(district, "SENR"):
        assert fields[3] == "4369999" and len(fields[4]) == 7 and len(fields[7]) == 10 and fields[7].isdigit()
        assert codes.known("grade_level", fields[23]) and codes.known("enrollment_status", fields[22])
        if fields[24]:
            assert fields[21] <= fields[24] and codes.known("exit_reason", fields[25])
    for fields in rows(district, "SPRG"):
        assert codes.known("program", fields[12]) and fields[13] == "1"
    for fields in rows(district, "SELA"):
        assert codes.known("elas", fields[12])
    for fields in rows(district, "SOFF"):
        assert codes.known("offense", fields[13])
    for fields in rows(district, "SIRS"):
        assert codes.known("incident_result", fields[13])
    for fields in rows(district, "SCSC"):
        assert codes.known("term", fields[14]) and (not fields[18] or codes.known("ag", fields[18]))


def test_a_district_of_about_600_students_in_three_schools_across_kn_to_12(district):
    current = rows(district, "SENR", CURRENT)
    assert len(current) == len({f[7] for f in current}) == 600 == district.students
    assert {f[23] for f in current} == {"KN", *(f"{g:02d}" for g in range(1, 13))}
    assert {f[4] for f in current} == {"6100001", "6200001", "6300001"}
    assert sorted({p.name[:9] for p in district.calpads}) == ["2021-2022", "2022-2023", "2023-2024", "2024-2025"]
    names = {f[9] for f in current} | {f[11] for f in current}
    assert {"José", "Nguyễn"} <= names or ("Nguyễn" in names and any("é" in n or "í" in n for n in names))


def test_english_learners_at_every_stage(district):
    latest = {}
    for fields in rows(district, "SELA"):
        latest.setdefault(fields[6], []).append((fields[12], fields[13]))
    statuses = Counter(history[-1][0] for history in latest.values())
    assert {"EO", "IFEP", "EL", "RFEP"} <= set(statuses)
    assert any(code == "TBD" for history in latest.values() for code, _ in history)
    long_term = [h for h in latest.values() if h[-1][0] == "EL" and h[-1][1] <= "20190620"]  # EL for 6+ years
    assert len(long_term) >= 5
    reclassified = [h for h in latest.values() if any(c == "RFEP" for c, _ in h)]
    assert reclassified and all(dict(h)["EL"] < dict(h)["RFEP"] for h in reclassified if "EL" in dict(h))
    elpac = score_rows(district.elpac)
    assert elpac and {r["OverallPL"] for r in elpac} >= {"1", "2", "3", "4"}
    for r in elpac:
        assert 1150 <= int(r["OverallScaleScore"]) <= 1950 and r["ELStatus"] == "Yes"


def test_programs_plans_meals_homeless_and_chronic_absence(district):
    programs = Counter(f[12] for f in rows(district, "SPRG", CURRENT))
    assert {"101", "144", "181", "182", "191", "305"} <= set(programs)
    current = rows(district, "STAS", CURRENT)
    chronic = [f for f in current if (int(f[16]) + int(f[18]) + int(f[19])) / int(f[14]) >= 0.10]
    assert 0.08 <= len(chronic) / len(current) <= 0.17
    for f in current:
        assert int(f[14]) == int(f[15]) + int(f[16]) + int(f[18]) + int(f[19]) + int(f[20])


def test_high_schoolers_have_a_to_g_courses_grades_and_credits(district):
    scsc = rows(district, "SCSC", CURRENT)
    high = [f for f in scsc if f[4] == "6300001"]
    assert {f[18] for f in high} >= {"A", "B", "C", "D", "E", "F"}
    assert {f[17] for f in high} >= {"A", "B", "C", "F"}
    assert {(f[15], f[16]) for f in high if f[17] == "F"} == {("5.00", "0.00")}
    sections = {(f[4], f[5], f[7], f[13], f[14]) for f in rows(district, "CRSC")}
    assert all((f[4], f[5], f[12], f[13], f[14]) in sections for f in scsc)
    teachers = {f[7] for f in rows(district, "SDEM")}
    assert {f[15] for f in rows(district, "CRSC")} <= teachers


def test_discipline_has_a_few_suspensions_that_match_attendance(district):
    results = rows(district, "SIRS")
    assert 0 < sum(f[13] == "100" for f in results) < len(rows(district, "SENR", CURRENT)) * 0.1
    incidents = {(f[6], f[12]) for f in rows(district, "SINC")}
    assert {(f[6], f[12]) for f in results} == incidents == {(f[6], f[12]) for f in rows(district, "SOFF")}
    suspended = defaultdict(int)
    for f in results:
        if f[13] == "100":
            suspended[(f[5], f[6])] += int(f[15])
    for f in rows(district, "STAS"):
        assert int(f[16]) == suspended.get((f[5], f[6]), 0)


def test_test_scores_sit_inside_the_grade_bands(district):
    scores = score_rows(district.caaspp)
    assert len({r["Statewide Student Identifier (SSID)"] for r in scores}) > 150
    assert len(district.caaspp) == 4
    for r in scores:
        subject = {"01": "ela", "02": "math"}[r["Record Type"]]
        bands = codes.sbac_bands(subject, int(r["Grade Assessed"]))
        score, level = int(r["Scale Score"]), int(r["Achievement Levels"])
        assert 2100 <= score <= 2900
        assert level == 1 + sum(score >= cut for cut in bands)
    known = {f[8] for f in rows(district, "SINF")}
    assert {r["Statewide Student Identifier (SSID)"] for r in scores} <= known


def test_siblings_share_guardians_and_an_address(district):
    families = defaultdict(set)
    for f in rows(district, "SINF", CURRENT):
        families[(f[38], f[39], f[40], f[41], f[30])].add(f[8])
    assert sum(len(children) >= 2 for children in families.values()) >= 40


def test_showcase_students_are_in_the_files(district):
    assert showcase() == DEMO_SHOWCASE
    assert {s.role for s in DEMO_SHOWCASE} == {"guardian", "student", "adult student"}
    current = {f[7]: f for f in rows(district, "SENR", CURRENT)}
    for person in (MAYA, LEO, THAO, DANIEL):
        assert current[person.ssid][23] == person.grade
        assert (current[person.ssid][9], current[person.ssid][11]) == (person.first_name, person.last_name)
    sinf = {f[8]: f for f in rows(district, "SINF", CURRENT)}
    assert sinf[MAYA.ssid][38:40] == sinf[LEO.ssid][38:40] == ["Rosa", "Hernández"]
    born = datetime.strptime(current[DANIEL.ssid][16], "%Y%m%d").date()
    assert (date(2025, 6, 20) - born).days >= 18 * 365
    born = datetime.strptime(current[LEO.ssid][16], "%Y%m%d").date()
    assert 13 * 365 < (date(2025, 6, 20) - born).days < 18 * 365


def test_a_directory_with_other_files_is_refused_and_a_rerun_replaces_old_files(tmp_path):
    (tmp_path / "theirs.txt").write_text("a real district file")
    with pytest.raises(FileExistsError):
        generate(tmp_path, students_count=10)
    target = tmp_path / "demo"
    generate(target, students_count=30, years=3)
    again = generate(target, students_count=30, years=2)
    assert (target / MARKER).exists()
    assert sorted(p.name[:9] for p in (target / "calpads").iterdir()) == sorted(p.name[:9] for p in again.calpads)
    assert {p.name[:9] for p in again.calpads} == {"2023-2024", "2024-2025"}


def test_bench_selection_writes_only_the_bench_files(tmp_path):
    files = generate(tmp_path / "bench", students_count=200, years=1, files=BENCH_FILES)
    kinds = {p.name.split("-", 2)[2].removesuffix(".txt") for p in files.calpads}
    assert kinds == {"SINF", "SENR", "SPRG", "SELA", "STAS", "CRSC", "SCSC"}
    assert files.caaspp and not files.elpac
    assert set(files.records) == set(BENCH_FILES)


def test_a_district_in_the_middle_of_a_school_year_has_courses_under_way(tmp_path):
    files = generate(tmp_path / "mid", students_count=150, today=date(2026, 11, 23))
    current = rows(files, "SCSC", "2026-2027")
    assert current and {f[0] for f in current} == {"SCSE"} and {f[17] for f in current} == {""}
    assert not [p for p in files.caaspp if p.name.startswith("2026-2027")]
    expected = {int(f[14]) for f in rows(files, "STAS", "2026-2027")}
    assert max(expected) < 80


# -- loading through the real importers (SQLite and PostgreSQL) ------------------------------

def _invoke_demo(app, directory: Path, *extra: str):
    from webapp.demo.commands import demo_command

    return app.test_cli_runner().invoke(
        demo_command, ["--dir", str(directory), "--students", "60", "--today", "2025-06-20", *extra])


def _counts(session) -> dict[str, int]:
    tables = (models.Student, models.Enrollment, models.ProgramParticipation, models.EnglishStatus,
              models.AttendanceSummary, models.CourseRecord, models.DisciplineIncident, models.TestResult)
    return {t.__tablename__: session.scalar(select(func.count()).select_from(t)) for t in tables}


def test_backpack_demo_loads_60_students_and_a_second_run_changes_nothing(app, db_session, tmp_path):
    first = _invoke_demo(app, tmp_path / "files")
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert "CALPADS:" in first.output and "CAASPP:" in first.output and "ELPAC:" in first.output
    assert "0 rejected." in first.output
    showcase_lines = [line for line in lines if "backpack student 4" in line]
    assert [line.split(":")[0] for line in showcase_lines] == [p.role for p in DEMO_SHOWCASE]
    assert all(p.ssid in line for p, line in zip(DEMO_SHOWCASE, showcase_lines))
    assert "Rosa Hernández" in showcase_lines[0]
    links = [line.strip() for line in lines if "/i/" in line]
    assert [line.split(" (")[0].split(":")[0] for line in links] == [
        "Guardian", "Student", "School admin", "District admin", "Tutor", "Adult student"]
    assert all(": http://localhost:5000/i/" in line for line in links)
    assert db_session.scalar(select(func.count()).select_from(models.Invitation)) == 6
    loaded = _counts(db_session)
    assert loaded["students"] == 60 and all(loaded.values())

    second = _invoke_demo(app, tmp_path / "files")
    assert second.exit_code == 0, second.output
    for kind in ("CALPADS", "CAASPP", "ELPAC"):
        summary = next(line for line in second.output.splitlines() if line.startswith(f"{kind}:"))
        assert " 0 loaded," in summary and "0 rejected." in summary
    db_session.expire_all()
    assert _counts(db_session) == loaded
    assert db_session.scalar(select(func.count()).select_from(models.ImportBatch).where(
        models.ImportBatch.status.notin_(("loaded", "unchanged")))) == 0


def test_run_import_of_a_regenerated_district_keeps_every_row(db_session, app, tmp_path):
    """A newer export of the same district (other line ends, so other checksums) changes nothing."""
    files = generate(tmp_path / "a", students_count=60)
    for kind, paths in files.by_kind():
        assert run_import(db_session, paths, kind, "test").exit_code == 0
    loaded = _counts(db_session)
    for path in files.calpads + files.caaspp + files.elpac:
        path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
    for kind, paths in files.by_kind():
        report = run_import(db_session, paths, kind, "test")
        assert report.exit_code == 0, report.text()
        assert sum(f.rows_loaded for f in report.files) == 0
        assert sum(f.rows_unchanged for f in report.files) == sum(f.rows_read for f in report.files) > 0
    assert _counts(db_session) == loaded


def _student(session, ssid: str):
    return session.scalar(select(models.Student).where(models.Student.ssid == ssid))


def _history(session, model, student, *columns):
    return session.execute(select(*[getattr(model, c) for c in columns]).where(model.student_id == student.id)
                           .order_by(*[getattr(model, c) for c in columns])).all()


def test_showcase_records_after_loading(app, db_session, tmp_path):
    assert _invoke_demo(app, tmp_path / "files").exit_code == 0
    maya, leo, thao, daniel = (_student(db_session, p.ssid) for p in (MAYA, LEO, THAO, DANIEL))
    assert (maya.first_name, maya.last_name, maya.grade_level) == ("Maya", "Hernández", "04")
    assert maya.guardian_names[:1] == leo.guardian_names[:1] and "Rosa" in str(maya.guardian_names)
    assert maya.school.name == "Valle Verde Elementary" and leo.school.name == "Sierra Vista High"
    assert maya.school.district.name == "Sierra Vista Unified"

    maya_english = [code for _, code in _history(db_session, models.EnglishStatus, maya, "start_date", "status_code")]
    assert maya_english == ["TBD", "EL"]
    leo_english = _history(db_session, models.EnglishStatus, leo, "start_date", "status_code")
    assert [code for _, code in leo_english] == ["TBD", "EL", "RFEP"]
    assert [code for _, code in _history(db_session, models.EnglishStatus, thao, "start_date", "status_code")] == [
        "TBD", "EL"]
    assert db_session.scalar(select(func.count()).select_from(models.TestResult).where(
        models.TestResult.student_id == maya.id, models.TestResult.test == "elpac_summative")) >= 3

    leo_programs = {code for (code,) in _history(db_session, models.ProgramParticipation, leo, "program_code")}
    assert {"101", "181"} <= leo_programs
    daniel_programs = {code for (code,) in _history(db_session, models.ProgramParticipation, daniel, "program_code")}
    assert "144" in daniel_programs and "191" in daniel_programs

    attendance = db_session.execute(select(models.AttendanceSummary).where(
        models.AttendanceSummary.student_id == maya.id, models.AttendanceSummary.academic_year == CURRENT)).scalar_one()
    missed = (attendance.excused_absence_days + attendance.unexcused_absence_days
              + attendance.out_of_school_suspension_days)
    assert missed / attendance.expected_days >= Decimal("0.10")

    incident = db_session.execute(select(models.DisciplineIncident).where(
        models.DisciplineIncident.student_id == leo.id)).scalar_one()
    result = db_session.execute(select(models.DisciplineResult).where(
        models.DisciplineResult.incident_id == incident.id)).scalar_one()
    assert (incident.academic_year, result.result_code, result.duration_days) == ("2023-2024", "100", 2)

    ag = db_session.execute(select(models.CourseRecord.ag_code, models.CourseRecord.final_grade).where(
        models.CourseRecord.student_id == leo.id, models.CourseRecord.ag_code.is_not(None))).all()
    assert {code for code, _ in ag} >= {"A", "B", "C", "D"} and all(grade for _, grade in ag)
    scores = db_session.execute(select(models.TestResult.academic_year, models.TestResult.scale_score).where(
        models.TestResult.student_id == leo.id, models.TestResult.test == "sbac_math")).all()
    assert len(scores) == 3 and all(2400 < score < 2800 for _, score in scores)


def test_the_demo_tutor_reads_only_what_rosa_shared_and_a_second_run_keeps_one_grant(app, db_session, tmp_path):
    """DESIGN.md §8: `backpack demo` prints a tutor's link. The grant behind it is stored like a signed one but
    without passkey evidence (nobody held a passkey), and says so."""
    from tests.webapp.sharing_support import recipient_from

    def code_of(output: str, role: str) -> str:
        return next(line for line in output.splitlines() if line.strip().startswith(role)).rsplit("/", 1)[1]

    def tutor_code(output: str) -> str:
        return code_of(output, "Tutor")

    def guardian_code(output: str) -> str:
        return code_of(output, "Guardian")

    first = _invoke_demo(app, tmp_path / "files")
    assert first.exit_code == 0, first.output
    tutor = recipient_from(app, tutor_code(first.output), name="Tess Tutor")
    leo = db_session.scalars(select(models.Student).where(models.Student.ssid == "4000000025")).one()
    maya = db_session.scalars(select(models.Student).where(models.Student.ssid == "4000000017")).one()
    page = tutor.client.get(f"/shared/{leo.public_id}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    shown = re.findall(r'<section class="card category" id="(\w+)"', page.get_data(as_text=True))
    assert shown == ["attendance", "grades", "state_tests"]
    assert "Shared with you by Rosa Hernández" in page.get_data(as_text=True)
    assert tutor.client.get(f"/shared/{maya.public_id}").status_code in (403, 404)
    granted = db_session.scalars(select(models.GrantEvent).where(models.GrantEvent.kind == "granted")).one()
    assert granted.evidence is None
    rosa = recipient_from(app, guardian_code(first.output), name="Rosa Hernández")  # a guardian welcomes the same way
    receipt = rosa.client.get(f"/sharing/{leo.public_id}/grants/{granted.grant.public_id}",
                              headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Shared, not signed with a passkey" in receipt and "not signed" in receipt

    second = _invoke_demo(app, tmp_path / "files")
    assert second.exit_code == 0, second.output
    again = Person(app)
    again.redeem(tutor_code(second.output), name="Tess Tutor")
    assert again.is_signed_in()
    db_session.expire_all()
    assert db_session.scalar(select(func.count()).select_from(models.Grant)) == 1
    tutors = db_session.scalars(select(models.Account).where(models.Account.display_name == "Tess Tutor")).all()
    assert len(tutors) == 1 and len(tutors[0].passkeys) == 2
