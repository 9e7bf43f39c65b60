"""Portfolio work: items, their files (stored once per content), the student's order, personal bests.

The caller commits. Storage writes happen only after every check passed (size, type, quota), so a
refused upload leaves nothing behind.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterable, Sequence

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from webapp.models import PersonalBestMark, PortfolioFile, PortfolioItem, Student

from .storage import BlobStorage
from .uploads import Checked, UploadRefused, megabytes

SWEEP_CHUNK = 500  # digests per query when sweeping unused blobs


def subject_key(subject: str) -> str:
    return " ".join(subject.split()).casefold()


def quota_used(session: Session, student_id: int) -> int:
    """Bytes this student's files take, each stored blob counted once."""
    seen: dict[str, int] = {}
    rows = session.execute(select(PortfolioFile.sha256, PortfolioFile.size, PortfolioFile.preview_sha256,
                                  PortfolioFile.preview_size).where(PortfolioFile.student_id == student_id))
    for sha, size, preview_sha, preview_size in rows:
        seen[sha] = size
        if preview_sha:
            seen[preview_sha] = preview_size or 0
    return sum(seen.values())


def check_quota(session: Session, student_id: int, files: Sequence[Checked], quota: int) -> None:
    """Refuse (before storing anything) when these files would take the student past their quota."""
    adding = sum(len(f.data) + len(f.preview or b"") for f in files)
    used = quota_used(session, student_id)
    if adding and used + adding > quota:
        raise UploadRefused(_("There is no room for these files: your portfolio can hold %(quota)s MB and "
                              "%(used)s MB are used. Remove some files first.",
                              quota=megabytes(quota), used=megabytes(used)))


def attach(session: Session, storage: BlobStorage, item: PortfolioItem, files: Iterable[Checked]) -> list[PortfolioFile]:
    """Store the blobs (deduplicated by content) and attach them to the item; the same file twice on one
    item is attached once."""
    have = set(session.scalars(select(PortfolioFile.sha256).where(PortfolioFile.item_id == item.id)))
    added = []
    for checked in files:
        digest = storage.put(checked.data)
        if digest in have:
            continue
        preview = storage.put(checked.preview) if checked.preview else None
        row = PortfolioFile(item_id=item.id, student_id=item.student_id, kind=checked.kind,
                            media_type=checked.media_type, name=checked.name, sha256=digest, size=len(checked.data),
                            preview_sha256=preview, preview_size=len(checked.preview) if checked.preview else None,
                            width=checked.width, height=checked.height)
        session.add(row)
        have.add(digest)
        added.append(row)
    session.flush()
    return added


def create(session: Session, student: Student, values: dict) -> PortfolioItem:
    """A new item, placed first in the student's order."""
    first = session.scalar(select(func.min(PortfolioItem.position)).where(PortfolioItem.student_id == student.id))
    item = PortfolioItem(student_id=student.id, position=(first - 1) if first is not None else 0,
                         **{k: values[k] for k in ("title", "subject", "standard_code", "made_on", "reflection",
                                                   "link_url", "visibility")})
    session.add(item)
    session.flush()
    return item


def update_item(session: Session, item: PortfolioItem, values: dict, now: datetime | None = None) -> None:
    old_key = subject_key(item.subject)
    for key in ("title", "subject", "standard_code", "made_on", "reflection", "link_url", "visibility"):
        setattr(item, key, values[key])
    if subject_key(item.subject) != old_key and current_mark(session, item) is not None:
        # The best moves with the item to its new subject; the old subject's history stays as it was.
        set_personal_best(session, item, False, now)
        set_personal_best(session, item, True, now)
    session.flush()


def current_mark(session: Session, item: PortfolioItem) -> PersonalBestMark | None:
    return session.scalars(select(PersonalBestMark).where(
        PersonalBestMark.item_id == item.id, PersonalBestMark.until.is_(None))).first()


def set_personal_best(session: Session, item: PortfolioItem, on: bool, now: datetime | None = None) -> None:
    """Make the item the current best in its subject (the previous best moves to the history), or stop it
    being the best. Marks are closed, never deleted, so the history stays."""
    now = now or datetime.now(timezone.utc)
    key = subject_key(item.subject)
    if on:
        if current_mark(session, item) is not None and current_mark(session, item).subject_key == key:
            return
        session.execute(update(PersonalBestMark).where(
            PersonalBestMark.student_id == item.student_id, PersonalBestMark.until.is_(None),
            (PersonalBestMark.subject_key == key) | (PersonalBestMark.item_id == item.id),
        ).values(until=now))
        session.add(PersonalBestMark(student_id=item.student_id, item_id=item.id, subject_key=key,
                                     subject=" ".join(item.subject.split()), since=now))
    else:
        session.execute(update(PersonalBestMark).where(
            PersonalBestMark.item_id == item.id, PersonalBestMark.until.is_(None)).values(until=now))
    session.flush()


def move(session: Session, item: PortfolioItem, direction: str) -> None:
    """Swap the item with its neighbour ("up": earlier in the list, "down": later)."""
    items = list(session.scalars(select(PortfolioItem).where(PortfolioItem.student_id == item.student_id)
                                 .order_by(PortfolioItem.position, PortfolioItem.id.desc())))
    index = next(i for i, row in enumerate(items) if row.id == item.id)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, row in enumerate(items):
        row.position = position
    session.flush()


def delete_file(session: Session, row: PortfolioFile) -> list[str]:
    """Remove one file row; returns the blobs to `collect` once the transaction has committed."""
    digests = [d for d in (row.sha256, row.preview_sha256) if d]
    session.delete(row)
    session.flush()
    return digests


def delete_item(session: Session, item: PortfolioItem) -> list[str]:
    """Remove the item, its personal-best marks and its files; returns the blobs to `collect` after commit."""
    files = list(session.scalars(select(PortfolioFile).where(PortfolioFile.item_id == item.id)))
    digests = [d for f in files for d in (f.sha256, f.preview_sha256) if d]
    session.execute(PersonalBestMark.__table__.delete().where(PersonalBestMark.item_id == item.id))
    for row in files:
        session.delete(row)
    session.flush()
    session.delete(item)
    session.flush()
    return digests


def collect(session: Session, storage: BlobStorage, digests: list[str]) -> None:
    """Delete blobs no file row names any more (blobs are shared across items and students). Called after
    the commit, so a rolled-back delete never loses a blob still in use."""
    if not digests:
        return
    for digest in set(digests) - _named(session, digests):
        storage.delete(digest)


def sweep(session: Session, storage: BlobStorage, written_before: datetime) -> int:
    """Delete blobs no file row names that were written before `written_before`: left behind when a server
    stopped between an upload's write and its commit, or between a delete's commit and `collect`. Newer
    blobs may belong to an upload still in progress, so they wait for a later sweep. Returns how many went."""
    waiting = sorted(storage.written_before(written_before.timestamp()))
    removed = 0
    for start in range(0, len(waiting), SWEEP_CHUNK):
        chunk = waiting[start:start + SWEEP_CHUNK]
        for digest in set(chunk) - _named(session, chunk):
            storage.delete(digest)
            removed += 1
    return removed


def _named(session: Session, digests: list[str]) -> set[str]:
    """Which of these blobs a file row still names, as its file or its preview."""
    used = set(session.scalars(select(PortfolioFile.sha256).where(PortfolioFile.sha256.in_(digests))))
    return used | set(session.scalars(select(PortfolioFile.preview_sha256).where(
        PortfolioFile.preview_sha256.in_(digests))))
