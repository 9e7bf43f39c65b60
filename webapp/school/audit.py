"""The admin audit log: every console action that changes something is written here, in the same
transaction as the change it explains."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from ..models import Account, AdminAuditEntry

ACTIONS = {  # action code -> what the audit page says
    "import_started": _l("Started an import"),
    "import_finished": _l("Import finished"),
    "invitation_created": _l("Invited someone"),
    "invitations_bulk_created": _l("Invited families from a contacts file"),
    "letters_printed": _l("Printed invitation letters"),
    "reinvited": _l("Sent a new invitation for lost passkeys"),
    "invitation_revoked": _l("Cancelled an invitation"),
    "correction_review_started": _l("Started reviewing a correction request"),
    "correction_accepted": _l("Accepted a correction request"),
    "correction_declined": _l("Declined a correction request"),
    "note_published": _l("Published a teacher note"),
    "early_warning_changed": _l("Changed the early-warning settings"),
}


def record(session: Session, actor: Account | None, action: str, *, school_id: int | None = None,
           district_id: int | None = None, student_id: int | None = None, actor_name: str | None = None,
           **detail) -> AdminAuditEntry:
    """Add one entry; the caller's commit writes it together with the change. An action for a whole district
    names the district (`district_id`), so only that district's admins read it."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    entry = AdminAuditEntry(
        actor_id=actor.id if actor else None, actor_name=(actor_name or (actor.display_name if actor else "?"))[:120],
        action=action, school_id=school_id, district_id=district_id, student_id=student_id, detail=detail,
    )
    session.add(entry)
    return entry


def describe(action: str) -> str:
    return str(ACTIONS.get(action, action))
