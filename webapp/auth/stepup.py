"""Step-up: a fresh passkey check (user verification) right before a sensitive action.

The browser asks `/passkeys/step-up/options` for a challenge naming a `purpose` (e.g. "grant")
and the hash of exactly what is being confirmed; the challenge's last 32 bytes are
SHA-256(purpose + "\\n" + payload_hash), so the passkey's signature covers that payload.
After `/passkeys/step-up/verify` the evidence waits, for five minutes, for the POST handler of
the action to call `require_fresh_passkey(purpose=..., payload_hash=...)`, which consumes it once.
"""
from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import asdict, dataclass
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from webauthn.helpers import bytes_to_base64url
from werkzeug.exceptions import Forbidden

from .. import db
from ..models import Account, UserSession, WebAuthnChallenge, utcnow
from . import ceremony
from .sessions import mark_verified

STEP_UP_WINDOW = timedelta(minutes=5)
ACCOUNT_PURPOSE = "account"  # re-check before managing passkeys and recovery codes


class StepUpRequired(Forbidden):
    description = _l("Please check it is you with your passkey, then try again.")


@dataclass(frozen=True)
class StepUpEvidence:
    """What the consent manager stores with a signed grant: enough to check the signature later."""
    purpose: str
    payload_hash: str
    credential_id: str  # base64url
    public_key: str  # base64url COSE key
    authenticator_data: str  # base64url
    client_data_json: str  # base64url; its challenge ends with binding(purpose, payload_hash)
    client_data_hash: str  # hex SHA-256 of client_data_json
    signature: str  # base64url, over authenticator_data + client_data_hash
    user_verified: bool
    at: str  # ISO 8601, UTC

    def as_dict(self) -> dict:
        return asdict(self)


def payload_hash(payload: object) -> str:
    """A stable hash of a JSON-able payload (sorted keys, no spaces)."""
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def binding(purpose: str, payload_hash_hex: str) -> bytes:
    return hashlib.sha256(f"{purpose}\n{payload_hash_hex}".encode("utf-8")).digest()


def step_up_options(s: Session, account: Account, *, purpose: str, payload_hash_hex: str) -> str:
    """Request options limited to this account's passkeys, with the payload bound into the challenge."""
    challenge = secrets.token_bytes(32) + binding(purpose, payload_hash_hex)
    return ceremony.authentication_options(
        s, purpose="step_up", account=account, challenge=challenge,
        step_up_purpose=purpose, payload_hash=payload_hash_hex,
    )


def finish_step_up(s: Session, account: Account, user_session: UserSession | None, credential: dict) -> StepUpEvidence:
    """Verify the assertion (it must be one of `account`'s passkeys) and keep the evidence."""
    challenge, passkey, verified = ceremony.verify_authentication(s, credential, purpose="step_up")
    if challenge.account_id != account.id:
        raise ceremony.CeremonyError("foreign_passkey")
    response = credential["response"]
    client_data = ceremony.base64url_to_bytes(response["clientDataJSON"])
    evidence = StepUpEvidence(
        purpose=challenge.step_up_purpose,
        payload_hash=challenge.payload_hash,
        credential_id=bytes_to_base64url(passkey.credential_id),
        public_key=bytes_to_base64url(passkey.public_key),
        authenticator_data=response["authenticatorData"],
        client_data_json=response["clientDataJSON"],
        client_data_hash=hashlib.sha256(client_data).hexdigest(),
        signature=response["signature"],
        user_verified=verified.user_verified,
        at=utcnow().isoformat(),
    )
    challenge.evidence = evidence.as_dict()
    if user_session is not None:
        mark_verified(user_session)
    s.commit()
    return evidence


def consume_step_up(
    s: Session, account: Account, *, purpose: str, payload_hash_hex: str, within: timedelta = STEP_UP_WINDOW
) -> StepUpEvidence | None:
    """The evidence of a step-up for exactly this purpose and payload in the last `within`, used once."""
    row = s.scalar(
        select(WebAuthnChallenge)
        .where(
            WebAuthnChallenge.purpose == "step_up",
            WebAuthnChallenge.account_id == account.id,
            WebAuthnChallenge.step_up_purpose == purpose,
            WebAuthnChallenge.payload_hash == payload_hash_hex,
            WebAuthnChallenge.evidence.is_not(None),
            WebAuthnChallenge.consumed_at.is_(None),
            WebAuthnChallenge.used_at >= utcnow() - within,
        )
        .order_by(WebAuthnChallenge.used_at.desc())
        .limit(1)
    )
    if row is None:
        return None
    consumed = s.execute(
        update(WebAuthnChallenge)
        .where(WebAuthnChallenge.id == row.id, WebAuthnChallenge.consumed_at.is_(None))
        .values(consumed_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    s.commit()
    return StepUpEvidence(**row.evidence) if consumed == 1 else None


def require_fresh_passkey(*, purpose: str, payload_hash: str) -> StepUpEvidence:
    """For a POST handler: the signed-in person confirmed exactly this payload with a passkey
    in the last five minutes. Consumes the step-up; raises StepUpRequired (403) otherwise."""
    evidence = consume_step_up(db.session(), current_user, purpose=purpose, payload_hash_hex=payload_hash)
    if evidence is None:
        raise StepUpRequired()
    return evidence
