"""Who takes part in sharing: roles, recipient kinds, grantors, recipients, viewers and students."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Mapping


class Role(StrEnum):
    """What an account is to a student; one account may hold several roles."""

    GUARDIAN = "guardian"
    STUDENT = "student"
    RECIPIENT = "recipient"
    STAFF = "staff"


class RecipientKind(StrEnum):
    """The kinds of people and organisations a family can share with (DESIGN.md §1)."""

    TUTOR = "tutor"
    AFTERSCHOOL_PROGRAM = "afterschool_program"
    COLLEGE = "college"
    OTHER_ORGANISATION = "other_organisation"
    RELATIVE = "relative"

    @property
    def label(self) -> str:
        """Plain English label; the web layer translates it."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    RecipientKind.TUTOR: "Tutor",
    RecipientKind.AFTERSCHOOL_PROGRAM: "Afterschool program",
    RecipientKind.COLLEGE: "College or university",
    RecipientKind.OTHER_ORGANISATION: "Other organisation",
    RecipientKind.RELATIVE: "Relative",
}

RECIPIENT_KINDS: tuple[RecipientKind, ...] = tuple(RecipientKind)


def recipient_kind(code: str) -> RecipientKind:
    """The recipient kind for a form value; a plain-words ValueError for anything else."""
    try:
        return RecipientKind(code)
    except ValueError:
        choices = ", ".join(kind.label.lower() for kind in RECIPIENT_KINDS)
        raise ValueError(f"Choose who you are sharing with: {choices}.") from None


def _require_text(value: object, name: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} is required")


@dataclass(frozen=True)
class Grantor:
    """The person who signed a grant: a guardian while they hold the rights, the student afterwards."""

    account_id: str
    role: Role
    display_name: str

    def __post_init__(self) -> None:
        _require_text(self.account_id, "the grantor's account id")
        _require_text(self.display_name, "the grantor's name")
        if self.role not in (Role.GUARDIAN, Role.STUDENT):
            raise ValueError("only a guardian or the student can share a student's records")
        object.__setattr__(self, "role", Role(self.role))


@dataclass(frozen=True)
class Recipient:
    """Who a grant is for: an account, or an invitation not yet accepted (or both once accepted)."""

    kind: RecipientKind
    display_name: str
    account_id: str | None = None
    invitation_id: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", recipient_kind(self.kind))
        _require_text(self.display_name, "the recipient's name")
        if not (self.account_id or self.invitation_id):
            raise ValueError("a recipient needs an account id or an invitation id")


@dataclass(frozen=True)
class StudentFacts:
    """What the access rules need to know about a student, and nothing more."""

    student_id: str
    birth_date: date
    emancipated: bool
    school_id: str


@dataclass(frozen=True)
class Viewer:
    """The account asking to see a student's records, as loaded by the web layer.

    guardian_links maps student id -> court restricted; school_ids are the schools where the account is
    school or district staff; teacher_student_ids are the students in the account's own sections (teachers
    may only write teacher notes for them); own_student_id is the student record the account belongs to;
    accepted_invitation_ids are the sharing invitations this account has accepted.
    """

    account_id: str
    roles: frozenset[Role]
    guardian_links: Mapping[str, bool] = field(default_factory=dict, hash=False)
    school_ids: frozenset[str] = frozenset()
    teacher_student_ids: frozenset[str] = frozenset()
    own_student_id: str | None = None
    accepted_invitation_ids: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", frozenset(Role(r) for r in self.roles))
        object.__setattr__(self, "guardian_links", MappingProxyType(dict(self.guardian_links)))
        for name in ("school_ids", "teacher_student_ids", "accepted_invitation_ids"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))

    def is_recipient_of(self, recipient: Recipient) -> bool:
        """True when a grant made out to `recipient` is meant for this account."""
        if recipient.account_id is not None and recipient.account_id == self.account_id:
            return True
        return recipient.invitation_id is not None and recipient.invitation_id in self.accepted_invitation_ids
