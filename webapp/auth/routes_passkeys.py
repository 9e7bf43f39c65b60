"""The JSON endpoints the passkey glue (static/js/passkeys.js) calls: options, then verify."""
from __future__ import annotations

import re

from flask import Response, flash, jsonify, request, session as cookie, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import db
from ..access import public, requires
from ..extensions import limiter
from ..models import Account, Invitation
from ..models.accounts import new_user_handle
from . import ceremony, stepup
from .blueprint import auth_rate_limit, bp, options_rate_limit
from .ceremony import CeremonyError
from .devices import describe_device
from .events import log_event
from .invitations import apply_invitation, claim
from .messages import ceremony_message
from .routes_invitation import WELCOME, invitation_in_progress
from .sessions import home_for, is_fresh, sign_in

PURPOSE_PATTERN = re.compile(r"^[a-z][a-z0-9_:-]{0,39}$")
HASH_PATTERN = re.compile(r"^([0-9a-f]{64})?$")


@bp.errorhandler(CeremonyError)
def _ceremony_failed(error: CeremonyError):
    return jsonify(error=ceremony_message(error.reason)), 400


@bp.post("/passkeys/register/options")
@public
@limiter.limit(options_rate_limit)
def register_options():
    """For a confirmed invitation ("for": "invitation") or a signed-in account adding one ("for": "account")."""
    s = db.session()
    if _body().get("for") == "account":
        account = _account_that_may_add_passkey()
        return _json(ceremony.registration_options(
            s, user_handle=account.user_handle, user_name=account.email or account.display_name,
            display_name=account.display_name, account=account))
    invitation = invitation_in_progress(confirmed=True)
    if invitation is None:
        raise CeremonyError("not_allowed")
    account = invitation.account
    name = account.display_name if account else (cookie[WELCOME].get("name") or invitation.name or _("Family Backpack user"))
    return _json(ceremony.registration_options(
        s, user_handle=account.user_handle if account else new_user_handle(),
        user_name=(account.email if account else invitation.email) or name, display_name=name,
        account=account, invitation=invitation))


@bp.post("/passkeys/register/verify")
@public
@limiter.limit(auth_rate_limit)
def register_verify():
    s = db.session()
    credential = ceremony.parse_credential(request.get_data())
    challenge, verified = ceremony.verify_registration(s, credential)
    device = describe_device(request.user_agent.string)
    if challenge.invitation_id is None:
        account = _account_that_may_add_passkey(challenge.account_id)
        ceremony.new_passkey(account, verified, credential, device)
        log_event(s, "passkey_added", account, via="account")
        account.user_session.must_add_passkey = False
        s.commit()
        flash(_("Your new passkey is saved."), "info")
        return jsonify(redirect=url_for("auth.account"))
    invitation = s.get(Invitation, challenge.invitation_id)
    if not claim(s, invitation):
        raise CeremonyError("invitation_used")
    account = invitation.account or _new_account(invitation, challenge.user_handle)
    apply_invitation(s, invitation, account)
    ceremony.new_passkey(account, verified, credential, device)
    log_event(s, "passkey_added", account, via=invitation.purpose)
    s.commit()
    cookie.pop(WELCOME, None)
    sign_in(account)
    return jsonify(redirect=url_for("auth.recovery_codes", first=1))


@bp.post("/passkeys/sign-in/options")
@public
@limiter.limit(options_rate_limit)
def sign_in_options():
    return _json(ceremony.authentication_options(db.session(), purpose="sign_in"))


@bp.post("/passkeys/sign-in/verify")
@public
@limiter.limit(auth_rate_limit)
def sign_in_verify():
    s = db.session()
    _challenge, passkey, _verified = ceremony.verify_authentication(
        s, ceremony.parse_credential(request.get_data()), purpose="sign_in")
    s.commit()
    sign_in(passkey.account)
    return jsonify(redirect=safe_next(request.args.get("next")) or home_for(passkey.account))


@bp.post("/passkeys/step-up/options")
@requires()
@limiter.limit(options_rate_limit)
def step_up_options():
    body = _body()
    purpose, payload = str(body.get("purpose", "")), str(body.get("payload_hash", ""))
    if not PURPOSE_PATTERN.match(purpose) or not HASH_PATTERN.match(payload):
        raise CeremonyError("invalid", "bad purpose or payload hash")
    return _json(stepup.step_up_options(db.session(), current_user, purpose=purpose, payload_hash_hex=payload))


@bp.post("/passkeys/step-up/verify")
@requires()
@limiter.limit(auth_rate_limit)
def step_up_verify():
    account = current_user._get_current_object()
    stepup.finish_step_up(db.session(), account, account.user_session, ceremony.parse_credential(request.get_data()))
    return jsonify(ok=True)


def safe_next(target: str | None) -> str | None:
    """Only paths on this site: never "//host" or "https://host"."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def _account_that_may_add_passkey(expected_id: int | None = None) -> Account:
    """Signed in, and either just checked (five minutes) or signed in with a recovery code."""
    if not current_user.is_authenticated or (expected_id is not None and current_user.id != expected_id):
        raise CeremonyError("not_allowed")
    account = current_user._get_current_object()
    if not (account.user_session.must_add_passkey or is_fresh(account.user_session)):
        raise CeremonyError("not_fresh")
    return account


def _new_account(invitation: Invitation, user_handle: bytes) -> Account:
    name = (cookie.get(WELCOME) or {}).get("name") or invitation.name or _("Family Backpack user")
    account = Account(user_handle=user_handle, display_name=name, email=invitation.email, locale=invitation.language)
    db.session().add(account)
    db.session().flush()
    return account


def _body() -> dict:
    body = request.get_json(silent=True)
    return body if isinstance(body, dict) else {}


def _json(text: str) -> Response:
    return Response(text, mimetype="application/json")
