"""A grant's current state, folded from its ordered events; impossible sequences are refused."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Iterable

from .dates import long_date, require_aware
from .events import Changed, EndedAt18, Expired, Granted, GrantEvent, Revoked
from .grants import Grant, check_window
from .parties import Role


class GrantStatus(StrEnum):
    """Where a grant stands at a moment; only ACTIVE lets anyone see anything."""

    ACTIVE = "active"
    SCHEDULED = "scheduled"  # signed, not started yet
    REVOKED = "revoked"
    EXPIRED = "expired"
    ENDED_AT_18 = "ended_at_18"


LIVE_OR_WAITING = frozenset({GrantStatus.ACTIVE, GrantStatus.SCHEDULED})


class ImpossibleSequence(ValueError):
    """The events of a grant cannot have happened in this order (e.g. a change after a revocation)."""


@dataclass(frozen=True)
class GrantState:
    """A grant's effective terms after its events up to `as_of`, and its status at that moment.

    `stopped_at` is when a revocation or the passing of rights at 18 took effect; a grant whose window
    passed is expired whether or not an Expired event was recorded yet.
    """

    grant: Grant
    categories: frozenset[str]
    starts_at: datetime
    ends_at: datetime
    may_contribute: bool
    status: GrantStatus
    as_of: datetime
    version: int  # how many events were folded
    stopped_at: datetime | None = None
    stopped_by: str | None = None
    stopped_as: GrantStatus | None = None  # REVOKED, EXPIRED or ENDED_AT_18 once an event says so

    @property
    def grant_id(self) -> str:
        return self.grant.grant_id

    @property
    def student_id(self) -> str:
        return self.grant.student_id

    def status_at(self, now: datetime) -> GrantStatus:
        """The status at `now`, from these terms (events after `as_of` are not known here)."""
        require_aware(now, "now")
        if self.stopped_as in (GrantStatus.REVOKED, GrantStatus.ENDED_AT_18) and now >= self.stopped_at:
            return self.stopped_as
        if now >= self.ends_at:
            return GrantStatus.EXPIRED
        if now < self.starts_at:
            return GrantStatus.SCHEDULED
        return GrantStatus.ACTIVE

    def ended_on(self) -> datetime:
        """When sharing stopped for good: the revocation or 18th-birthday time, else the window's end."""
        if self.stopped_as in (GrantStatus.REVOKED, GrantStatus.ENDED_AT_18):
            return self.stopped_at
        return self.ends_at


def _start(event: GrantEvent) -> GrantState:
    if not isinstance(event, Granted):
        raise ImpossibleSequence(f"grant {event.grant_id}: the first event must be 'granted', not {event.kind!r}")
    grant = event.grant
    state = GrantState(
        grant=grant,
        categories=grant.categories,
        starts_at=grant.starts_at,
        ends_at=grant.ends_at,
        may_contribute=grant.may_contribute,
        status=GrantStatus.SCHEDULED,
        as_of=event.at,
        version=1,
    )
    return replace(state, status=state.status_at(event.at))


def _apply(state: GrantState, event: GrantEvent) -> GrantState:
    """The state after `event`, or ImpossibleSequence saying why it cannot follow."""
    where = f"grant {state.grant_id}"
    if event.at < state.as_of:
        raise ImpossibleSequence(f"{where}: {event.kind!r} at {event.at.isoformat()} is earlier than the event before it")
    if isinstance(event, Granted):
        raise ImpossibleSequence(f"{where}: granted twice")
    if state.stopped_as is not None:
        raise ImpossibleSequence(f"{where}: {event.kind!r} after the grant was {state.stopped_as.value.replace('_', ' ')}")
    ended = event.at >= state.ends_at
    if isinstance(event, Expired):
        if not ended:
            raise ImpossibleSequence(f"{where}: expired before its end ({long_date(state.ends_at)})")
        return replace(state, stopped_as=GrantStatus.EXPIRED, stopped_at=event.at, stopped_by=event.by)
    if ended:
        raise ImpossibleSequence(f"{where}: {event.kind!r} after the grant had already expired")
    if isinstance(event, Revoked):
        return replace(state, stopped_as=GrantStatus.REVOKED, stopped_at=event.at, stopped_by=event.by)
    if isinstance(event, EndedAt18):
        if state.grant.granted_by.role is not Role.GUARDIAN:
            raise ImpossibleSequence(f"{where}: only a guardian's grant ends when the student turns 18")
        return replace(state, stopped_as=GrantStatus.ENDED_AT_18, stopped_at=event.at, stopped_by=event.by)
    assert isinstance(event, Changed)
    ends_at = state.ends_at if event.ends_at is None else event.ends_at
    if ends_at <= event.at:
        raise ImpossibleSequence(f"{where}: a change cannot move the end into the past; revoke instead")
    try:
        check_window(state.starts_at, ends_at)
    except ValueError as exc:
        raise ImpossibleSequence(f"{where}: {exc}") from None
    return replace(
        state,
        categories=state.categories if event.categories is None else event.categories,
        ends_at=ends_at,
        may_contribute=state.may_contribute if event.may_contribute is None else event.may_contribute,
    )


def _fold(events: list[GrantEvent], now: datetime) -> GrantState | None:
    """Validate every event, then return the state as of `now` (None if not granted by then)."""
    state = _start(events[0])
    as_of_now = state if state.as_of <= now else None
    for count, event in enumerate(events[1:], start=2):
        state = _apply(state, event)
        state = replace(state, as_of=event.at, version=count, status=state.status_at(event.at))
        if event.at <= now:
            as_of_now = state
    if as_of_now is None:
        return None
    return replace(as_of_now, as_of=now, status=as_of_now.status_at(now))


def grant_state(events: Iterable[GrantEvent], now: datetime) -> GrantState | None:
    """The state of one grant at `now` from its ordered events; None if it was not granted by `now`."""
    states = fold_grants(events, now)
    if len(states) > 1:
        raise ValueError("grant_state takes the events of one grant; use fold_grants for several")
    return next(iter(states.values()), None)


def fold_grants(events: Iterable[GrantEvent], now: datetime) -> dict[str, GrantState]:
    """Grant id -> state at `now`, from the events of many grants (each grant's events in order).

    Events later than `now` are still checked, but the state reflects only what had happened by `now`,
    so the same call answers "what was shared on 3 March?".
    """
    require_aware(now, "now")
    by_grant: dict[str, list[GrantEvent]] = {}
    for event in events:
        by_grant.setdefault(event.grant_id, []).append(event)
    states = {}
    for grant_id, grant_events in by_grant.items():
        state = _fold(grant_events, now)
        if state is not None:
            states[grant_id] = state
    return states
