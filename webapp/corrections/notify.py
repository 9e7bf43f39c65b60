"""Telling the family about each step of a correction request: a notice (in-app, and by email when the
person has an address) in each person's language, to everyone who looks after the student's records
and the person who asked. The words live with the other notices (webapp.notifications.messages);
the request's own page shows the same steps in full."""
from __future__ import annotations

from sqlalchemy.orm import Session

from ..models import CorrectionRequest
from ..notifications import family, notify


def tell_family(session: Session, request: CorrectionRequest, state: str) -> int:
    """Add one notice per family member for this step; returns how many were added."""
    include = [request.requested_by_id] if request.requested_by_id else []
    params = {"state": state, "field": request.field_label, "student": request.student.display_first_name,
              "due_on": request.due_on.isoformat(), "note": request.decision_note or "", "request": request.public_id}
    told = 0
    for account in family(session, request.student, include=include):
        told += notify(session, account, "correction", f"correction:{request.public_id}:{state}",
                       student=request.student, params=params) is not None
    return told
