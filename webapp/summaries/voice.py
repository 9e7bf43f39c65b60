"""Who is reading: the student reads "you", everyone else reads the child's first name."""
from __future__ import annotations

from dataclasses import dataclass

VIEWER_KINDS = ("guardian", "student", "recipient")


@dataclass(frozen=True)
class Voice:
    kind: str  # guardian, student or recipient
    name: str  # the child's first name (preferred name when the school has one)

    def __post_init__(self):
        if self.kind not in VIEWER_KINDS:
            raise ValueError(f"viewer kind must be one of {VIEWER_KINDS}, not {self.kind!r}")

    @property
    def is_self(self) -> bool:
        """True when the student reads about themself."""
        return self.kind == "student"

    def pick(self, you: str, them: str) -> str:
        """`you` for the student, `them` for anyone else (both already translated)."""
        return you if self.is_self else them


def voice_for(backpack, kind: str) -> Voice:
    person = backpack.demographics
    return Voice(kind=kind, name=person.preferred_first_name or person.first_name)
