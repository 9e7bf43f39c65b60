"""The WebAuthn ceremonies, following py_webauthn's own examples (DESIGN.md §7).

Challenges live in the database (single use, five minutes) and the browser session only
remembers which one it was given, per purpose: "register", "sign_in" or "step_up".
User verification and discoverable credentials are always required.
"""
from __future__ import annotations

import json
from datetime import timedelta

from flask import current_app, session as cookie
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.authentication.verify_authentication_response import VerifiedAuthentication
from webauthn.helpers.exceptions import InvalidAuthenticationResponse, InvalidRegistrationResponse
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)
from webauthn.registration.verify_registration_response import VerifiedRegistration

from ..models import Account, Invitation, Passkey, WebAuthnChallenge, utcnow
from .events import log_event

CHALLENGE_TTL = timedelta(minutes=5)
KEEP_OLD_CHALLENGES = timedelta(days=1)
COOKIE_KEY = "webauthn"
KNOWN_TRANSPORTS = {t.value for t in AuthenticatorTransport}


class CeremonyError(Exception):
    """A ceremony failed. `reason` is a stable code; the views turn it into plain words."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def registration_options(
    s: Session, *, user_handle: bytes, user_name: str, display_name: str,
    account: Account | None = None, invitation: Invitation | None = None,
) -> str:
    """Options for navigator.credentials.create(); existing passkeys of the account are excluded."""
    options = generate_registration_options(
        rp_id=current_app.config["RP_ID"],
        rp_name=current_app.config["RP_NAME"],
        user_id=user_handle,
        user_name=user_name,
        user_display_name=display_name,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=_descriptors(account.passkeys if account else []),
    )
    _issue(s, "register", options.challenge, account=account, invitation=invitation, user_handle=user_handle)
    return options_to_json(options)


def verify_registration(s: Session, credential: dict) -> tuple[WebAuthnChallenge, VerifiedRegistration]:
    """Check the browser's new credential against the challenge we issued for it."""
    challenge = take_challenge(s, "register")
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=challenge.challenge,
            expected_rp_id=current_app.config["RP_ID"],
            expected_origin=current_app.config["ORIGIN"],
            require_user_verification=True,
        )
    except (InvalidRegistrationResponse, ValueError, KeyError, TypeError) as exc:
        raise CeremonyError("invalid", str(exc)) from exc
    if s.scalar(select(Passkey.id).where(Passkey.credential_id == verified.credential_id)) is not None:
        raise CeremonyError("already_registered")
    return challenge, verified


def new_passkey(account: Account, verified: VerifiedRegistration, credential: dict, name: str) -> Passkey:
    transports = (credential.get("response") or {}).get("transports") or []
    passkey = Passkey(
        credential_id=verified.credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        backed_up=verified.credential_backed_up,
        transports=[t for t in transports if t in KNOWN_TRANSPORTS],
        name=name[:60],
    )
    account.passkeys.append(passkey)
    return passkey


def authentication_options(
    s: Session, *, purpose: str, account: Account | None = None, challenge: bytes | None = None,
    step_up_purpose: str | None = None, payload_hash: str | None = None,
) -> str:
    """Options for navigator.credentials.get(). Without an account the browser offers every passkey it holds."""
    options = generate_authentication_options(
        rp_id=current_app.config["RP_ID"],
        challenge=challenge,
        allow_credentials=_descriptors(account.passkeys) if account else [],
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    _issue(s, purpose, options.challenge, account=account, step_up_purpose=step_up_purpose, payload_hash=payload_hash)
    return options_to_json(options)


def verify_authentication(
    s: Session, credential: dict, *, purpose: str
) -> tuple[WebAuthnChallenge, Passkey, VerifiedAuthentication]:
    """Check an assertion: our challenge, our origin and RP ID, user verified, the right account.

    py_webauthn is given a current sign count of 0 so that it checks the signature first;
    the count is compared here afterwards, so that only a genuinely signed but decreasing
    count (a cloned authenticator) is logged, and 0 stays acceptable for synced passkeys.
    """
    challenge = take_challenge(s, purpose)
    try:
        raw_id = base64url_to_bytes(credential["rawId"])
        user_handle = (credential.get("response") or {}).get("userHandle")
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CeremonyError("invalid", str(exc)) from exc
    passkey = s.scalar(select(Passkey).where(Passkey.credential_id == raw_id))
    if passkey is None:
        raise CeremonyError("unknown_credential")
    account = passkey.account
    if challenge.account_id is not None and challenge.account_id != account.id:
        _reject(s, "foreign_passkey", challenge.account_id, passkey=passkey.public_id, owner=account.public_id)
    if purpose == "sign_in" and (not user_handle or base64url_to_bytes(user_handle) != account.user_handle):
        _reject(s, "user_handle_mismatch", account, passkey=passkey.public_id)
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=challenge.challenge,
            expected_rp_id=current_app.config["RP_ID"],
            expected_origin=current_app.config["ORIGIN"],
            credential_public_key=passkey.public_key,
            credential_current_sign_count=0,
            require_user_verification=True,
        )
    except (InvalidAuthenticationResponse, ValueError, KeyError, TypeError) as exc:
        log_event(s, "passkey_check_failed", account, passkey=passkey.public_id, reason=str(exc))
        s.commit()
        raise CeremonyError("invalid", str(exc)) from exc
    if verified.new_sign_count != 0 and verified.new_sign_count <= passkey.sign_count:
        _reject(s, "sign_count_not_increasing", account, passkey=passkey.public_id,
                stored=passkey.sign_count, received=verified.new_sign_count)
    passkey.sign_count = verified.new_sign_count
    passkey.backed_up = verified.credential_backed_up
    passkey.last_used_at = utcnow()
    return challenge, passkey, verified


def take_challenge(s: Session, purpose: str) -> WebAuthnChallenge:
    """The challenge this browser was given for `purpose`, marked used (committed) so it never works twice."""
    issued = dict(cookie.get(COOKIE_KEY) or {})
    public_id = issued.pop(purpose, None)
    cookie[COOKIE_KEY] = issued
    row = s.scalar(select(WebAuthnChallenge).where(
        WebAuthnChallenge.public_id == (public_id or ""), WebAuthnChallenge.purpose == purpose))
    if row is None:
        raise CeremonyError("challenge_missing")
    now = utcnow()
    taken = s.execute(
        update(WebAuthnChallenge)
        .where(WebAuthnChallenge.id == row.id, WebAuthnChallenge.used_at.is_(None), WebAuthnChallenge.expires_at > now)
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    s.commit()
    if taken != 1:
        s.refresh(row)
        raise CeremonyError("challenge_used" if row.used_at is not None else "challenge_expired")
    s.refresh(row)
    return row


def parse_credential(body: bytes | str | dict | None) -> dict:
    """The JSON from PublicKeyCredential.toJSON(), as a dict (raises CeremonyError when it is not one)."""
    try:
        credential = body if isinstance(body, dict) else json.loads(body or b"")
    except ValueError as exc:
        raise CeremonyError("invalid", "not JSON") from exc
    if not isinstance(credential, dict):
        raise CeremonyError("invalid", "not an object")
    return credential


def _issue(s: Session, purpose: str, challenge: bytes, **fields) -> WebAuthnChallenge:
    now = utcnow()
    s.execute(delete(WebAuthnChallenge).where(WebAuthnChallenge.expires_at < now - KEEP_OLD_CHALLENGES))
    account, invitation = fields.pop("account", None), fields.pop("invitation", None)
    row = WebAuthnChallenge(
        challenge=challenge, purpose=purpose, expires_at=now + CHALLENGE_TTL,
        account_id=account.id if account else None, invitation_id=invitation.id if invitation else None, **fields,
    )
    s.add(row)
    s.commit()
    cookie[COOKIE_KEY] = {**(cookie.get(COOKIE_KEY) or {}), purpose: row.public_id}
    return row


def _reject(s: Session, kind: str, account: Account | int | None, **detail) -> None:
    log_event(s, kind, account, **detail)
    s.commit()
    raise CeremonyError(kind)


def _descriptors(passkeys: list[Passkey]) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(
            id=p.credential_id, transports=[AuthenticatorTransport(t) for t in p.transports or []] or None)
        for p in passkeys
    ]
