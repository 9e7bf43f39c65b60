"""Property-based tests of decide(): whatever the grants and their histories, nothing leaks."""
from __future__ import annotations

from datetime import timedelta

from hypothesis import event, given, settings
from hypothesis import strategies as st

from consent import (
    CATEGORY_CODES, Changed, EndedAt18, Granted, Grantor, Revoked, Role, Viewer, decide, fold_grants, rights_holder,
    visible_categories,
)

from .strategies import RECIPIENT_ACCOUNTS, codes, grants, histories, many_histories, moments, scenarios, students

thorough = settings(max_examples=200, deadline=None)  # composite histories are slow to build, not to decide

recipient_viewers = st.sampled_from(RECIPIENT_ACCOUNTS).map(lambda a: Viewer(a, frozenset({Role.RECIPIENT})))


def fold(histories_, now):
    return list(fold_grants([event for history in histories_ for event in history], now).values())


def model_allows(history, student, account, category, now) -> bool:
    """Independent reading of one grant's history: is `category` shared with `account` at `now`?"""
    granted: Granted = history[0]
    grant = granted.grant
    if grant.student_id != student.student_id or grant.recipient.account_id != account or granted.at > now:
        return False
    categories, ends_at = grant.categories, grant.ends_at
    for event in history[1:]:
        if event.at > now:
            break
        if isinstance(event, (Revoked, EndedAt18)):
            return False
        if isinstance(event, Changed):
            categories = event.categories if event.categories is not None else categories
            ends_at = event.ends_at if event.ends_at is not None else ends_at
    if grant.granted_by.role is Role.GUARDIAN and rights_holder(student.birth_date, student.emancipated, now) == "student":
        return False
    return grant.starts_at <= now < ends_at and category in categories


@thorough
@given(students(), recipient_viewers, codes, moments)
def test_no_grant_no_access_for_recipients(student, viewer, category, now):
    decision = decide([], viewer, student, category, now)
    assert not decision.allowed and decision.grant is None and decision.basis == "none"


@thorough
@given(scenarios())
def test_decide_agrees_with_an_independent_reading_of_the_events(scenario):
    histories_, student, account, category, now = scenario
    viewer = Viewer(account, frozenset({Role.RECIPIENT}))
    decision = decide(fold(histories_, now), viewer, student, category, now)
    expected = any(model_allows(h, student, viewer.account_id, category, now) for h in histories_)
    event("allowed" if expected else "refused")
    assert decision.allowed == expected


@thorough
@given(st.data(), st.sampled_from(["revoked", "expired", "ended_at_18"]), students("s-maya"), codes)
def test_stopped_grants_never_give_access(data, ending, student, category):
    grantor = Grantor("acct-rosa", Role.GUARDIAN, "Rosa") if ending == "ended_at_18" else None
    history = data.draw(histories(grants(student_id="s-maya", recipient_account="acct-lee", grantor=grantor), ending=ending))
    now = history[-1].at + timedelta(minutes=data.draw(st.integers(min_value=0, max_value=60 * 24 * 400)))
    viewer = Viewer("acct-lee", frozenset({Role.RECIPIENT}))
    decision = decide(fold([history], now), viewer, student, category, now)
    assert not decision.allowed


def ever_granted(histories_, account, student_id) -> set[str]:
    """Every category any grant to `account` for this student ever named, at signing or in a change."""
    named: set[str] = set()
    for history in histories_:
        grant = history[0].grant
        if grant.recipient.account_id == account and grant.student_id == student_id:
            named |= grant.categories
            named |= {c for e in history if isinstance(e, Changed) and e.categories for c in e.categories}
    return named


@thorough
@given(scenarios())
def test_access_never_exceeds_the_granted_categories_or_window(scenario):
    histories_, student, account, category, now = scenario
    viewer = Viewer(account, frozenset({Role.RECIPIENT}))
    states = fold(histories_, now)
    decision = decide(states, viewer, student, category, now)
    if decision.allowed:
        state = decision.grant
        assert decision.basis == "grant"
        assert category in state.categories
        assert state.starts_at <= now < state.ends_at
        assert state.stopped_as is None
        assert state.student_id == student.student_id
        assert viewer.is_recipient_of(state.grant.recipient)
    assert visible_categories(states, viewer, student, now) <= ever_granted(histories_, viewer.account_id, student.student_id)


@thorough
@given(st.data(), students("s-maya"), codes, moments)
def test_a_grant_for_another_student_or_recipient_never_grants_access(data, student, category, now):
    other_student = data.draw(histories(grants(grant_id="a", student_id="s-luis", recipient_account="acct-lee")))
    other_recipient = data.draw(histories(grants(grant_id="b", student_id="s-maya", recipient_account="acct-kim")))
    viewer = Viewer("acct-lee", frozenset({Role.RECIPIENT}))
    assert not decide(fold([other_student, other_recipient], now), viewer, student, category, now).allowed


@thorough
@given(st.data(), students("s-maya"), codes, moments)
def test_guardian_access_ends_at_18_unless_the_student_grants_it(data, student, category, now):
    to_rosa = [
        data.draw(histories(grants(grant_id=f"g{i}", student_id="s-maya", recipient_account="acct-rosa")))
        for i in range(data.draw(st.integers(min_value=0, max_value=3)))
    ]
    rosa = Viewer("acct-rosa", frozenset({Role.GUARDIAN}), guardian_links={"s-maya": False})
    decision = decide(fold(to_rosa, now), rosa, student, category, now)
    if rights_holder(student.birth_date, student.emancipated, now) == "guardian":
        assert decision.allowed and decision.basis == "guardian-link"
    else:
        by_student = any(
            model_allows(h, student, "acct-rosa", category, now) and h[0].grant.granted_by.role is Role.STUDENT
            for h in to_rosa
        )
        assert decision.allowed == by_student
        assert decision.basis == ("grant" if by_student else "none")


@thorough
@given(many_histories(), students("s-maya"), codes, moments, st.sampled_from(RECIPIENT_ACCOUNTS))
def test_a_court_restricted_link_never_sees_anything(histories_, student, category, now, account):
    viewer = Viewer(account, frozenset({Role.GUARDIAN, Role.RECIPIENT}), guardian_links={"s-maya": True})
    decision = decide(fold(histories_, now), viewer, student, category, now)
    assert (decision.allowed, decision.basis) == (False, "none")
    assert decision.reason == "Nothing is shared with you for this student."


@thorough
@given(scenarios())
def test_visible_categories_is_exactly_the_allowed_decisions(scenario):
    histories_, student, account, _, now = scenario
    viewer = Viewer(account, frozenset({Role.RECIPIENT}))
    states = fold(histories_, now)
    allowed = {c for c in CATEGORY_CODES if decide(states, viewer, student, c, now).allowed}
    assert visible_categories(states, viewer, student, now) == allowed

