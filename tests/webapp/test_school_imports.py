"""Imports from the browser: demo CALPADS and score files uploaded, loaded by the background worker
through the real importers, the report and history pages, the rejected-rows CSV, a school admin held
to their own school, and the progress fragment htmx polls. SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import io
import os
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from webapp import db
from webapp.demo import generate
from webapp.models import AdminAuditEntry, ImportBatch, ImportJob, School, Student
from webapp.school import import_jobs

from .school_support import account_of, make_world, person, site  # noqa: F401  (fixtures)

WAIT_SECONDS = 120


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    """A small demo district for one school year (generated once for the module)."""
    return generate(tmp_path_factory.mktemp("demo"), students_count=24, years=1)


@pytest.fixture
def admin(site, db_session):
    w = make_world(db_session)
    return person(site, role="district_admin", district=w.district, name="Dee District")


def upload(somebody, files: dict[str, list[Path]], **form):
    data = {kind: [(io.BytesIO(path.read_bytes()), path.name) for path in paths] for kind, paths in files.items()}
    return somebody.client.post("/school/imports", data={**data, **form}, content_type="multipart/form-data")


def finished_job(site, response) -> ImportJob:
    assert response.status_code == 303, response.get_data(as_text=True)
    public_id = response.headers["Location"].rsplit("/", 1)[1]
    assert import_jobs.wait(public_id, WAIT_SECONDS), "the import did not finish in time"
    with site.app_context():
        return db.session().scalar(select(ImportJob).where(ImportJob.public_id == public_id))


def count(site, model) -> int:
    with site.app_context():
        return db.session().scalar(select(func.count()).select_from(model))


def with_bad_rows(source: Path, target: Path) -> Path:
    """The file with two planted bad rows: a short SSID and a row with a field missing."""
    lines = source.read_text(encoding="utf-8").splitlines()
    fields = lines[0].split("^")
    fields[7] = "12345"  # SSID (SENR field 8)
    lines.insert(1, "^".join(fields))
    lines.insert(3, "^".join(lines[2].split("^")[:-1]))
    target.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return target


def test_demo_files_load_through_the_worker_and_the_report_shows_every_file(site, admin, demo_files):
    job = finished_job(site, upload(admin, {"calpads": demo_files.calpads, "caaspp": demo_files.caaspp,
                                            "elpac": demo_files.elpac}))
    assert (job.status, job.exit_code, len(job.run_ids)) == ("finished", 0, 3)
    assert count(site, Student) == 24 + 3  # the demo students and the test world's three
    with site.app_context():
        batches = db.session().scalars(select(ImportBatch).where(ImportBatch.run_id.in_(job.run_ids))).all()
        audit = [e.action for e in db.session().scalars(select(AdminAuditEntry).order_by(AdminAuditEntry.id))]
    assert len(batches) == len(demo_files.calpads) + 2 and {b.status for b in batches} == {"loaded"}
    assert {b.imported_by for b in batches} == {"Dee District (web)"}
    assert audit == ["import_started", "import_finished"]
    page = admin.client.get(f"/school/imports/jobs/{job.public_id}").get_data(as_text=True)
    assert "Done: everything is saved" in page and "2024-2025-SENR.txt" in page and "CAASPP" in page
    assert "hx-trigger" not in page  # finished: the page stops polling
    history = admin.client.get("/school/imports").get_data(as_text=True)
    assert history.count('class="card run"') == 3 and "2024-2025-ELPAC-DLMTR.txt" in history
    assert not (Path(site.instance_path) / "imports" / job.public_id).exists()  # uploaded files are deleted


def test_planted_bad_rows_save_nothing_and_come_back_as_csv(site, admin, demo_files, tmp_path):
    senr = next(p for p in demo_files.calpads if p.name.endswith("SENR.txt"))
    bad = with_bad_rows(senr, tmp_path / "senr-with-bad-rows.txt")
    job = finished_job(site, upload(admin, {"calpads": [bad]}))
    assert (job.status, job.exit_code) == ("finished", 1)
    assert count(site, Student) == 3  # one transaction: nothing of the file was saved
    run_id = job.run_ids[0]
    report = admin.client.get(f"/school/imports/runs/{run_id}").get_data(as_text=True)
    assert "Nothing in this run was saved." in report and "Line 2, 1.08" in report
    response = admin.client.get(f"/school/imports/runs/{run_id}/rejections.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["file", "line", "field", "reason"]
    assert {(r[0], r[1]) for r in rows[1:]} == {("senr-with-bad-rows.txt", "2"), ("senr-with-bad-rows.txt", "4")}
    assert any("1.08" in r[2] for r in rows[1:]) and all(r[3] for r in rows[1:])


def test_accepting_a_partial_load_saves_the_good_rows(site, admin, demo_files, tmp_path):
    senr = next(p for p in demo_files.calpads if p.name.endswith("SENR.txt"))
    job = finished_job(site, upload(admin, {"calpads": [with_bad_rows(senr, tmp_path / "senr.txt")]},
                                    accept_partial="yes"))
    assert job.exit_code == 1 and count(site, Student) == 3 + 24


def test_a_school_admin_cannot_load_other_schools_records(site, admin, demo_files, tmp_path):
    finished_job(site, upload(admin, {"calpads": demo_files.calpads}))
    with site.app_context():
        school = db.session().scalar(select(School).where(School.cds_code == "6100001"))
    sol = person(site, role="school_admin", school=school, name="Sol School")
    senr = next(p for p in demo_files.calpads if p.name.endswith("SENR.txt"))
    job = finished_job(site, upload(sol, {"calpads": [senr]}))
    assert job.status == "failed" and job.run_ids == []
    assert "you can load only records of" in job.message and "SENR.txt, lines" in job.message
    own = tmp_path / "own-school-senr.txt"
    own.write_text("".join(line for line in senr.read_text(encoding="utf-8").splitlines(keepends=True)
                           if line.split("^")[4] == "6100001"), encoding="utf-8")
    job = finished_job(site, upload(sol, {"calpads": [own]}))
    assert (job.status, job.exit_code) == ("finished", 0)
    history = sol.client.get("/school/imports").get_data(as_text=True)
    assert "own-school-senr.txt" in history and "2024-2025-SINF.txt" not in history  # district runs are not theirs


def test_an_upload_over_the_limit_is_refused_before_anything_runs(site, admin, tmp_path):
    site.config["UPLOAD_MAX_BYTES"] = 1024
    big = tmp_path / "big.txt"
    big.write_text("SENR^" * 400)
    response = upload(admin, {"calpads": [big]})
    assert response.status_code == 303 and response.headers["Location"].endswith("/school/imports")
    assert "larger than" in admin.client.get("/school/imports").get_data(as_text=True)
    assert count(site, ImportJob) == 0


def test_no_files_chosen_says_so(site, admin):
    response = upload(admin, {})
    assert response.status_code == 303
    assert "Choose at least one file." in admin.client.get("/school/imports").get_data(as_text=True)


def test_the_progress_fragment_polls_while_the_job_runs_and_a_dead_job_says_so(site, admin):
    with site.app_context():
        s = db.session()
        job = ImportJob(created_by_id=account_of(site, "Dee District").id, created_by_name="Dee District", files=[{"kind": "calpads", "name": "senr.txt", "stored": "0"}],
                        rows_total=4000, status="running")
        s.add(job)
        s.commit()
        directory = import_jobs.job_dir(site, job)
        directory.mkdir(parents=True)
        (directory / "progress.json").write_text('{"done": 1000}')
    fragment = admin.client.get(f"/school/imports/jobs/{job.public_id}", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in html
    assert 'hx-trigger="every 1s"' in html and 'value="1000"' in html and "1,000 of 4,000 rows (25%)" in html
    stale = time.time() - import_jobs.STALE_AFTER.total_seconds() - 60
    os.utime(directory / "progress.json", (stale, stale))
    html = admin.client.get(f"/school/imports/jobs/{job.public_id}").get_data(as_text=True)
    assert "The import stopped" in html and "hx-trigger" not in html


def test_the_progress_file_counts_rows_across_the_runs_of_a_job(site, tmp_path):
    path = tmp_path / "progress.json"
    marker = import_jobs.ProgressFile(path)
    assert path.read_text() == '{"done": 0}'
    marker.offset = 100  # a first run handled 100 rows
    marker.within_run(50)  # too soon after the last write: skipped
    assert path.read_text() == '{"done": 0}'
    marker.write(150, force=True)
    assert path.read_text() == '{"done": 150}'
    assert import_jobs.Progress(150, 600).percent == 25 and import_jobs.Progress(0, 0).percent == 100
