"""The disclosure log: one entry per time someone outside the family and school saw a student's records.

Entries form a hash chain: each entry's SHA-256 covers a canonical JSON of its content and the previous
entry's hash (the first one links to 64 zeros), so changing, removing or reordering entries shows.
Removing entries from the very end leaves a shorter valid chain; keep the latest hash elsewhere to catch that.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any, Iterable, Literal

from .categories import CATEGORY_CODES
from .dates import require_aware

GENESIS = "0" * 64
ACTIONS = frozenset({"view", "export"})

ChainProblem = Literal["hash mismatch", "broken link", "sequence gap"]


@dataclass(frozen=True)
class Disclosure:
    """What was seen, by whom, under which grant: the content of a log entry before it is chained."""

    at: datetime
    viewer_account_id: str
    viewer_name: str
    student_id: str
    categories: tuple[str, ...]
    grant_id: str | None
    action: str = "view"

    def __post_init__(self) -> None:
        require_aware(self.at, "the disclosure time")
        if not (self.viewer_account_id and self.viewer_name and self.student_id):
            raise ValueError("a disclosure names the viewer (account and name) and the student")
        chosen = set(self.categories)
        if not chosen or not chosen <= set(CATEGORY_CODES):
            raise ValueError("a disclosure names one or more known categories")
        object.__setattr__(self, "categories", tuple(c for c in CATEGORY_CODES if c in chosen))
        if self.action not in ACTIONS:
            raise ValueError(f"a disclosure action is one of {', '.join(sorted(ACTIONS))}")


@dataclass(frozen=True)
class DisclosureEntry:
    """A chained log entry as stored: `hash` = SHA-256 of canonical_json(entry).

    Not validated on construction, so a tampered row loaded from the database still reaches verify_chain.
    """

    seq: int
    at: datetime
    viewer_account_id: str
    viewer_name: str
    student_id: str
    categories: tuple[str, ...]
    grant_id: str | None
    action: str
    prev_hash: str
    hash: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "categories", tuple(self.categories))


def canonical_json(entry: DisclosureEntry) -> bytes:
    """The exact bytes hashed: sorted keys, no spaces, UTF-8, time in UTC with microseconds."""
    content: dict[str, Any] = {
        "seq": entry.seq,
        "at": require_aware(entry.at, "the entry time").astimezone(timezone.utc).isoformat(timespec="microseconds"),
        "viewer_account_id": entry.viewer_account_id,
        "viewer_name": entry.viewer_name,
        "student_id": entry.student_id,
        "categories": list(entry.categories),
        "grant_id": entry.grant_id,
        "action": entry.action,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(entry: DisclosureEntry) -> str:
    return hashlib.sha256(canonical_json(entry)).hexdigest()


def append(previous: DisclosureEntry | None, disclosure: Disclosure) -> DisclosureEntry:
    """The entry that follows `previous` (None for the first entry) with this content, hashed."""
    seq, prev_hash = (1, GENESIS) if previous is None else (previous.seq + 1, previous.hash)
    content = {name: getattr(disclosure, name) for name in Disclosure.__dataclass_fields__}
    unhashed = DisclosureEntry(seq=seq, prev_hash=prev_hash, hash="", **content)
    return replace(unhashed, hash=entry_hash(unhashed))


def chain(disclosures: Iterable[Disclosure]) -> list[DisclosureEntry]:
    """Number and hash disclosures in order, from the genesis hash."""
    entries: list[DisclosureEntry] = []
    for disclosure in disclosures:
        entries.append(append(entries[-1] if entries else None, disclosure))
    return entries


@dataclass(frozen=True)
class ChainCheck:
    """The result of verify_chain: ok, or the first bad entry's seq and what is wrong with it."""

    ok: bool
    seq: int | None = None
    problem: ChainProblem | None = None
    checked: int = 0

    @property
    def message(self) -> str:
        if self.ok:
            return f"OK: {self.checked} entries, chain intact"
        return f"entry {self.seq}: {self.problem}"


def verify_chain(entries: Iterable[DisclosureEntry]) -> ChainCheck:
    """Recompute the chain in the given order and name the first entry that does not fit.

    sequence gap: seq is not one more than the entry before (or the first is not 1): entries were removed
    or reordered. broken link: prev_hash is not the previous entry's hash. hash mismatch: the entry's
    content no longer gives its hash.
    """
    previous: DisclosureEntry | None = None
    count = 0
    for entry in entries:
        expected_seq, expected_prev = (1, GENESIS) if previous is None else (previous.seq + 1, previous.hash)
        if entry.seq != expected_seq:
            return ChainCheck(False, entry.seq, "sequence gap", count)
        if entry.prev_hash != expected_prev:
            return ChainCheck(False, entry.seq, "broken link", count)
        if entry.hash != entry_hash(entry):
            return ChainCheck(False, entry.seq, "hash mismatch", count)
        previous, count = entry, count + 1
    return ChainCheck(True, checked=count)
