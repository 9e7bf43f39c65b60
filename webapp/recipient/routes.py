"""The recipient portal. Each page: policy decides, the read model is read, a disclosure entry is
appended and committed with it, and only then is the page sent."""
from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

import consent

from .. import db, policy
from ..access import requires
from ..models import Grant
from ..sharing import contributions
from ..sharing.labels import category_label, last_day, long_day
from .pages import shared_by, student_context

bp = Blueprint("recipient", __name__, url_prefix="/shared")


@bp.get("")
@requires("recipient")
def index():
    """Students shared with me now, and grants that ended (names only: nothing else is shown)."""
    s = db.session()
    now = policy.now()
    viewer = policy.viewer_for(s, current_user)
    records = policy.grant_records(s, now, recipient=viewer, account=current_user)
    open_ids = {st.public_id: st for st in policy.students_for(s, current_user, now)}
    current, ended = [], []
    for student_id in dict.fromkeys(r.student_public_id for r in records.values()):
        mine = [r for r in records.values() if r.student_public_id == student_id and r.state is not None]
        if not mine:
            continue
        live = [r.state for r in mine if r.state.status_at(now) is consent.GrantStatus.ACTIVE]
        if student_id in open_ids and live:
            current.append((open_ids[student_id], shared_by(live)))
        else:
            latest = max(mine, key=lambda r: r.state.ended_on())
            ended.append((latest.row.student, latest.state))
    return render_template("recipient/index.html", current=current, ended=ended, now=now)


def _access(student: str, category: str | None = None) -> policy.StudentAccess:
    """The viewer's access, or 404 (unknown student, or a category they may not see), or a page saying
    that nothing is shared any more (a grant they had ended): never any record data."""
    found = policy.access(db.session(), current_user, student, policy.now())
    if found is None or (category is not None and category not in found.visible and found.visible):
        abort(404)
    if not found.visible:
        abort(_nothing_shared(found))
    return found


def _nothing_shared(found: policy.StudentAccess):
    return make_response(render_template("recipient/nothing.html", reason=_ended_reason(found)), 403)


def _ended_reason(found: policy.StudentAccess) -> str:
    """Why nothing shows, without naming or describing the student."""
    now = policy.now()
    mine = [s for s in found.grants if found.viewer.is_recipient_of(s.grant.recipient)]
    if not mine:
        return _("Nothing is shared with you for this student.")
    latest = max(mine, key=lambda s: s.ended_on())
    status = latest.status_at(now)
    if status is consent.GrantStatus.SCHEDULED:
        return _("Sharing starts on %(day)s.", day=long_day(latest.starts_at))
    if status is consent.GrantStatus.REVOKED:
        return _("The family stopped sharing on %(day)s.", day=long_day(latest.stopped_at))
    if status is consent.GrantStatus.ENDED_AT_18 or consent.student_holds_rights(found.facts, now):
        return _("This sharing ended because the student is now responsible for their own records.")
    return _("This sharing ended on %(day)s.", day=last_day(latest.ends_at))


def _show(found: policy.StudentAccess, categories) -> str:
    s = db.session()
    shown = [c for c in consent.CATEGORY_CODES if c in set(categories)]
    used = [found.grants_used[c] for c in shown if c in found.grants_used]
    context = student_context(s, found.student, shown, shared_by(used),
                              may_add=policy.may_contribute(found, policy.now()).allowed)
    page = render_template("recipient/student.html", **context)
    policy.record_disclosure(s, current_user, found, shown)
    s.commit()  # the entry is stored before a single byte of the page leaves
    return page


@bp.get("/<student>")
@requires()
def student(student: str):
    found = _access(student)
    return _show(found, found.visible)


@bp.get("/<student>/<category>")
@requires()
def category(student: str, category: str):
    if category not in consent.CATEGORY_CODES:
        abort(404)
    found = _access(student, category)
    return _show(found, [category])


@bp.route("/<student>/add", methods=["GET", "POST"])
@requires("recipient")
def add(student: str):
    """Add a note, a badge or activity hours to the learner profile, when the grant allows it."""
    s = db.session()
    found = _access(student)
    now = policy.now()
    decision = policy.may_contribute(found, now)
    if not decision.allowed or decision.grant is None:
        abort(404)
    name = f"{found.student.display_first_name} {found.student.last_name}"
    if request.method == "GET":
        return render_template("recipient/add.html", student=found.student, student_name=name,
                               entry=None, errors={})
    entry = contributions.read_form(request.form, now.date())
    if entry.errors:
        return render_template("recipient/add.html", student=found.student, student_name=name,
                               entry=entry, errors=entry.errors), 400
    grant = s.scalar(select(Grant).where(Grant.public_id == decision.grant.grant_id))
    contributions.add(s, found.student, grant, current_user, entry)
    s.commit()
    flash(_("Thank you. The family can see what you added to %(section)s.",
            section=category_label(contributions.CATEGORY_OF_KIND[entry.kind])), "info")
    return redirect(url_for("recipient.student", student=found.student.public_id), code=303)
