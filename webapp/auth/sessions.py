"""Server-side sessions behind Flask-Login (DESIGN.md §7).

The cookie holds a random token; the `user_sessions` row holds its hash, when it was last
used and whether it was revoked. That is what makes "sign out everywhere" and the idle and
absolute time limits work, which a signed cookie alone cannot do.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, request, session as cookie
from flask_login import current_user, login_user, logout_user
from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import joinedload

from .. import db
from ..extensions import login_manager
from ..models import Account, UserSession, as_utc, utcnow
from .codes import new_token, token_hash
from .events import log_event

LAST_SEEN_RESOLUTION = timedelta(seconds=60)  # write last_seen_at at most once a minute
FRESH_FOR = timedelta(minutes=5)  # how long a passkey check counts as "just now"
LIVE_SESSION = (  # one query on every request: the session, its account, roles and children (a few rows); built once
    select(UserSession)
    .where(UserSession.token_hash == bindparam("token_hash"), UserSession.revoked_at.is_(None))
    .options(
        joinedload(UserSession.account).joinedload(Account.role_rows),
        joinedload(UserSession.account).joinedload(Account.guardian_links),
    )
    .execution_options(populate_existing=True)
)


def home_for(account: Account) -> str:
    """Where a person lands after signing in: families on their home cards, recipients on what was shared
    with them, staff on the school console."""
    from flask import url_for

    for roles, endpoint in ((("guardian", "student"), "family.home"), (("recipient",), "recipient.index"),
                            (("district_admin", "school_admin", "teacher"), "school.index")):
        if any(account.has_role(role) for role in roles):
            return url_for(endpoint)
    return "/"


def sign_in(account: Account, *, method: str = "passkey", must_add_passkey: bool = False) -> UserSession:
    """Start a server-side session for `account` in this browser and commit it."""
    s = db.session()
    token = new_token()
    row = UserSession(
        token_hash=token_hash(token),
        account_id=account.id,
        method=method,
        must_add_passkey=must_add_passkey,
        user_agent=(request.user_agent.string or "")[:255] or None,
        ip=request.remote_addr,
    )
    s.add(row)
    log_event(s, "signed_in", account, method=method)
    s.commit()
    account.session_token, account.user_session = token, row
    login_user(account)
    return row


def sign_out() -> None:
    """End this browser's session (the row stays, marked revoked, for the sessions list)."""
    row = getattr(current_user, "user_session", None)
    if row is not None:
        s = db.session()
        s.execute(
            update(UserSession)
            .where(UserSession.id == row.id, UserSession.revoked_at.is_(None))
            .values(revoked_at=utcnow(), revoked_reason="signed_out")
        )
        s.commit()
    logout_user()


def sign_out_everywhere(account: Account) -> int:
    """Revoke every live session of `account`, this one included. Returns how many ended."""
    s = db.session()
    ended = s.execute(
        update(UserSession)
        .where(UserSession.account_id == account.id, UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow(), revoked_reason="everywhere")
    ).rowcount
    log_event(s, "signed_out_everywhere", account, sessions=ended)
    s.commit()
    if current_user.is_authenticated and current_user.id == account.id:
        logout_user()
    return ended


def active_sessions(account: Account) -> list[UserSession]:
    """Live sessions, newest first (expired ones are not shown even if not yet swept)."""
    now = utcnow()
    rows = db.session().scalars(
        select(UserSession)
        .where(UserSession.account_id == account.id, UserSession.revoked_at.is_(None))
        .order_by(UserSession.last_seen_at.desc())
    )
    return [row for row in rows if _expiry_reason(row, now) is None]


def is_fresh(row: UserSession | None) -> bool:
    """True when this session checked a passkey (or a recovery code) in the last five minutes."""
    return row is not None and utcnow() - as_utc(row.verified_at) <= FRESH_FOR


def mark_verified(row: UserSession) -> None:
    row.verified_at = utcnow()


@login_manager.user_loader
def load_user(token: str) -> Account | None:
    """Find the live session for the cookie's token; end it when idle or too old."""
    s = db.session()
    row = s.scalars(LIVE_SESSION, {"token_hash": token_hash(token)}).unique().first()
    if row is None:
        cookie.pop("_user_id", None)
        return None
    now = utcnow()
    reason = _expiry_reason(row, now)
    if reason is not None:
        row.revoked_at, row.revoked_reason = now, reason
        s.commit()
        cookie.pop("_user_id", None)
        cookie["signed_out_reason"] = reason
        return None
    if now - as_utc(row.last_seen_at) >= LAST_SEEN_RESOLUTION:
        row.last_seen_at = now
        s.commit()
    account = row.account
    account.session_token, account.user_session = token, row
    return account


def _expiry_reason(row: UserSession, now: datetime) -> str | None:
    config = current_app.config
    if now - as_utc(row.created_at) > timedelta(seconds=config["SESSION_ABSOLUTE_SECONDS"]):
        return "expired"
    if now - as_utc(row.last_seen_at) > timedelta(seconds=config["SESSION_IDLE_SECONDS"]):
        return "idle"
    return None

