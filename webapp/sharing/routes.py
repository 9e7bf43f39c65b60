"""The family's sharing pages: who can see what, share with someone, preview, confirm with a passkey,
receipts, stop sharing, who looked, and hiding what recipients added.

Access: `policy.stewardship` (the student's guardians and the student) for every page here;
changing anything also needs `stewardship.may_share` (consent.may_share).
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, session as cookie, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

import consent

from .. import db, policy
from ..access import requires
from ..auth.stepup import require_fresh_passkey
from ..models import Account, Contribution, GuardianLink
from ..recipient.pages import preview_context
from . import contributions, drafts, granting, labels
from .receipts import receipt_for, receipt_pdf
from .recipients import known_recipients
from .timeline import who_looked

bp = Blueprint("sharing", __name__, url_prefix="/sharing")

STEP_UP_PURPOSE = "grant"
JUST_INVITED = "just_invited"  # cookie: {grant public id: invitation link}, shown once on the receipt


@bp.app_context_processor
def _labels() -> dict:
    return {"sharing_labels": labels, "consent_codes": consent.CATEGORY_CODES, "consent_categories": consent.CATEGORIES}


@bp.get("")
@requires()
def index():
    students = policy.family_students(db.session(), current_user)
    if len(students) == 1:
        return redirect(url_for("sharing.student", student=students[0].public_id))
    return render_template("sharing/index.html", students=students)


def _stewardship(student: str, *, must_share: bool = False) -> policy.Stewardship:
    found = policy.stewardship(db.session(), current_user, student, policy.now())
    if found is None:
        abort(404)
    if must_share and not found.may_share.allowed:
        abort(403)
    return found


@bp.get("/<student>")
@requires()
def student(student: str):
    s = db.session()
    found = _stewardship(student)
    now = policy.now()
    grants = sorted(found.records.values(), key=lambda r: (r.row.created_at, r.row.id), reverse=True)
    live = [r for r in grants if r.state is not None and r.state.status_at(now) in (
        consent.GrantStatus.ACTIVE, consent.GrantStatus.SCHEDULED)]
    ended = [r for r in grants if r not in live]
    return render_template(
        "sharing/student.html", found=found, student=found.student, live=live, ended=ended, now=now,
        family=_family(found), items=contributions.for_student(s, found.student, include_hidden=True),
    )


def _family(found: policy.Stewardship) -> list[str]:
    """Names of the people who see everything as family: guardians (not court restricted) and the student."""
    s = db.session()
    names = list(s.scalars(
        select(Account.display_name).join(GuardianLink, GuardianLink.account_id == Account.id)
        .where(GuardianLink.student_id == found.student.id, GuardianLink.court_restricted.is_(False))
        .order_by(Account.display_name)
    ))
    return names


@bp.route("/<student>/new", methods=["GET", "POST"])
@requires()
def new(student: str):
    found = _stewardship(student, must_share=True)
    known = known_recipients(db.session(), found.student, current_user)
    if request.method == "GET":
        draft = drafts.load(found.student.public_id) if request.args.get("edit") else None
        return render_template("sharing/new.html", found=found, draft=draft or drafts.Draft(found.student.public_id),
                               known=known, choices=drafts.DURATION_LABELS)
    draft = drafts.from_form(found.student.public_id, request.form, known)
    if not draft.errors:
        draft = _check_window(found, draft)
    if draft.errors:
        return render_template("sharing/new.html", found=found, draft=draft, known=known,
                               choices=drafts.DURATION_LABELS), 400
    drafts.keep(draft)
    return redirect(url_for("sharing.confirm", student=found.student.public_id), code=303)


def _role(found: policy.Stewardship) -> consent.Role:
    return consent.Role.STUDENT if found.may_share.basis == "self" else consent.Role.GUARDIAN


def _check_window(found: policy.Stewardship, draft: drafts.Draft) -> drafts.Draft:
    try:
        drafts.window(draft, policy.now(), found.facts, _role(found))
    except ValueError:
        field = "until" if draft.duration == "until" else "duration"
        limit = labels.last_day(consent.latest_end(policy.now()))
        message = (_("Choose a last day from today up to %(day)s.", day=limit) if draft.duration == "until"
                   else _("This choice does not work today. Choose another length."))
        return drafts.Draft(**{**draft.terms(), "categories": draft.categories}, errors={field: message})
    return draft


def _draft_and_window(found: policy.Stewardship):
    """The kept draft and its window from now, or None when the family has to choose again."""
    draft = drafts.load(found.student.public_id)
    if draft is None:
        return None
    try:
        return draft, drafts.window(draft, policy.now(), found.facts, _role(found))
    except ValueError:
        return None


def _start_again(found: policy.Stewardship):
    flash(_("Please check your choices again."), "warning")
    return redirect(url_for("sharing.new", student=found.student.public_id, edit=1), code=303)


@bp.route("/<student>/confirm", methods=["GET", "POST"])
@requires()
def confirm(student: str):
    found = _stewardship(student, must_share=True)
    kept = _draft_and_window(found)
    if kept is None:
        return _start_again(found)
    draft, window = kept
    now = window.starts_at
    if request.method == "GET":
        return render_template("sharing/confirm.html", found=found, draft=draft, window=window,
                               payload_hash=draft.hash(), purpose=STEP_UP_PURPOSE)
    evidence = require_fresh_passkey(purpose=STEP_UP_PURPOSE, payload_hash=draft.hash())
    s = db.session()
    signed = granting.sign(s, current_user, found.student, draft, _role(found), window, evidence, now)
    s.commit()
    drafts.forget(found.student.public_id)
    if signed.invitation_link:
        cookie[JUST_INVITED] = {signed.grant.public_id: signed.invitation_link}
    flash(_("Done. Sharing is on, and here is your receipt."), "info")
    return redirect(url_for("sharing.receipt", student=found.student.public_id, grant=signed.grant.public_id), code=303)


@bp.get("/<student>/preview")
@requires()
def preview(student: str):
    """Exactly the recipient's page for the draft, before anything is saved (no disclosure: it is the family)."""
    found = _stewardship(student, must_share=True)
    kept = _draft_and_window(found)
    if kept is None:
        return _start_again(found)
    draft, window = kept
    context = preview_context(db.session(), found.student, draft, window, current_user.display_name)
    return render_template("recipient/student.html", **context)


def _record(found: policy.Stewardship, grant: str) -> policy.GrantRecord:
    record = found.records.get(grant)
    if record is None or record.state is None:
        abort(404)
    return record


def _receipt_context(found: policy.Stewardship, grant: str) -> dict:
    record = _record(found, grant)
    receipt = receipt_for(db.session(), record, found.student, policy.now())
    return {"found": found, "record": record, "receipt": receipt, "student": found.student}


@bp.get("/<student>/grants/<grant>")
@requires()
def receipt(student: str, grant: str):
    found = _stewardship(student)
    context = _receipt_context(found, grant)
    link = (cookie.get(JUST_INVITED) or {}).get(grant)
    if link:
        cookie.pop(JUST_INVITED, None)
    return render_template("sharing/receipt.html", invitation_link=link, **context)


@bp.get("/<student>/grants/<grant>/receipt.json")
@requires()
def receipt_json(student: str, grant: str):
    found = _stewardship(student)
    response = jsonify(_receipt_context(found, grant)["receipt"])
    response.headers["Content-Disposition"] = f'attachment; filename="consent-receipt-{grant}.json"'
    return response


@bp.get("/<student>/grants/<grant>/receipt.pdf")
@requires()
def receipt_download(student: str, grant: str):
    found = _stewardship(student)
    pdf = receipt_pdf({**_receipt_context(found, grant), "lang": labels.lang(), "now_issued": policy.now()})
    return pdf, 200, {"Content-Type": "application/pdf",
                      "Content-Disposition": f'attachment; filename="consent-receipt-{grant}.pdf"'}


@bp.post("/<student>/grants/<grant>/revoke")
@requires()
def revoke(student: str, grant: str):
    """One tap. With htmx the grant's card is replaced in place; without it the page reloads."""
    found = _stewardship(student, must_share=True)
    record = _record(found, grant)
    now = policy.now()
    s = db.session()
    if record.state.stopped_as is None and record.state.status_at(now) in (
            consent.GrantStatus.ACTIVE, consent.GrantStatus.SCHEDULED):
        granting.revoke(s, current_user, record, now)
        s.commit()
    message = _("You stopped sharing with %(name)s.", name=record.row.recipient_name)
    if request.headers.get("HX-Request"):
        fresh = policy.grant_records(s, policy.now(), student_ids=[found.student.id])[grant]
        return render_template("sharing/_grant.html", record=fresh, found=found, now=policy.now(),
                               student=found.student, announce=message)
    flash(message, "info")
    return redirect(url_for("sharing.student", student=found.student.public_id), code=303)


@bp.get("/<student>/looked")
@requires()
def looked(student: str):
    found = _stewardship(student)
    if not found.sees_log:
        abort(404)
    return render_template("sharing/looked.html", found=found, student=found.student,
                           looks=who_looked(db.session(), found.student))


@bp.post("/<student>/added/<item>")
@requires()
def hide(student: str, item: str):
    """Hide (or show again) something a recipient added to the learner profile."""
    found = _stewardship(student, must_share=True)
    s = db.session()
    row = s.scalar(select(Contribution).where(Contribution.public_id == item,
                                              Contribution.student_id == found.student.id))
    if row is None:
        abort(404)
    contributions.set_hidden(row, current_user, request.form.get("hidden") == "yes")
    s.commit()
    if request.headers.get("HX-Request"):
        return render_template("sharing/_contribution.html", item=row, found=found, student=found.student)
    return redirect(url_for("sharing.student", student=found.student.public_id) + "#added", code=303)
