"""Imports from the browser: upload, watch the progress, read the report, look back at every import,
download rejected rows as CSV. District admins load district files; a school admin only their school's."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from .. import db
from ..access import requires
from ..models import ImportBatch, ImportJob
from . import import_jobs
from .blueprint import ADMINS, PAGE_SIZE, bp, current_scope, me, page_number
from .csv_out import csv_response
from .scope import schools_administered

KIND_FIELDS = (("calpads", "CALPADS"), ("caaspp", "CAASPP"), ("elpac", "ELPAC"))


def visible_jobs():
    """Jobs this account may look at: its own, its schools' and its districts' (all for an all-district admin)."""
    scope = current_scope()
    if scope.all_schools:
        return select(ImportJob)
    condition = scope.school_filter(ImportJob.school_id) | (ImportJob.created_by_id == me().id)
    if scope.district_ids:
        condition = condition | ImportJob.district_id.in_(sorted(scope.district_ids))
    return select(ImportJob).where(condition)


def _visible_runs() -> tuple[set[str], set[str]] | None:
    """(run ids this account may see, run ids it may not), or None when it may see every run.

    Runs made with `backpack import` (no browser job) are district operations: district admins see them."""
    scope = current_scope()
    if scope.all_schools:
        return None
    s = db.session()
    visible = {run_id for job in s.scalars(visible_jobs()) for run_id in job.run_ids}
    if not scope.is_district_admin:
        return visible, set()
    others = {run_id for runs in s.scalars(select(ImportJob.run_ids)) for run_id in runs} - visible
    return visible, others


def _history(page: int) -> tuple[list[tuple[str, list[ImportBatch]]], bool]:
    """Import runs, newest first, each with its files; and whether there are older runs."""
    s = db.session()
    runs = select(ImportBatch.run_id).group_by(ImportBatch.run_id)
    limits = _visible_runs()
    if limits is not None:
        visible, hidden = limits
        if current_scope().is_district_admin:
            runs = runs.where(ImportBatch.run_id.not_in(sorted(hidden))) if hidden else runs
        else:
            runs = runs.where(ImportBatch.run_id.in_(sorted(visible) or [""]))
    run_ids = [row.run_id for row in s.execute(
        runs.order_by(func.max(ImportBatch.id).desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1))]
    more = len(run_ids) > PAGE_SIZE
    run_ids = run_ids[:PAGE_SIZE]
    batches: dict[str, list[ImportBatch]] = {run_id: [] for run_id in run_ids}
    for batch in s.scalars(select(ImportBatch).where(ImportBatch.run_id.in_(run_ids or [""])).order_by(ImportBatch.id)):
        batches[batch.run_id].append(batch)
    return list(batches.items()), more


@bp.get("/imports")
@requires(*ADMINS)
def imports():
    page = page_number()
    history, more = _history(page)
    running = db.session().scalars(
        visible_jobs().where(ImportJob.status.in_(("queued", "running"))).order_by(ImportJob.id.desc())).all()
    scope = current_scope()
    return render_template("school/imports.html", history=history, more=more, page=page, running=running,
                           kinds=KIND_FIELDS, schools=[] if scope.is_district_admin else schools_administered(db.session(), scope),
                           max_mb=current_app.config["UPLOAD_MAX_BYTES"] // (1024 * 1024))


@bp.post("/imports")
@requires(*ADMINS)
def start_import():
    s = db.session()
    scope = current_scope()
    school = None
    if not scope.is_district_admin:  # a school admin's upload is checked against one of their schools
        schools = {school.id: school for school in schools_administered(s, scope)}
        chosen = request.form.get("school", type=int) or (next(iter(schools)) if len(schools) == 1 else None)
        if chosen not in schools:
            abort(404)
        school = schools[chosen]
    uploads = [import_jobs.Upload(kind, storage.filename, storage.stream)
               for kind, _label in KIND_FIELDS for storage in request.files.getlist(kind) if storage.filename]
    try:
        job = import_jobs.create_job(s, current_app._get_current_object(), me(), uploads, school=school,
                                     district_id=_single_district(scope),
                                     accept_partial=request.form.get("accept_partial") == "yes")
    except import_jobs.UploadRefused as problem:
        s.rollback()
        flash(str(problem), "error")
        return redirect(url_for("school.imports"), code=303)
    s.commit()
    import_jobs.start(current_app._get_current_object(), job)
    return redirect(url_for("school.import_job", public_id=job.public_id), code=303)


def _single_district(scope) -> int | None:
    return next(iter(scope.district_ids)) if len(scope.district_ids) == 1 else None


def _job_or_404(public_id: str) -> ImportJob:
    job = db.session().scalar(visible_jobs().where(ImportJob.public_id == public_id))
    if job is None:
        abort(404)
    return job


@bp.get("/imports/jobs/<public_id>")
@requires(*ADMINS)
def import_job(public_id: str):
    job = _job_or_404(public_id)
    app = current_app._get_current_object()
    context = {"job": job, "progress": import_jobs.progress(app, job), "died": import_jobs.has_died(app, job),
               "runs": _runs_of(job)}
    if request.headers.get("HX-Request"):
        return render_template("school/_import_progress.html", **context)
    return render_template("school/import_job.html", **context)


def _runs_of(job: ImportJob) -> list[tuple[str, list[ImportBatch]]]:
    if not job.run_ids:
        return []
    batches = db.session().scalars(select(ImportBatch).where(ImportBatch.run_id.in_(job.run_ids)).order_by(ImportBatch.id))
    grouped: dict[str, list[ImportBatch]] = {run_id: [] for run_id in job.run_ids}
    for batch in batches:
        grouped[batch.run_id].append(batch)
    return list(grouped.items())


def _run_or_404(run_id: str) -> list[ImportBatch]:
    limits = _visible_runs()
    if limits is not None:
        visible, hidden = limits
        if run_id in hidden or (not current_scope().is_district_admin and run_id not in visible):
            abort(404)
    batches = db.session().scalars(select(ImportBatch).where(ImportBatch.run_id == run_id).order_by(ImportBatch.id)).all()
    if not batches:
        abort(404)
    return batches


@bp.get("/imports/runs/<run_id>")
@requires(*ADMINS)
def import_run(run_id: str):
    return render_template("school/import_run.html", run_id=run_id, batches=_run_or_404(run_id))


@bp.get("/imports/runs/<run_id>/rejections.csv")
@requires(*ADMINS)
def import_rejections(run_id: str):
    """Every listed rejected row of the run: file, line, field, reason (as the CLI prints them)."""
    batches = _run_or_404(run_id)
    rows = ([batch.file_name, item["line"], item["field"], item["reason"]]
            for batch in batches for item in batch.rejections)
    day = batches[0].started_at.date().isoformat()
    return csv_response([_("file"), _("line"), _("field"), _("reason")], rows, f"rejected-rows-{day}-{run_id}.csv")
