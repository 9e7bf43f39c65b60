"""Imports from the browser: save the uploaded files, then load them in a background thread with the
same `run_import` (and the same one-transaction rules) as `backpack import`.

Progress goes to a small JSON file next to the uploaded files rather than to the database: on SQLite
the import holds the only write lock until it commits, and any server process can read a file.
The uploaded files are deleted when the job ends; ImportBatch rows keep the checksums and results.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from flask import Flask
from flask_babel import force_locale, gettext as _
from sqlalchemy import select
from werkzeug.utils import secure_filename

from .. import db
from ..importers import run_import
from ..models import Account, ImportJob, School, as_utc, utcnow
from . import audit
from .import_scope import outside_school

log = logging.getLogger(__name__)

KIND_ORDER = ("calpads", "caaspp", "elpac")  # students and enrollments before their scores
STALE_AFTER = timedelta(minutes=10)  # a running job whose progress has not moved for this long has died
PROGRESS_EVERY = 0.25  # seconds between progress file writes
_threads: dict[str, threading.Thread] = {}


class UploadRefused(ValueError):
    """An uploaded file cannot be taken (the message says why, in plain words)."""


@dataclass(frozen=True)
class Upload:
    kind: str
    name: str
    stream: BinaryIO


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.done / self.total))


def job_dir(app: Flask, job: ImportJob) -> Path:
    return Path(app.instance_path) / "imports" / job.public_id


def create_job(session, app: Flask, account: Account, uploads: list[Upload], *, school: School | None,
               district_id: int | None, accept_partial: bool) -> ImportJob:
    """Save the files and add a queued job (the caller commits, then calls `start`). A school admin's
    job names the school (its files are checked against it); a district admin's names the district."""
    if not uploads:
        raise UploadRefused(_("Choose at least one file."))
    limit = app.config["UPLOAD_MAX_BYTES"]
    job = ImportJob(created_by_id=account.id, created_by_name=account.display_name[:120],
                    school_id=school.id if school else None, district_id=school.district_id if school else district_id,
                    accept_partial=accept_partial)
    session.add(job)
    session.flush()
    directory = job_dir(app, job)
    directory.mkdir(parents=True, exist_ok=True)
    files, total = [], 0
    try:
        for number, upload in enumerate(uploads):
            stored = f"{number}.upload"
            _save(upload, directory / stored, limit)
            total += _count_lines(directory / stored)
            files.append({"kind": upload.kind, "name": secure_filename(upload.name)[:200] or stored, "stored": stored})
    except UploadRefused:
        shutil.rmtree(directory, ignore_errors=True)
        raise
    job.files, job.rows_total = files, total
    audit.record(session, account, "import_started", school_id=job.school_id, district_id=job.district_id,
                 job=job.public_id, files=[f["name"] for f in files])
    return job


def start(app: Flask, job: ImportJob) -> None:
    """Load the job's files in a background thread; the page polls `progress`."""
    thread = threading.Thread(target=_work, args=(app, job.public_id), name=f"import-{job.public_id}", daemon=True)
    _threads[job.public_id] = thread
    thread.start()


def wait(job_public_id: str, timeout: float) -> bool:
    """Block until the job's thread ends (for shutdown and tests); True when it has ended."""
    thread = _threads.get(job_public_id)
    if thread is None:
        return True
    thread.join(timeout)
    return not thread.is_alive()


def progress(app: Flask, job: ImportJob) -> Progress:
    if job.status in ("finished", "failed"):
        return Progress(job.rows_total, job.rows_total)
    try:
        data = json.loads((job_dir(app, job) / "progress.json").read_text())
    except (OSError, ValueError):
        return Progress(0, job.rows_total)
    return Progress(int(data.get("done", 0)), job.rows_total)


def has_died(app: Flask, job: ImportJob) -> bool:
    """True for a job that says it is running but whose worker stopped (the server restarted)."""
    if job.status not in ("queued", "running"):
        return False
    marker = job_dir(app, job) / "progress.json"
    last = marker.stat().st_mtime if marker.exists() else as_utc(job.created_at).timestamp()
    return time.time() - last > STALE_AFTER.total_seconds()


class ProgressFile:
    """Writes rows handled so far, at most every PROGRESS_EVERY seconds (and always the last count)."""

    def __init__(self, path: Path):
        self.path, self.offset, self._written_at = path, 0, 0.0
        self.write(0, force=True)

    def write(self, done: int, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._written_at < PROGRESS_EVERY:
            return
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"done": done}))
        os.replace(temporary, self.path)
        self._written_at = now

    def within_run(self, done_in_run: int) -> None:
        self.write(self.offset + done_in_run)


def _work(app: Flask, job_public_id: str) -> None:
    """The thread's body. Without a request, messages use the app's default language, as the CLI's do."""
    with app.app_context(), force_locale(app.config["BABEL_DEFAULT_LOCALE"]), db.new_session() as session:
        job = session.scalar(select(ImportJob).where(ImportJob.public_id == job_public_id))
        directory = job_dir(app, job)
        job.status = "running"
        session.commit()
        try:
            _run(session, job, directory)
        except Exception:  # reported to the person in plain words; the details go to the server log
            log.exception("import job %s failed", job_public_id)
            session.rollback()
            job.status, job.exit_code = "failed", 2
            job.message = _("The import stopped because of an error on the server; nothing from the unfinished file "
                            "set was saved. Try again, or ask for help if it happens again.")
        job.finished_at = utcnow()
        audit.record(session, None, "import_finished", school_id=job.school_id, district_id=job.district_id,
                     actor_name=job.created_by_name, job=job.public_id, status=job.status, exit_code=job.exit_code)
        session.commit()
        shutil.rmtree(directory, ignore_errors=True)
        _threads.pop(job_public_id, None)


def _run(session, job: ImportJob, directory: Path) -> None:
    tracker = ProgressFile(directory / "progress.json")
    if job.school_id is not None:
        problem = outside_school(session, job, directory)
        if problem:
            job.status, job.exit_code, job.message = "failed", 2, problem
            return
    exit_code, run_ids = 0, []
    for kind in KIND_ORDER:
        files = [f for f in job.files if f["kind"] == kind]
        if not files:
            continue
        paths = [directory / f["stored"] for f in files]
        report = run_import(session, paths, kind, f"{job.created_by_name} (web)"[:120], job.accept_partial,
                            progress=tracker.within_run, display_names=[f["name"] for f in files])
        tracker.offset += sum(_count_lines(p) for p in paths)
        tracker.write(tracker.offset, force=True)
        run_ids.append(report.run_id)
        exit_code = max(exit_code, report.exit_code)
        job.run_ids, job.exit_code = list(run_ids), exit_code
        session.commit()  # each run is its own transaction, as with the CLI; keep the link to its report
    job.status = "finished"


def _save(upload: Upload, target: Path, limit: int) -> None:
    size = 0
    with target.open("wb") as out:
        while chunk := upload.stream.read(1 << 16):
            size += len(chunk)
            if size > limit:
                raise UploadRefused(_("%(name)s is larger than %(mb)s MB. Split it, or ask the district office to load it.",
                                      name=upload.name, mb=limit // (1024 * 1024)))
            out.write(chunk)
    if size == 0:
        raise UploadRefused(_("%(name)s is empty.", name=upload.name))


def _count_lines(path: Path) -> int:
    """Lines in a file (the last one counts without a line end), for the progress bar's total."""
    count, last = 0, b"\n"
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")
