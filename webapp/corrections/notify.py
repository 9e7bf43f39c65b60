"""Telling the family about each step of a correction request: an email (through the shared outbox)
in each person's language, to everyone who looks after the student's records and the person who asked.
The request's own page shows the same steps in full."""
from __future__ import annotations

from flask import current_app, url_for
from flask_babel import force_locale, format_date, gettext as _
from sqlalchemy.orm import Session

from ..models import CorrectionRequest
from ..notifications import family
from ..notifications.outbox import queue_invitation_email


def tell_family(session: Session, request: CorrectionRequest, state: str) -> int:
    """Queue one email per family member with an address; returns how many were queued."""
    include = [request.requested_by_id] if request.requested_by_id else []
    link = current_app.config["ORIGIN"] + url_for("corrections.show", public_id=request.public_id)
    queued = 0
    for account in family(session, request.student, include=include):
        if not account.email:
            continue
        with force_locale(account.locale or "en"):
            subject, body = _message(request, state)
            footer = _("See the request and every step: %(link)s", link=link)
        queue_invitation_email(session, account.email, subject, f"{body}\n\n{footer}\n")
        queued += 1
    return queued


def _message(request: CorrectionRequest, state: str) -> tuple[str, str]:
    words = {"field": request.field_label, "student": request.student.display_first_name,
             "date": format_date(request.due_on, "long"), "note": request.decision_note or ""}
    if state == "submitted":
        return (_("We received your correction request"),
                _("You asked the school to correct “%(field)s” in %(student)s's records. The school will answer by "
                  "%(date)s.", **words))
    if state == "under_review":
        return (_("The school is looking at your correction request"),
                _("The school started reviewing “%(field)s” in %(student)s's records. It will answer by %(date)s.",
                  **words))
    if state == "accepted":
        return (_("The school accepted your correction request"),
                _("The school agreed to correct “%(field)s” in %(student)s's records. The school wrote: %(note)s",
                  **words))
    if state == "declined":
        return (_("The school declined your correction request"),
                _("The school decided not to change “%(field)s” in %(student)s's records. The reason: %(note)s "
                  "You may add your own statement. It will be kept with this record and shown wherever the record "
                  "is shown or shared.", **words))
    return (_("Your statement was added"),
            _("Your statement about “%(field)s” is now kept with %(student)s's records.", **words))
