"""The consent history, the "who looked" log and earlier downloads of one student, as JSON-ready dicts.

Grants come from webapp.policy (the one place that folds grant events into their state), the
log from the hash-chained disclosure entries, downloads from ExportLog. Times are ISO strings
in UTC; ids are public ids, so an export reveals no row numbers.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from consent.categories import CATEGORY_CODES

from webapp import policy
from webapp.models import Account, DisclosureEntry, ExportLog, as_utc


def consent_history(session: Session, student_id: int, now: datetime) -> list[dict[str, Any]]:
    """Every grant of the student, oldest first, with its events and its status at `now`."""
    records = sorted(policy.grant_records(session, now, student_ids=[student_id]).values(),
                     key=lambda r: (as_utc(r.row.created_at), r.row.id))
    names = _account_names(session, {e.by for r in records for e in r.events})
    return [_grant(record, names) for record in records]


def _grant(record: policy.GrantRecord, names: dict[str, str]) -> dict[str, Any]:
    grant, state = record.grant, record.state
    return {
        "grant_id": grant.grant_id,
        "recipient_name": grant.recipient.display_name,
        "recipient_kind": str(grant.recipient.kind),
        "purpose": grant.purpose,
        "categories": _ordered(state.categories if state else grant.categories),
        "starts_at": _iso(state.starts_at if state else grant.starts_at),
        "ends_at": _iso(state.ends_at if state else grant.ends_at),
        "may_contribute": state.may_contribute if state else grant.may_contribute,
        "granted_by_name": grant.granted_by.display_name,
        "granted_by_role": str(grant.granted_by.role),
        "status": str(state.status) if state else "scheduled",
        "events": [_event(seq, event, names) for seq, event in enumerate(record.events, start=1)],
    }


def _event(seq: int, event, names: dict[str, str]) -> dict[str, Any]:
    changes = {}
    if event.kind == "changed":
        if event.categories is not None:
            changes["categories"] = _ordered(event.categories)
        if event.ends_at is not None:
            changes["ends_at"] = _iso(event.ends_at)
        if event.may_contribute is not None:
            changes["may_contribute"] = event.may_contribute
    return {
        "seq": seq,
        "kind": event.kind,
        "at": _iso(event.at),
        "by_name": names.get(event.by),  # None: the app recorded it (expiry, rights at 18)
        "signed_with_passkey": event.evidence is not None,
        "changes": changes,
    }


def disclosure_log(session: Session, student_public_id: str) -> Iterator[dict[str, Any]]:
    """Each time someone outside the family and school saw the records, with the chain's hashes."""
    rows = session.scalars(select(DisclosureEntry).where(DisclosureEntry.student_public_id == student_public_id)
                           .order_by(DisclosureEntry.seq))
    for row in rows:
        yield {
            "seq": row.seq,
            "at": _iso(row.at),
            "viewer_name": row.viewer_name,
            "viewer_id": row.viewer_account_id,
            "categories": _ordered(row.categories),
            "grant_id": row.grant_public_id,
            "action": row.action,
            "prev_hash": row.prev_hash,
            "hash": row.hash,
        }


def export_log(session: Session, student_id: int) -> Iterator[dict[str, Any]]:
    rows = session.scalars(select(ExportLog).where(ExportLog.student_id == student_id)
                           .order_by(ExportLog.created_at, ExportLog.id))
    for row in rows:
        yield {
            "export_id": row.public_id,
            "at": _iso(row.created_at),
            "by_name": row.actor_name,
            "by_role": row.actor_role,
            "format": row.format,
            "lang": row.lang,
            "categories": _ordered(row.categories),
        }


def _account_names(session: Session, public_ids: set[str]) -> dict[str, str]:
    wanted = [i for i in public_ids if i]
    if not wanted:
        return {}
    return dict(session.execute(select(Account.public_id, Account.display_name)
                                .where(Account.public_id.in_(wanted))).all())


def _ordered(codes) -> list[str]:
    chosen = set(codes)
    return [c for c in CATEGORY_CODES if c in chosen]


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else as_utc(moment).astimezone(timezone.utc).isoformat()
