"""Export benchmark: a student with a K–12 history, each download format made several times.

Budget (DESIGN.md §9): the PDF export takes 1.5 s or less. Two records are measured:

  K–12   what a California student who just finished grade 12 brings: thirteen years of
         enrollment, attendance and free meals; course records from grade 6 (six courses a
         semester, as CALPADS has them: none in elementary grades); Smarter Balanced in grades
         3–8 and 11, CAST science in 5, 8 and 11, ELPAC until reclassification in grade 5; a 504
         plan, two incidents. The budget applies to this one.
  heavy  every table filled every year (tests/factories.py's history for thirteen years plus three
         more courses a semester from grade 6): about 120 course records and 39 test results, a
         stress case well past any real record.

    .venv/bin/python bench/export_bench.py [--runs 5] [--database-url URL]

Prints, per record and format, the median, fastest and slowest wall-clock time of a whole export
(reading the record, making the file) and the CPU time of the median run; for the PDF also where
the time goes. The machine's load average and the CPU time of a fixed pure-Python loop are
printed too: WeasyPrint is pure Python, so its time scales with that loop, and other processes
on a shared machine slow every wall-clock figure down; compare runs made at similar load.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BUDGET_SECONDS = 1.5
EXTRA_SUBJECTS = (("History", "2814", "A"), ("Spanish", "2450", "E"), ("Art", "2700", "F"))
ALL_SUBJECTS = (("English", "2130", "B"), ("Math", "2403", "C"), ("Biology", "2606", "D")) + EXTRA_SUBJECTS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url", help="default: a new SQLite file in a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="backpack-export-bench-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        return run(url, Path(tmp), args.runs)


def run(url: str, tmp: Path, runs: int) -> int:
    from webapp import create_app, db
    from webapp.credentials.key_store import create_first_key
    from webapp.models import Base

    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(tmp / "instance"), "SECRET_KEY": "bench"})
    with app.app_context():
        Base.metadata.create_all(db.engine())
        session = db.session()
        records = {"K–12": _k12_student(session), "heavy": _heavy_student(session)}
        create_first_key(session, "bench")
        session.commit()
        print(f"Machine: load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; a plain Python loop of "
              f"10 million additions takes {_reference_loop():.2f} s CPU here")
        pdf_medians = {}
        for name, student_id in records.items():
            print(f"\n{name} record: {_describe(session, student_id)}")
            print(f"{'format':<6} {'median s':>9} {'fastest':>8} {'slowest':>8} {'CPU s':>6} {'bytes':>9}")
            medians = {fmt: _measure(session, student_id, fmt, runs) for fmt in ("pdf", "clr", "csv", "json")}
            _pdf_phases(session, student_id)
            pdf_medians[name] = medians["pdf"]
        session.rollback()
    verdict = "within" if pdf_medians["K–12"] <= BUDGET_SECONDS else "OVER"
    print(f"\nPDF export of the K–12 record: median {pdf_medians['K–12']:.2f} s, {verdict} the {BUDGET_SECONDS} s "
          f"budget (heavy record: {pdf_medians['heavy']:.2f} s)")
    return 0 if verdict == "within" else 1


def _k12_student(session) -> int:
    """Grades K–12 in the school years 2011-2012 to 2023-2024, as the docstring describes."""
    from datetime import date

    from tests.factories import (
        GRADES, add_attendance, add_course, add_english_status, add_enrollment, add_incident, add_program,
        add_test_result, make_district, make_school, make_staff, make_student,
    )

    district = make_district(session, name="Sunrise Valley Unified")
    schools = {level: make_school(session, district, name=name) for level, name in
               (("elementary", "Jefferson Elementary"), ("middle", "Roosevelt Middle"), ("high", "Lincoln High"))}
    student = make_student(session, schools["high"], grade_level="12", first_name="Leo", last_name="Hernández")
    teachers = [make_staff(session) for _ in range(6)]
    for index, grade in enumerate(GRADES):
        year = 2011 + index
        school = schools["elementary" if index <= 5 else "middle" if index <= 8 else "high"]
        add_enrollment(session, student, school, year, grade_level=grade)
        add_attendance(session, student, school, year)
        add_program(session, student, school, year, "181", end_date=date(year + 1, 6, 30))
        if index >= 6:
            for term in ("S1", "S2"):
                for (subject, code, ag), teacher in zip(ALL_SUBJECTS, teachers):
                    add_course(session, student, school, year, name=f"{subject} {grade}", state_course_code=code,
                               term_code=term, teacher=teacher, final_grade="ABC"[(index + len(subject)) % 3],
                               ag_code=ag if index >= 9 else None)
        if index in (3, 4, 5, 6, 7, 8, 11):
            add_test_result(session, student, year, "sbac_ela", grade_assessed=grade, scale_score=2300 + 40 * index)
            add_test_result(session, student, year, "sbac_math", grade_assessed=grade, scale_score=2290 + 38 * index)
        if index in (5, 8, 11):
            add_test_result(session, student, year, "cast", grade_assessed=grade, scale_score=200 + index, level="2")
        if index <= 5:
            add_test_result(session, student, year, "elpac_summative", grade_assessed=grade, scale_score=1400 + 25 * index,
                            level=str(min(4, 1 + index // 2)), parts={"oral": "3", "written": "2", "listening": "3",
                                                                       "speaking": "3", "reading": "2", "writing": "2"})
        if index in (7, 9):
            add_incident(session, student, school, year)
    add_program(session, student, schools["elementary"], 2014, "101")
    add_english_status(session, student, 2011, "EL")
    add_english_status(session, student, 2016, "RFEP")
    return student.id


def _heavy_student(session) -> int:
    from tests.factories import add_course, make_district, make_school, make_staff, make_student_with_history

    school = make_school(session, make_district(session, name="Sunrise Valley Unified"), name="Lincoln High")
    student = make_student_with_history(session, school, years=13, last_grade="12", first_name="Maya",
                                        last_name="Hernández")
    teacher = make_staff(session)
    for index, year in enumerate(range(2017, 2024)):  # grades 6–12: three more courses a semester
        for term in ("S1", "S2"):
            for subject, code, ag in EXTRA_SUBJECTS:
                add_course(session, student, school, year, name=f"{subject} {6 + index}", state_course_code=code,
                           term_code=term, teacher=teacher, final_grade="AB"[index % 2], ag_code=ag)
    return student.id


def _reference_loop() -> float:
    """A fixed piece of pure-Python work, so figures from different machines can be put side by side."""
    started, total = time.process_time(), 0
    for number in range(10_000_000):
        total += number
    return time.process_time() - started


def _describe(session, student_id: int) -> str:
    from webapp.store.backpack import load_backpack

    backpack = load_backpack(session, student_id)
    courses = sum(len(t.courses) for y in backpack.grades.years for t in y.terms)
    scores = sum(len(h.years) for h in backpack.state_tests.tests)
    return (f"{len(backpack.demographics.enrollments)} school years, {courses} course records, {scores} test results, "
            f"{len(backpack.supports.programs)} program years, {len(backpack.behavior.incidents)} incidents")


def _measure(session, student_id: int, fmt: str, runs: int) -> float:
    from webapp.exports.produce import Actor, make_export

    walls, cpus, size = [], [], 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        export = make_export(session, student_id, fmt, actor=Actor("bench", "cli"))
        size = sum(len(chunk) for chunk in export.chunks)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        session.rollback()
    median = statistics.median(walls)
    print(f"{fmt:<6} {median:>9.2f} {min(walls):>8.2f} {max(walls):>8.2f} {statistics.median(cpus):>6.2f} {size:>9,}")
    return median


def _pdf_phases(session, student_id: int) -> None:
    from flask import current_app
    from weasyprint import HTML

    from webapp.exports.fetcher import StaticFilesOnly
    from webapp.exports.pdf import render_html
    from webapp.exports.record import gather_record

    started = time.perf_counter()
    record = gather_record(session, student_id)
    gathered = time.perf_counter()
    html = render_html(record)
    templated = time.perf_counter()
    fetcher = StaticFilesOnly(current_app.static_folder)
    document = HTML(string=html, base_url=fetcher.base_url, url_fetcher=fetcher).render(pdf_tags=True)
    laid_out = time.perf_counter()
    document.write_pdf(pdf_tags=True)
    written = time.perf_counter()
    print(f"PDF phases: read record {gathered - started:.2f} s, template {templated - gathered:.2f} s, "
          f"layout {laid_out - templated:.2f} s ({len(document.pages)} pages), write {written - laid_out:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
