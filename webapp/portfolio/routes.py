"""Portfolio routes. The student curates (their own record only); anyone may fetch a file that policy and
the row's visibility let them see; a recipient allowed to contribute may confirm service hours.

Every view asks webapp.policy first; anything not visible is a 404 (never a 403).
"""
from __future__ import annotations

import io

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge

from webapp import db, notifications, policy
from webapp.access import requires
from webapp.models import (
    VISIBILITIES, Activity, Badge, Goal, GoalCheckIn, Grant, PersonalBestMark, PortfolioFile, PortfolioItem, Student,
)
from webapp.store.portfolio import load_profiles

from . import entries, forms, labels, works
from .badges import BadgeRefused, import_badge
from .storage import storage
from .uploads import UploadRefused, check_upload, megabytes
from .visibility import allowed_category, is_self

bp = Blueprint("portfolio", __name__, url_prefix="/portfolio")

ACCEPT = "image/*,application/pdf,text/plain"
KINDS = {"work": PortfolioItem, "goal": Goal, "activity": Activity, "badge": Badge}
SECTIONS = {"goal": "goals", "activity": "activities", "badge": "badges"}  # where "My portfolio" lists them


@bp.record_once
def _helpers(state) -> None:
    """Globals (not a context processor) so the imported macros of templates/portfolio/_macros.html see them."""
    state.app.add_template_global(labels, "portfolio_labels")
    state.app.add_template_global(VISIBILITIES, "portfolio_visibilities")


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    flash(_("That was too much to send at once. Add fewer or smaller files (up to %(limit)s MB each).",
            limit=megabytes(current_app.config["UPLOAD_MAX_BYTES"])), "error")
    return redirect(url_for("portfolio.mine"), code=303)


# --- the student's own record ---------------------------------------------------------------------

def _me() -> policy.StudentAccess:
    """The signed-in student's own record, as policy sees it (404 for anyone else)."""
    if not current_user.student_id:
        abort(404)
    session = db.session()
    public_id = session.scalar(select(Student.public_id).where(Student.id == current_user.student_id))
    found = policy.require(session, current_user, public_id or "", "portfolio", now=policy.now())
    if not is_self(found):
        abort(404)
    return found


def _own(model, public_id: str, me: policy.StudentAccess):
    row = db.session().scalars(select(model).where(model.public_id == public_id,
                                                   model.student_id == me.student.id)).first()
    if row is None:
        abort(404)
    return row


def _limits() -> dict:
    cfg = current_app.config
    return {"max_bytes": cfg["UPLOAD_MAX_BYTES"], "max_pixels": cfg["UPLOAD_MAX_PIXELS"]}


def _checked_uploads() -> list:
    """Every chosen file (the camera's photo and the picked files), checked and re-encoded (UploadRefused on
    the first that cannot be kept). The camera has its own field: `capture` would hide PDFs from the picker."""
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    out = []
    for upload in request.files.getlist("photo") + request.files.getlist("files"):
        if not upload or not upload.filename:
            continue
        data = upload.stream.read(limit + 1)  # never read more than one byte past the limit
        out.append(check_upload(data, upload.filename, **_limits()))
    return out


def _form_context(**extra) -> dict:
    cfg = current_app.config
    return {"accept": ACCEPT, "max_mb": megabytes(cfg["UPLOAD_MAX_BYTES"]), **extra}


@bp.get("")
@requires("student")
def mine():
    """My portfolio: personal bests, work in my order, goals, activities and badges, private ones included."""
    me = _me()
    session = db.session()
    parts = load_profiles(session, [me.student.id], VISIBILITIES)[me.student.id]
    hours = sum((a.hours or 0) for a in parts["activities"] if a.kind == "service")
    cfg = current_app.config
    return render_template("portfolio/mine.html", student=me.student, parts=parts, service_hours=hours,
                           used_mb=megabytes(works.quota_used(session, me.student.id)),
                           quota_mb=megabytes(cfg["UPLOAD_QUOTA_BYTES"]))


@bp.route("/work/new", methods=["GET", "POST"])
@requires("student")
def new_work():
    """Add work: a photo or a file (or a link), what it shows, and whether it is my best in that subject."""
    me = _me()
    if request.method == "GET":
        best = request.args.get("best") == "yes"
        return render_template("portfolio/work_form.html", **_form_context(item=None, values={"personal_best": best,
                               "visibility": "family"}, errors={}))
    session = db.session()
    checked = forms.work_form(request.form, policy.now().date())
    try:
        files = _checked_uploads()
        if not checked.errors:
            works.check_quota(session, me.student.id, files, current_app.config["UPLOAD_QUOTA_BYTES"])
    except UploadRefused as refused:
        checked.errors["files"] = str(refused)
    else:
        if not files and not checked.values["link_url"] and not checked.values["reflection"] and not checked.errors:
            checked.errors["files"] = _("Add a photo or a file, a link, or a few words about it.")
    if checked.errors:
        return render_template("portfolio/work_form.html", **_form_context(
            item=None, values=checked.values, errors=checked.errors)), 400
    item = works.create(session, me.student, checked.values)
    works.attach(session, storage(), item, files)
    if checked.values["personal_best"]:
        works.set_personal_best(session, item, True, policy.now())
    session.commit()
    flash(_("Added “%(title)s” to your portfolio.", title=item.title), "info")
    return redirect(url_for("portfolio.work", item=item.public_id), code=303)


@bp.get("/work/<item>")
@requires("student")
def work(item: str):
    me = _me()
    session = db.session()
    row = _own(PortfolioItem, item, me)
    files = list(session.scalars(select(PortfolioFile).where(PortfolioFile.item_id == row.id).order_by(PortfolioFile.id)))
    current = works.current_mark(session, row)
    history = session.execute(
        select(PersonalBestMark, PortfolioItem).join(PortfolioItem, PortfolioItem.id == PersonalBestMark.item_id)
        .where(PersonalBestMark.student_id == me.student.id,
               PersonalBestMark.subject_key == works.subject_key(row.subject))
        .order_by(PersonalBestMark.since.desc(), PersonalBestMark.id.desc())).all()
    return render_template("portfolio/work.html", student=me.student, item=row, files=files, current=current,
                           history=history, **_form_context())


@bp.route("/work/<item>/edit", methods=["GET", "POST"])
@requires("student")
def edit_work(item: str):
    me = _me()
    session = db.session()
    row = _own(PortfolioItem, item, me)
    if request.method == "GET":
        values = {k: getattr(row, k) for k in ("title", "subject", "standard_code", "made_on", "reflection",
                                               "link_url", "visibility")}
        values["personal_best"] = works.current_mark(session, row) is not None
        return render_template("portfolio/work_form.html", **_form_context(item=row, values=values, errors={}))
    checked = forms.work_form(request.form, policy.now().date())
    try:
        files = _checked_uploads()
        if not checked.errors:
            works.check_quota(session, me.student.id, files, current_app.config["UPLOAD_QUOTA_BYTES"])
    except UploadRefused as refused:
        checked.errors["files"] = str(refused)
    if checked.errors:
        return render_template("portfolio/work_form.html", **_form_context(
            item=row, values=checked.values, errors=checked.errors)), 400
    works.update_item(session, row, checked.values, policy.now())
    works.attach(session, storage(), row, files)
    works.set_personal_best(session, row, checked.values["personal_best"], policy.now())
    session.commit()
    flash(_("Saved “%(title)s”.", title=row.title), "info")
    return redirect(url_for("portfolio.work", item=row.public_id), code=303)


@bp.post("/work/<item>/files/<file>/delete")
@requires("student")
def delete_file(item: str, file: str):
    me = _me()
    session = db.session()
    row = _own(PortfolioItem, item, me)
    found = session.scalars(select(PortfolioFile).where(PortfolioFile.public_id == file,
                                                        PortfolioFile.item_id == row.id)).first() or abort(404)
    digests = works.delete_file(session, found)
    session.commit()
    works.collect(session, storage(), digests)
    flash(_("Removed the file “%(name)s”.", name=found.name), "info")
    return redirect(url_for("portfolio.work", item=row.public_id), code=303)


@bp.post("/work/<item>/move")
@requires("student")
def move_work(item: str):
    me = _me()
    session = db.session()
    row = _own(PortfolioItem, item, me)
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    works.move(session, row, direction)
    session.commit()
    return redirect(url_for("portfolio.mine", _anchor=f"work-{row.public_id}"), code=303)


@bp.post("/work/<item>/best")
@requires("student")
def best(item: str):
    me = _me()
    session = db.session()
    row = _own(PortfolioItem, item, me)
    on = request.form.get("on") == "yes"
    works.set_personal_best(session, row, on, policy.now())
    session.commit()
    flash(_("“%(title)s” is now your personal best in %(subject)s.", title=row.title, subject=row.subject) if on
          else _("“%(title)s” is no longer marked as your personal best. It stays in the history.", title=row.title),
          "info")
    return redirect(url_for("portfolio.work", item=row.public_id), code=303)


@bp.post("/work/<item>/delete")
@requires("student")
def delete_work(item: str):
    me = _me()
    session = db.session()
    row = _own(PortfolioItem, item, me)
    title = row.title
    digests = works.delete_item(session, row)
    session.commit()
    works.collect(session, storage(), digests)
    flash(_("Removed “%(title)s” from your portfolio.", title=title), "info")
    return redirect(url_for("portfolio.mine"), code=303)


@bp.post("/<kind>/<item>/visibility")
@requires("student")
def visibility(kind: str, item: str):
    """Change who sees one row; takes effect on everyone's very next request."""
    model = KINDS.get(kind) or abort(404)
    me = _me()
    row = _own(model, item, me)
    value = request.form.get("visibility")
    if value not in VISIBILITIES:
        abort(400)
    row.visibility = value
    db.session().commit()
    flash(_("Saved. Who can see it: %(who)s.", who=labels.visibility_label(value)), "info")
    back = request.form.get("back")
    if kind == "work" and back == "work":
        return redirect(url_for("portfolio.work", item=row.public_id), code=303)
    return redirect(url_for("portfolio.mine", _anchor=f"{kind}-{row.public_id}"), code=303)


@bp.post("/<kind>/<item>/delete")
@requires("student")
def delete(kind: str, item: str):
    """Remove a goal (with its check-ins), an activity or a badge (work has its own route: it has files)."""
    if kind not in SECTIONS:
        abort(404)
    session = db.session()
    row = _own(KINDS[kind], item, _me())
    if kind == "goal":
        session.execute(GoalCheckIn.__table__.delete().where(GoalCheckIn.goal_id == row.id))
        message = _("Removed the goal “%(title)s”.", title=row.title)
    elif kind == "badge":
        message = _("Removed the badge “%(name)s”.", name=row.name)
    else:
        message = _("Removed “%(title)s”.", title=row.title)
    session.delete(row)
    session.commit()
    flash(message, "info")
    return redirect(url_for("portfolio.mine", _anchor=SECTIONS[kind]), code=303)


# --- goals -----------------------------------------------------------------------------------------

@bp.route("/goals/new", methods=["GET", "POST"])
@requires("student")
def new_goal():
    me = _me()
    if request.method == "GET":
        return render_template("portfolio/goal_form.html", values={"visibility": "family"}, errors={})
    checked = forms.goal_form(request.form, policy.now().date())
    if checked.errors:
        return render_template("portfolio/goal_form.html", values=checked.values, errors=checked.errors), 400
    session = db.session()
    goal = entries.add_goal(session, me.student, checked.values)
    session.commit()
    flash(_("Added your goal “%(title)s”.", title=goal.title), "info")
    return redirect(url_for("portfolio.goal", item=goal.public_id), code=303)


@bp.route("/goals/<item>", methods=["GET", "POST"])
@requires("student")
def goal(item: str):
    """A goal and its check-ins; POST adds a check-in."""
    me = _me()
    session = db.session()
    row = _own(Goal, item, me)
    errors, values = {}, {}
    if request.method == "POST":
        checked = forms.check_in_form(request.form)
        errors, values = checked.errors, checked.values
        if not errors:
            entries.check_in(session, row, checked.values, policy.now())
            session.commit()
            flash(_("Check-in saved."), "info")
            return redirect(url_for("portfolio.goal", item=row.public_id), code=303)
    check_ins = list(session.scalars(select(GoalCheckIn).where(GoalCheckIn.goal_id == row.id)
                                     .order_by(GoalCheckIn.at.desc(), GoalCheckIn.id.desc())))
    return render_template("portfolio/goal.html", goal=row, check_ins=check_ins, errors=errors,
                           values=values), 400 if errors else 200


# --- activities --------------------------------------------------------------------------------------

@bp.route("/activities/new", methods=["GET", "POST"])
@requires("student")
def new_activity():
    me = _me()
    if request.method == "GET":
        kind = request.args.get("kind") if request.args.get("kind") in ("activity", "service") else "activity"
        return render_template("portfolio/activity_form.html", values={"visibility": "family", "kind": kind},
                               errors={})
    checked = forms.activity_form(request.form, policy.now().date())
    if checked.errors:
        return render_template("portfolio/activity_form.html", values=checked.values, errors=checked.errors), 400
    session = db.session()
    row = entries.add_activity(session, me.student, checked.values)
    session.commit()
    flash(_("Added “%(title)s”.", title=row.title), "info")
    return redirect(url_for("portfolio.mine", _anchor=f"activity-{row.public_id}"), code=303)


# --- badges ------------------------------------------------------------------------------------------

@bp.route("/badges/new", methods=["GET", "POST"])
@requires("student")
def new_badge():
    """Import an Open Badges 3.0 credential (a .json file, or its text pasted)."""
    me = _me()
    values = {"visibility": request.form.get("visibility", "family"), "json": request.form.get("json", "")}
    if request.method == "GET":
        return render_template("portfolio/badge_form.html", values=values, errors={})
    if values["visibility"] not in VISIBILITIES:
        values["visibility"] = "family"
    upload = request.files.get("badge")
    raw = upload.stream.read(512 * 1024 + 1) if upload and upload.filename else values["json"].strip()
    if not raw:
        return render_template("portfolio/badge_form.html", values=values,
                               errors={"badge": _("Choose the badge file, or paste its text.")}), 400
    session = db.session()
    try:
        badge, created = import_badge(session, me.student, raw, values["visibility"])
    except BadgeRefused as refused:
        session.rollback()
        return render_template("portfolio/badge_form.html", values=values, errors={"badge": str(refused)}), 400
    session.commit()
    flash(_("Added the badge “%(name)s”.", name=badge.name) if created
          else _("You already have this badge."), "info")
    return redirect(url_for("portfolio.badge", item=badge.public_id), code=303)


@bp.get("/badges/<item>")
@requires("student")
def badge(item: str):
    me = _me()
    row = _own(Badge, item, me)
    return render_template("portfolio/badge.html", badge=row)


# --- files, for everyone policy lets see them -------------------------------------------------------------

@bp.get("/files/<student>/<file>")
@bp.get("/files/<student>/<file>/<size>")
@requires()
def file(student: str, file: str, size: str = "full"):
    """A stored file, only when policy (consent.decide for the work's categories) and the work's visibility
    allow it; a view under a grant is written to the disclosure log before the bytes are sent."""
    if size not in ("full", "preview"):
        abort(404)
    session = db.session()
    found = policy.require(session, current_user, student, now=policy.now())
    row = session.execute(
        select(PortfolioFile, PortfolioItem).join(PortfolioItem, PortfolioItem.id == PortfolioFile.item_id)
        .where(PortfolioFile.public_id == file, PortfolioFile.student_id == found.student.id)).first()
    if row is None:
        abort(404)
    stored, item = row
    categories = ["portfolio"]
    if session.scalar(select(PersonalBestMark.id).where(PersonalBestMark.item_id == item.id).limit(1)):
        categories.insert(0, "personal_bests")
    category = allowed_category(found, item.visibility, categories)
    if category is None:
        abort(404)
    digest = stored.preview_sha256 if size == "preview" and stored.preview_sha256 else stored.sha256
    media_type = "image/jpeg" if digest == stored.preview_sha256 and digest != stored.sha256 else stored.media_type
    try:
        data = storage().get(digest)
    except FileNotFoundError:
        abort(404)
    policy.record_disclosure(session, current_user, found, [category])
    session.commit()  # the log entry is stored before a byte of the file leaves
    response = send_file(io.BytesIO(data), mimetype=media_type, as_attachment=stored.kind != "image",
                         download_name=stored.name, max_age=0, etag=digest)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"  # a revoked grant must not leave copies behind
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- a recipient confirms service hours ----------------------------------------------------------------

@bp.post("/confirm/<student>/<activity>")
@requires("recipient")
def confirm(student: str, activity: str):
    """Confirm an activity's hours: only a recipient whose live grant lets them contribute, and only for an
    activity they can see (shareable, with the activities category shared)."""
    session = db.session()
    now = policy.now()
    found = policy.require(session, current_user, student, "activities", now=now)
    decision = policy.may_contribute(found, now)
    if not decision.allowed or decision.grant is None:
        abort(404)
    row = session.scalars(select(Activity).where(Activity.public_id == activity,
                                                 Activity.student_id == found.student.id)).first()
    if row is None or allowed_category(found, row.visibility, ["activities"]) is None:
        abort(404)
    grant = session.scalar(select(Grant).where(Grant.public_id == decision.grant.grant_id))
    entries.confirm_activity(row, grant, current_user, now)
    notifications.hours_confirmed(session, row, grant)
    session.commit()
    flash(_("Thank you. You confirmed “%(title)s”; the family can see your name next to it.", title=row.title), "info")
    return redirect(url_for("recipient.category", student=student, category="activities"), code=303)
