"""Plain words (English, and Spanish through the catalog) for the codes an export shows."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

FORMATS = {
    "pdf": _l("PDF to read and print"),
    "clr": _l("Learner record for colleges and wallets (CLR 2.0)"),
    "csv": _l("Spreadsheet files (CSV, zipped)"),
    "json": _l("Everything as data (JSON)"),
}
RECIPIENT_KINDS = {
    "tutor": _l("Tutor"),
    "afterschool_program": _l("Afterschool program"),
    "college": _l("College or university"),
    "other_organisation": _l("Other organisation"),
    "relative": _l("Relative"),
}
GRANT_STATUSES = {
    "active": _l("Shared now"),
    "scheduled": _l("Starts later"),
    "revoked": _l("Stopped by the family"),
    "expired": _l("Ended on its end date"),
    "ended_at_18": _l("Ended when the student turned 18"),
}
GRANT_EVENTS = {
    "granted": _l("Shared"),
    "changed": _l("Changed"),
    "revoked": _l("Stopped"),
    "expired": _l("Ended"),
    "ended_at_18": _l("Ended at 18"),
}
ACTIONS = {"view": _l("Looked at the records"), "export": _l("Downloaded the records")}
ROLES = {"guardian": _l("Parent or guardian"), "student": _l("Student"), "cli": _l("School staff (command line)")}
TEST_PARTS = {  # ELPAC domains as the read model names them (webapp/store/state_tests.py)
    "listening": _l("Listening"),
    "speaking": _l("Speaking"),
    "reading": _l("Reading"),
    "writing": _l("Writing"),
}
CHANGES = {"categories": _l("what is shared"), "ends_at": _l("end date"), "may_contribute": _l("may add to the profile")}


def name_of(table: dict, code: str) -> str:
    """The plain words for `code`, or the code itself when it is new to this table."""
    return str(table[code]) if code in table else code
