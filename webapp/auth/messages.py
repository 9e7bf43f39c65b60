"""Plain words for every way a passkey step can fail, with what to do next."""
from __future__ import annotations

from flask_babel import gettext as _


def ceremony_message(reason: str) -> str:
    if reason in ("challenge_missing", "challenge_expired"):
        return _("This took too long. Please try again.")
    if reason == "challenge_used":
        return _("This step was already used. Please try again.")
    if reason == "unknown_credential":
        return _("We do not know this passkey. It may have been removed. Try another passkey or a recovery code.")
    if reason in ("foreign_passkey", "user_handle_mismatch"):
        return _("This passkey belongs to a different account.")
    if reason == "sign_count_not_increasing":
        return _("We blocked this passkey because it looks like a copy. Please ask the school office for help.")
    if reason == "already_registered":
        return _("This passkey is already saved.")
    if reason == "invitation_used":
        return _("This invitation was already used. Ask the school office for a new letter.")
    if reason == "not_allowed":
        return _("Please sign in again, or open your invitation link again.")
    if reason == "not_fresh":
        return _("To keep your account safe, please check it is you first.")
    return _("We could not check this passkey. Please try again.")


def invitation_problem(state: str) -> tuple[str, str]:
    """(what happened, what to do next) for an invitation that cannot be used."""
    if state == "expired":
        return _("This invitation has run out."), _("Ask the school office for a new letter.")
    if state == "used":
        return (_("This invitation was already used."),
                _("If you made a passkey with it, sign in. If not, ask the school office for a new letter."))
    if state == "revoked":
        return _("This invitation was cancelled."), _("Ask the school office for a new letter.")
    return (_("We could not find this code."),
            _("Check the code on your letter and type it again. If it still does not work, ask the school office for a new letter."))
