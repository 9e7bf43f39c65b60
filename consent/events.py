"""What happened to a grant, as immutable events; the current state is derived from them (state.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Mapping

from .dates import require_aware
from .grants import Grant, clean_categories

SYSTEM = "system"  # the `by` of events the app records on its own (expiry, rights passing at 18)


@dataclass(frozen=True)
class SignatureEvidence:
    """The passkey assertion a family confirmed a grant with: what FERPA 99.30's signature rests on.

    Hashes and signature are kept as text (base64url or hex, as the web layer stores them).
    """

    credential_id: str
    authenticator_data_sha256: str
    signature: str
    client_data_sha256: str
    user_verified: bool

    def __post_init__(self) -> None:
        for name in ("credential_id", "authenticator_data_sha256", "signature", "client_data_sha256"):
            if not getattr(self, name):
                raise ValueError(f"signature evidence needs {name.replace('_', ' ')}")
        if self.user_verified is not True:
            raise ValueError("a consent signature needs a passkey check with user verification")

    def as_dict(self) -> dict[str, Any]:
        return {
            "credential_id": self.credential_id,
            "authenticator_data_sha256": self.authenticator_data_sha256,
            "signature": self.signature,
            "client_data_sha256": self.client_data_sha256,
            "user_verified": self.user_verified,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SignatureEvidence:
        return cls(**{key: data[key] for key in cls.__dataclass_fields__})


@dataclass(frozen=True, kw_only=True)
class _Event:
    at: datetime
    by: str  # account id of the person who acted, or SYSTEM
    evidence: SignatureEvidence | None = None
    kind: ClassVar[str]

    def __post_init__(self) -> None:
        require_aware(self.at, "the event time")
        if not self.by:
            raise ValueError("an event must say who acted (an account id or 'system')")
        if self.evidence is not None and not isinstance(self.evidence, SignatureEvidence):
            object.__setattr__(self, "evidence", SignatureEvidence.from_dict(self.evidence))


@dataclass(frozen=True, kw_only=True)
class Granted(_Event):
    """A family signed a new grant."""

    grant: Grant
    kind: ClassVar[str] = "granted"

    @property
    def grant_id(self) -> str:
        return self.grant.grant_id

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.by != self.grant.granted_by.account_id:
            raise ValueError("a grant must be signed by the person it names as granting it")


@dataclass(frozen=True, kw_only=True)
class Changed(_Event):
    """A family changed what is shared, when it ends, or whether the recipient may contribute."""

    grant_id: str
    categories: frozenset[str] | None = None
    ends_at: datetime | None = None
    may_contribute: bool | None = None
    kind: ClassVar[str] = "changed"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.categories is None and self.ends_at is None and self.may_contribute is None:
            raise ValueError("a change must change the categories, the end or the contribute setting")
        if self.categories is not None:
            object.__setattr__(self, "categories", clean_categories(self.categories))
        if self.ends_at is not None:
            require_aware(self.ends_at, "the new end")


@dataclass(frozen=True, kw_only=True)
class Revoked(_Event):
    """A family stopped sharing; it takes effect at once."""

    grant_id: str
    kind: ClassVar[str] = "revoked"


@dataclass(frozen=True, kw_only=True)
class Expired(_Event):
    """The app noted that the grant's end date passed."""

    grant_id: str
    kind: ClassVar[str] = "expired"


@dataclass(frozen=True, kw_only=True)
class EndedAt18(_Event):
    """Rights passed to the student (18th birthday or emancipation), ending a guardian's grant."""

    grant_id: str
    kind: ClassVar[str] = "ended_at_18"


GrantEvent = Granted | Changed | Revoked | Expired | EndedAt18
