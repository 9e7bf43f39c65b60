from datetime import datetime

import pytest

from consent import (
    SYSTEM, Changed, EndedAt18, Expired, Granted, GrantStatus, ImpossibleSequence, Revoked, SignatureEvidence,
    fold_grants, grant_state,
)

from .factories import DAY, EVIDENCE, T0, make_grant, granted


def test_granted_grant_is_active_within_its_window_and_expired_after():
    events = [granted(make_grant())]
    assert grant_state(events, T0).status is GrantStatus.ACTIVE
    assert grant_state(events, T0 + 30 * DAY).status is GrantStatus.EXPIRED


def test_grant_that_starts_later_is_scheduled():
    grant = make_grant(starts_at=T0 + 5 * DAY, ends_at=T0 + 10 * DAY)
    state = grant_state([granted(grant)], T0 + DAY)
    assert state.status is GrantStatus.SCHEDULED
    assert state.status_at(T0 + 5 * DAY) is GrantStatus.ACTIVE


def test_change_updates_categories_end_and_contribute_flag():
    events = [
        granted(make_grant()),
        Changed(grant_id="g1", at=T0 + DAY, by="acct-rosa", categories={"attendance"}, evidence=EVIDENCE),
        Changed(grant_id="g1", at=T0 + 2 * DAY, by="acct-rosa", ends_at=T0 + 60 * DAY),
        Changed(grant_id="g1", at=T0 + 3 * DAY, by="acct-rosa", may_contribute=True),
    ]
    state = grant_state(events, T0 + 4 * DAY)
    assert (state.categories, state.ends_at, state.may_contribute) == (frozenset({"attendance"}), T0 + 60 * DAY, True)
    assert state.version == 4
    assert state.grant.categories == frozenset({"grades", "state_tests"})  # the original terms stay


def test_state_as_of_an_earlier_moment_ignores_later_events():
    events = [granted(make_grant()), Revoked(grant_id="g1", at=T0 + 3 * DAY, by="acct-rosa")]
    assert grant_state(events, T0 + DAY).status is GrantStatus.ACTIVE
    assert grant_state(events, T0 + 3 * DAY).status is GrantStatus.REVOKED
    assert grant_state(events, T0 - DAY) is None


def test_revoked_expired_and_ended_at_18_are_final():
    base = granted(make_grant())
    revoked = grant_state([base, Revoked(grant_id="g1", at=T0 + DAY, by="acct-rosa")], T0 + 2 * DAY)
    assert (revoked.status, revoked.stopped_at, revoked.stopped_by) == (GrantStatus.REVOKED, T0 + DAY, "acct-rosa")
    assert revoked.ended_on() == T0 + DAY
    expired = grant_state([base, Expired(grant_id="g1", at=T0 + 31 * DAY, by=SYSTEM)], T0 + 31 * DAY)
    assert expired.status is GrantStatus.EXPIRED and expired.ended_on() == T0 + 30 * DAY
    ended = grant_state([base, EndedAt18(grant_id="g1", at=T0 + DAY, by=SYSTEM)], T0 + DAY)
    assert ended.status is GrantStatus.ENDED_AT_18


@pytest.mark.parametrize(
    "events, message",
    [
        ([Revoked(grant_id="g1", at=T0, by="acct-rosa")], "first event must be 'granted'"),
        ([granted(make_grant()), granted(make_grant())], "granted twice"),
        (
            [granted(make_grant()), Revoked(grant_id="g1", at=T0 + DAY, by="r"), Revoked(grant_id="g1", at=T0 + 2 * DAY, by="r")],
            "'revoked' after the grant was revoked",
        ),
        (
            [granted(make_grant()), Revoked(grant_id="g1", at=T0 + DAY, by="r"), Changed(grant_id="g1", at=T0 + 2 * DAY, by="r", may_contribute=True)],
            "'changed' after the grant was revoked",
        ),
        (
            [granted(make_grant()), Expired(grant_id="g1", at=T0 + 31 * DAY, by=SYSTEM), Revoked(grant_id="g1", at=T0 + 32 * DAY, by="r")],
            "after the grant was expired",
        ),
        ([granted(make_grant()), Expired(grant_id="g1", at=T0 + DAY, by=SYSTEM)], "expired before its end"),
        ([granted(make_grant()), Revoked(grant_id="g1", at=T0 + 40 * DAY, by="r")], "already expired"),
        (
            [granted(make_grant()), Revoked(grant_id="g1", at=T0 + 2 * DAY, by="r"), EndedAt18(grant_id="g1", at=T0 + DAY, by=SYSTEM)],
            "earlier than the event before it",
        ),
        ([granted(make_grant()), Changed(grant_id="g1", at=T0 + 2 * DAY, by="r", ends_at=T0 + DAY)], "end into the past"),
        ([granted(make_grant()), Changed(grant_id="g1", at=T0 + DAY, by="r", ends_at=T0 + 500 * DAY)], "at most 13 months"),
    ],
)
def test_impossible_sequences_are_refused(events, message):
    with pytest.raises(ImpossibleSequence, match=message):
        fold_grants(events, T0 + 100 * DAY)


def test_only_a_guardian_grant_ends_at_18():
    from consent import Grantor, Role

    by_student = make_grant(granted_by=Grantor("acct-maya", Role.STUDENT, "Maya"))
    with pytest.raises(ImpossibleSequence, match="only a guardian's grant"):
        fold_grants([granted(by_student), EndedAt18(grant_id="g1", at=T0 + DAY, by=SYSTEM)], T0 + 2 * DAY)


def test_events_validate_themselves():
    with pytest.raises(ValueError, match="timezone"):
        Revoked(grant_id="g1", at=datetime(2026, 3, 1), by="r")
    with pytest.raises(ValueError, match="must change"):
        Changed(grant_id="g1", at=T0, by="r")
    with pytest.raises(ValueError, match="unknown sharing categories"):
        Changed(grant_id="g1", at=T0, by="r", categories={"nope"})
    with pytest.raises(ValueError, match="signed by the person it names"):
        Granted(grant=make_grant(), at=T0, by="acct-someone-else")
    with pytest.raises(ValueError, match="who acted"):
        Revoked(grant_id="g1", at=T0, by="")


def test_signature_evidence_needs_user_verification_and_round_trips_as_dict():
    assert SignatureEvidence.from_dict(EVIDENCE.as_dict()) == EVIDENCE
    with pytest.raises(ValueError, match="user verification"):
        SignatureEvidence("c", "a", "s", "d", user_verified=False)
    with pytest.raises(ValueError, match="credential id"):
        SignatureEvidence("", "a", "s", "d", user_verified=True)
    event = Revoked(grant_id="g1", at=T0, by="r", evidence=EVIDENCE.as_dict())
    assert event.evidence == EVIDENCE


def test_fold_many_grants_keeps_each_grants_own_history():
    a = make_grant(grant_id="a")
    b = make_grant(grant_id="b", starts_at=T0 + 2 * DAY, created_at=T0 + 2 * DAY)
    events = [granted(a), Revoked(grant_id="a", at=T0 + DAY, by="acct-rosa"), granted(b)]
    states = fold_grants(events, T0 + 3 * DAY)
    assert {k: s.status for k, s in states.items()} == {"a": GrantStatus.REVOKED, "b": GrantStatus.ACTIVE}
    assert set(fold_grants(events, T0 + DAY)) == {"a"}


def test_grant_state_is_for_one_grant():
    events = [granted(make_grant(grant_id="a")), granted(make_grant(grant_id="b"))]
    with pytest.raises(ValueError, match="one grant"):
        grant_state(events, T0)
