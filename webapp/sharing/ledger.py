"""Writing what happens to grants: every change is a new GrantEvent row, checked by consent first.

`append_event` folds the grant's events with the new one (consent refuses impossible sequences)
before storing it; `settle` stores the events the calendar made due (rights at 18, lapsed windows)
and tells the people concerned. Both are used by requests (through `webapp.policy.access`) and by
`backpack maintenance`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import consent

from .. import notifications
from ..models import Account, GrantEvent, Student


def append_event(session: Session, record, event, *, by_account: Account | None = None,
                 evidence: dict | None = None) -> GrantEvent:
    """Store `event` (a consent event) after `record`'s events; ImpossibleSequence if it cannot follow.

    `record` is a webapp.policy.GrantRecord; `evidence` the full step-up assertion for signed events.
    """
    consent.fold_grants([*record.events, event], event.at)  # raises ImpossibleSequence
    row = GrantEvent(
        grant_id=record.row.id, seq=len(record.events) + 1, kind=event.kind, at=event.at,
        by_account_id=by_account.id if by_account is not None else None,
        payload=_payload(event), evidence=evidence,
    )
    session.add(row)
    session.flush()
    return row


def _payload(event) -> dict:
    if not isinstance(event, consent.Changed):
        return {}
    payload: dict = {}
    if event.categories is not None:
        payload["categories"] = [c for c in consent.CATEGORY_CODES if c in event.categories]
    if event.ends_at is not None:
        payload["ends_at"] = event.ends_at.isoformat()
    if event.may_contribute is not None:
        payload["may_contribute"] = event.may_contribute
    return payload


def due_events(student: Student, records: dict, now: datetime) -> list:
    """The EndedAt18 and Expired events the calendar made due for this student's grants at `now`."""
    from ..policy import facts_for

    states = [r.state for r in records.values() if r.state is not None]
    ending = consent.guardian_grants_ending(states, facts_for(student), now)
    ending_ids = {e.grant_id for e in ending}
    expired = [
        consent.Expired(grant_id=s.grant_id, at=now, by=consent.SYSTEM)
        for s in states
        if s.stopped_as is None and s.grant_id not in ending_ids and s.status_at(now) is consent.GrantStatus.EXPIRED
    ]
    return [*ending, *expired]


@dataclass(frozen=True)
class Settled:
    """What `settle` stored: how many grants ended, and whether the family was told rights passed."""

    ended: int = 0
    told: bool = False

    def __bool__(self) -> bool:
        return bool(self.ended or self.told)


def settle(session: Session, student: Student, records: dict, now: datetime) -> Settled:
    """Store due events and notices for one student, and commit. Truthy when grant events were written
    (also when another request wrote them first: the caller reloads) or the family was told rights passed."""
    from ..policy import facts_for

    events = due_events(student, records, now)
    tell = consent.student_holds_rights(facts_for(student), now) and not notifications.rights_told(session, student)
    if not events and not tell:
        return Settled()
    try:
        for event in events:
            record = records[event.grant_id]
            append_event(session, record, event)
            notifications.grant_ended(session, record.row, event.kind)
        told = tell and notifications.rights_passed(session, student)
        session.commit()
    except IntegrityError:  # a concurrent request stored the same events first
        session.rollback()
        return Settled(ended=len(events))
    return Settled(ended=len(events), told=told)
