"""Hypothesis strategies: students, grants and their possible histories, moments around them."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from consent import (
    CATEGORY_CODES, SYSTEM, Changed, EndedAt18, Expired, Grant, Granted, Grantor, Recipient, RecipientKind, Revoked,
    Role, StudentFacts, latest_end,
)

from .factories import T0

STUDENT_IDS = ("s-maya", "s-luis")
RECIPIENT_ACCOUNTS = ("acct-lee", "acct-kim", "acct-rosa")
GRANTORS = (
    Grantor("acct-rosa", Role.GUARDIAN, "Rosa Hernández"),
    Grantor("acct-dad", Role.GUARDIAN, "Tomás Hernández"),
    Grantor("acct-maya", Role.STUDENT, "Maya Hernández"),
)

codes = st.sampled_from(CATEGORY_CODES)
code_sets = st.frozensets(codes, min_size=1, max_size=5)
minutes = st.integers(min_value=-30 * 24 * 60, max_value=420 * 24 * 60)
moments = minutes.map(lambda m: T0 + timedelta(minutes=m))


@st.composite
def students(draw, student_id=None):
    """Students aged 13 to 17 at T0: some turn 18 while grants last, and a quarter are emancipated."""
    born = draw(st.dates(min_value=date(2008, 6, 1), max_value=date(2013, 1, 1)))
    sid = student_id or draw(st.sampled_from(STUDENT_IDS))
    return StudentFacts(sid, born, draw(st.sampled_from([False, False, False, True])), "school-1")


@st.composite
def grants(draw, grant_id="g", student_id=None, recipient_account=None, grantor=None):
    starts_at = T0 + timedelta(minutes=draw(st.integers(min_value=-20 * 24 * 60, max_value=200 * 24 * 60)))
    longest = int((latest_end(starts_at) - starts_at).total_seconds() // 60)
    ends_at = starts_at + timedelta(minutes=draw(st.integers(min_value=1, max_value=longest)))
    created_at = starts_at - timedelta(minutes=draw(st.integers(min_value=0, max_value=10 * 24 * 60)))
    account = recipient_account or draw(st.sampled_from(RECIPIENT_ACCOUNTS))
    return Grant(
        grant_id=grant_id,
        student_id=student_id or draw(st.sampled_from(STUDENT_IDS)),
        granted_by=grantor or draw(st.sampled_from(GRANTORS)),
        recipient=Recipient(RecipientKind.TUTOR, "Recipient " + account, account_id=account),
        categories=draw(code_sets),
        purpose="help with math",
        starts_at=starts_at,
        ends_at=ends_at,
        may_contribute=draw(st.booleans()),
        created_at=created_at,
    )


def _between(draw, low, high):
    """A moment in [low, high) (high exclusive), at minute resolution when there is room."""
    span = int((high - low).total_seconds() // 60)
    return low + timedelta(minutes=draw(st.integers(min_value=0, max_value=max(span - 1, 0))))


@st.composite
def histories(draw, grant_strategy=None, ending=None):
    """A possible event history for one grant: granted, maybe changes, maybe one final event.

    ending: None for any, or one of "revoked", "expired", "ended_at_18" to force that final event.
    """
    grant = draw(grant_strategy if grant_strategy is not None else grants())
    events = [Granted(grant=grant, at=grant.created_at, by=grant.granted_by.account_id)]
    last, ends_at = grant.created_at, grant.ends_at
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        if last >= ends_at - timedelta(minutes=2):
            break
        at = _between(draw, last, ends_at - timedelta(minutes=1))
        change = draw(st.sampled_from(["categories", "ends_at", "may_contribute"]))
        if change == "categories":
            event = Changed(grant_id=grant.grant_id, at=at, by=grant.granted_by.account_id, categories=draw(code_sets))
        elif change == "ends_at":
            ends_at = _between(draw, max(at, grant.starts_at) + timedelta(minutes=1), latest_end(grant.starts_at))
            event = Changed(grant_id=grant.grant_id, at=at, by=grant.granted_by.account_id, ends_at=ends_at)
        else:
            event = Changed(grant_id=grant.grant_id, at=at, by=grant.granted_by.account_id, may_contribute=draw(st.booleans()))
        events.append(event)
        last = at
    kinds = ["revoked", "expired"] + (["ended_at_18"] if grant.granted_by.role is Role.GUARDIAN else [])
    final = ending or draw(st.sampled_from(kinds + ["none"]))
    if final == "expired":
        events.append(Expired(grant_id=grant.grant_id, at=_between(draw, max(last, ends_at), ends_at + timedelta(days=5)), by=SYSTEM))
    elif final in ("revoked", "ended_at_18"):
        at = _between(draw, last, ends_at)
        kind = Revoked if final == "revoked" else EndedAt18
        events.append(kind(grant_id=grant.grant_id, at=at, by=SYSTEM if kind is EndedAt18 else "acct-rosa"))
    return events


@st.composite
def many_histories(draw, min_grants=0, max_grants=4):
    count = draw(st.integers(min_value=min_grants, max_value=max_grants))
    return [draw(histories(grants(grant_id=f"g{i}"))) for i in range(count)]


@st.composite
def scenarios(draw):
    """(histories, student, viewer account, category, now), often aimed at one grant's recipient,
    student, categories and window edges, so that both answers of decide() are well exercised."""
    histories_ = draw(many_histories(min_grants=1))
    if draw(st.integers(min_value=0, max_value=4)) == 0:
        return histories_, draw(students()), draw(st.sampled_from(RECIPIENT_ACCOUNTS)), draw(codes), draw(moments)
    target = draw(st.sampled_from(histories_))[0].grant
    lead = timedelta(minutes=draw(st.integers(min_value=-2 * 24 * 60, max_value=2 * 24 * 60)))
    edge = draw(st.sampled_from([target.starts_at, target.ends_at, target.created_at]))
    inside = _between(draw, target.starts_at, target.ends_at)
    now = draw(st.sampled_from([edge + lead, edge, inside, inside]))
    category = draw(st.sampled_from(sorted(target.categories)) if draw(st.integers(0, 3)) else codes)
    return histories_, draw(students(target.student_id)), target.recipient.account_id, category, now
