"""People who sign in, and what keeps their sign-in safe (DESIGN.md §1 and §7).

Nobody has a password: an account holds passkeys, single-use recovery codes and
server-side sessions. Secrets (invitation codes, recovery codes, session tokens) are
stored only as SHA-256 hashes.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timezone
from typing import Optional

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint, orm
from sqlalchemy.orm import Mapped, mapped_column

from .backpack import Student
from .base import Base, opaque_id, utcnow

STAFF_ROLES = frozenset({"district_admin", "school_admin", "teacher"})
ROLES = frozenset({"guardian", "student", "recipient"}) | STAFF_ROLES


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC, so say so."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


def new_user_handle() -> bytes:
    """The WebAuthn user.id: random, so it reveals nothing about the person."""
    return secrets.token_bytes(32)


class Account(UserMixin, Base):
    """One person. Roles say what they may do; links say which students they may see."""
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    user_handle: Mapped[bytes] = mapped_column(LargeBinary(64), unique=True, default=new_user_handle)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[Optional[str]] = mapped_column(String(254), index=True)
    locale: Mapped[Optional[str]] = mapped_column(String(5))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    student_id: Mapped[Optional[int]] = mapped_column(ForeignKey("students.id"), unique=True)  # a student's own account
    student: Mapped[Optional[Student]] = orm.relationship(foreign_keys=[student_id])
    role_rows: Mapped[list["AccountRole"]] = orm.relationship(back_populates="account", cascade="all, delete-orphan")
    guardian_links: Mapped[list["GuardianLink"]] = orm.relationship(back_populates="account", cascade="all, delete-orphan")
    passkeys: Mapped[list["Passkey"]] = orm.relationship(
        back_populates="account", cascade="all, delete-orphan", order_by="Passkey.created_at"
    )

    # Set by webapp.auth.sessions for the signed-in request; Flask-Login keeps it in the cookie.
    session_token = None
    user_session = None

    def get_id(self) -> str | None:
        """Flask-Login stores the server-side session token, never the account id."""
        return self.session_token

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(row.role for row in self.role_rows)

    def has_role(self, role: str) -> bool:
        """Staff roles also satisfy "staff"."""
        roles = self.roles
        return role in roles or (role == "staff" and bool(roles & STAFF_ROLES))

    @property
    def guardian_student_ids(self) -> list[int]:
        """Students this guardian may see; a court-restricted link hides the child entirely."""
        return [link.student_id for link in self.guardian_links if not link.court_restricted]


class AccountRole(Base):
    """A role an account holds, scoped to a school or district for staff."""
    __tablename__ = "account_roles"
    __table_args__ = (UniqueConstraint("account_id", "role", "school_id", "district_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    school_id: Mapped[Optional[int]] = mapped_column(ForeignKey("schools.id"))
    district_id: Mapped[Optional[int]] = mapped_column(ForeignKey("districts.id"))
    account: Mapped[Account] = orm.relationship(back_populates="role_rows")


class GuardianLink(Base):
    """A guardian's right to see a student, as the school recorded it."""
    __tablename__ = "guardian_links"
    __table_args__ = (UniqueConstraint("account_id", "student_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    relationship: Mapped[Optional[str]] = mapped_column(String(40))
    court_restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    account: Mapped[Account] = orm.relationship(back_populates="guardian_links")
    student: Mapped[Student] = orm.relationship()


class Passkey(Base):
    """A WebAuthn credential. Sign count 0 is normal for synced passkeys."""
    __tablename__ = "passkeys"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    credential_id: Mapped[bytes] = mapped_column(LargeBinary(1023), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    sign_count: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(60))
    transports: Mapped[list] = mapped_column(default=list)
    backed_up: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[Optional[datetime]] = mapped_column()
    account: Mapped[Account] = orm.relationship(back_populates="passkeys")


class RecoveryCode(Base):
    """One of ten single-use codes for when every passkey is lost; only the hash is kept."""
    __tablename__ = "recovery_codes"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[Optional[datetime]] = mapped_column()


class Invitation(Base):
    """A one-time code from the school (or a family) that lets a person in.

    `purpose` is guardian, student, recipient, staff or reinvite. When `account_id` is set,
    redeeming adds a passkey to that account (a re-invite); otherwise it records who redeemed it.
    """
    __tablename__ = "invitations"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(20))
    student_id: Mapped[Optional[int]] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    school_id: Mapped[Optional[int]] = mapped_column(ForeignKey("schools.id"))
    district_id: Mapped[Optional[int]] = mapped_column(ForeignKey("districts.id"))
    name: Mapped[Optional[str]] = mapped_column(String(120))
    email: Mapped[Optional[str]] = mapped_column(String(254))
    relationship: Mapped[Optional[str]] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(5), default="en")
    grant_ref: Mapped[Optional[str]] = mapped_column(String(64))  # attached by the consent manager
    created_by: Mapped[str] = mapped_column(String(160))
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[Optional[datetime]] = mapped_column()
    revoked_at: Mapped[Optional[datetime]] = mapped_column()
    student: Mapped[Optional[Student]] = orm.relationship()
    account: Mapped[Optional[Account]] = orm.relationship(foreign_keys=[account_id])

    def state(self, now: datetime) -> str:
        """"open", or why it can no longer be used: "used", "revoked", "expired"."""
        if self.used_at is not None:
            return "used"
        if self.revoked_at is not None:
            return "revoked"
        if as_utc(self.expires_at) <= now:
            return "expired"
        return "open"


class WebAuthnChallenge(Base):
    """A challenge we handed to the browser: single use, short-lived, bound to one purpose.

    A verified step-up keeps its evidence here until the action it protects consumes it once.
    """
    __tablename__ = "webauthn_challenges"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    challenge: Mapped[bytes] = mapped_column(LargeBinary(128))
    purpose: Mapped[str] = mapped_column(String(20))  # register, sign_in, step_up
    account_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    invitation_id: Mapped[Optional[int]] = mapped_column(ForeignKey("invitations.id", ondelete="CASCADE"))
    step_up_purpose: Mapped[Optional[str]] = mapped_column(String(40))  # what a step-up confirms
    payload_hash: Mapped[Optional[str]] = mapped_column(String(64))  # hash of exactly what it confirms
    user_handle: Mapped[Optional[bytes]] = mapped_column(LargeBinary(64))  # registration: the new user.id
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    used_at: Mapped[Optional[datetime]] = mapped_column()
    evidence: Mapped[Optional[dict]] = mapped_column()
    consumed_at: Mapped[Optional[datetime]] = mapped_column()


class UserSession(Base):
    """A signed-in browser. The cookie carries a random token; only its hash is stored, so revoking works."""
    __tablename__ = "user_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(20))  # passkey, recovery_code
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    verified_at: Mapped[datetime] = mapped_column(default=utcnow)  # last fresh passkey (or recovery code) check
    must_add_passkey: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[Optional[datetime]] = mapped_column()
    revoked_reason: Mapped[Optional[str]] = mapped_column(String(20))
    user_agent: Mapped[Optional[str]] = mapped_column(String(255))
    ip: Mapped[Optional[str]] = mapped_column(String(45))
    account: Mapped[Account] = orm.relationship()


class SecurityEvent(Base):
    """Append-only log for admins: sign-ins, rejected passkeys, recovery codes used, sessions ended."""
    __tablename__ = "security_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    account_id: Mapped[Optional[int]] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict] = mapped_column(default=dict)
    ip: Mapped[Optional[str]] = mapped_column(String(45))


Index("ix_user_sessions_account_active", UserSession.account_id, UserSession.revoked_at)

__all__ = [
    "STAFF_ROLES", "ROLES", "as_utc", "Account", "AccountRole", "GuardianLink", "Passkey", "RecoveryCode",
    "Invitation", "WebAuthnChallenge", "UserSession", "SecurityEvent",
]
