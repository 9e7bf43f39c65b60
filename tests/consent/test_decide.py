from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from consent import (
    CATEGORY_CODES, NOTHING_SHARED, SYSTEM, EndedAt18, Grantor, Recipient, RecipientKind, Revoked, Role, StudentFacts,
    Viewer, decide, decide_all, decide_contribution, fold_grants, may_share, visible_categories,
)

from .factories import DAY, LEE_VIEWER, MAYA, ROSA_VIEWER, STRANGER, T0, granted, make_grant

NOW = T0 + DAY
ADULT_MAYA = StudentFacts("s-maya", date(2008, 2, 1), False, "school-1")  # 18 before T0
MAYA_SIGNS = Grantor("acct-maya", Role.STUDENT, "Maya Hernández")


def states(*events, now=NOW):
    return list(fold_grants(events, now).values())


def test_guardian_sees_their_child_while_holding_the_rights():
    decision = decide([], ROSA_VIEWER, MAYA, "behavior", NOW)
    assert (decision.allowed, decision.basis, decision.grant) == (True, "guardian-link", None)
    assert decision.reason == "You are this student's parent or guardian."
    assert visible_categories([], ROSA_VIEWER, MAYA, NOW) == frozenset(CATEGORY_CODES)


def test_guardian_of_another_child_sees_nothing():
    other = Viewer("acct-x", {Role.GUARDIAN}, guardian_links={"s-luis": False})
    assert decide([], other, MAYA, "grades", NOW).reason == NOTHING_SHARED


def test_court_restricted_link_sees_nothing_and_learns_nothing():
    restricted = Viewer("acct-lee", {Role.GUARDIAN, Role.RECIPIENT}, guardian_links={"s-maya": True})
    grants = states(granted(make_grant()))  # even a grant made out to the same account
    decision = decide(grants, restricted, MAYA, "grades", NOW)
    stranger = decide(grants, STRANGER, MAYA, "grades", NOW)
    assert (decision.allowed, decision.reason, decision.basis) == (False, stranger.reason, "none")
    assert decision.reason == NOTHING_SHARED
    assert decide_contribution(grants, restricted, MAYA, NOW).reason == NOTHING_SHARED
    assert not may_share(restricted, MAYA, NOW).allowed


def test_guardian_needs_the_students_grant_after_18():
    decision = decide([], ROSA_VIEWER, ADULT_MAYA, "grades", NOW)
    assert not decision.allowed
    assert decision.reason == "The student is now responsible for their own records and decides what to share."
    to_mom = Recipient(RecipientKind.RELATIVE, "Rosa Hernández", account_id="acct-rosa")
    grants = states(granted(make_grant(granted_by=MAYA_SIGNS, recipient=to_mom)))
    shared = decide(grants, ROSA_VIEWER, ADULT_MAYA, "grades", NOW)
    assert (shared.allowed, shared.basis) == (True, "grant")
    assert shared.reason == "Shared by Maya Hernández until 31 March 2026 for help with math."
    assert not decide(grants, ROSA_VIEWER, ADULT_MAYA, "behavior", NOW).allowed


def test_emancipation_ends_guardian_access_too():
    emancipated = StudentFacts("s-maya", MAYA.birth_date, True, "school-1")
    assert not decide([], ROSA_VIEWER, emancipated, "grades", NOW).allowed


def test_student_sees_their_own_records_only():
    maya = Viewer("acct-maya", {Role.STUDENT}, own_student_id="s-maya")
    assert decide([], maya, MAYA, "early_warning", NOW).basis == "self"
    luis = StudentFacts("s-luis", date(2011, 1, 1), False, "school-1")
    assert decide([], maya, luis, "grades", NOW).reason == NOTHING_SHARED


def test_staff_see_students_of_their_school_and_teachers_only_write_notes():
    admin = Viewer("acct-admin", {Role.STAFF}, school_ids={"school-1"})
    assert decide([], admin, MAYA, "supports", NOW).basis == "staff-school"
    elsewhere = Viewer("acct-admin2", {Role.STAFF}, school_ids={"school-2"})
    assert not decide([], elsewhere, MAYA, "grades", NOW).allowed
    teacher = Viewer("acct-t", {Role.STAFF}, teacher_student_ids={"s-maya"})
    assert decide([], teacher, MAYA, "narratives", NOW).basis == "staff-teacher"
    assert visible_categories([], teacher, MAYA, NOW) == frozenset({"narratives"})
    other_teacher = Viewer("acct-t2", {Role.STAFF}, teacher_student_ids={"s-luis"})
    assert not decide([], other_teacher, MAYA, "narratives", NOW).allowed
    not_staff = Viewer("acct-x", {Role.RECIPIENT}, school_ids={"school-1"})
    assert not decide([], not_staff, MAYA, "grades", NOW).allowed


def test_recipient_sees_only_granted_categories_with_a_plain_reason():
    grants = states(granted(make_grant()))
    decision = decide(grants, LEE_VIEWER, MAYA, "grades", NOW)
    assert (decision.allowed, decision.basis, decision.grant.grant_id) == (True, "grant", "g1")
    assert decision.reason == "Shared by Rosa Hernández until 31 March 2026 for help with math."
    assert decide(grants, LEE_VIEWER, MAYA, "attendance", NOW).reason == "Attendance is not shared with you."
    assert visible_categories(grants, LEE_VIEWER, MAYA, NOW) == frozenset({"grades", "state_tests"})


def test_purpose_already_starting_with_for_is_not_doubled():
    grants = states(granted(make_grant(purpose="For the summer math camp")))
    assert decide(grants, LEE_VIEWER, MAYA, "grades", NOW).reason.endswith("2026 For the summer math camp.")


def test_recipient_without_a_grant_sees_nothing():
    assert decide([], LEE_VIEWER, MAYA, "grades", NOW).reason == NOTHING_SHARED
    grants = states(granted(make_grant()))
    assert decide(grants, STRANGER, MAYA, "grades", NOW).reason == NOTHING_SHARED


def test_recipient_reached_through_an_accepted_invitation():
    invited = Recipient(RecipientKind.TUTOR, "Ms. Lee", invitation_id="inv-1")
    grants = states(granted(make_grant(recipient=invited)))
    assert not decide(grants, LEE_VIEWER, MAYA, "grades", NOW).allowed
    accepted = Viewer("acct-lee", {Role.RECIPIENT}, accepted_invitation_ids={"inv-1"})
    assert decide(grants, accepted, MAYA, "grades", NOW).allowed


def test_each_ended_state_says_when_it_ended():
    grant = make_grant()
    revoked = states(granted(grant), Revoked(grant_id="g1", at=T0 + DAY, by="acct-rosa"), now=T0 + 2 * DAY)
    assert decide(revoked, LEE_VIEWER, MAYA, "grades", T0 + 2 * DAY).reason == "Sharing was stopped on 2 March 2026."
    later = T0 + 40 * DAY
    assert decide(states(granted(grant), now=later), LEE_VIEWER, MAYA, "grades", later).reason == (
        "This sharing ended on 31 March 2026."
    )
    ended = states(granted(grant), EndedAt18(grant_id="g1", at=T0 + DAY, by=SYSTEM))
    assert decide(ended, LEE_VIEWER, MAYA, "grades", NOW).reason == (
        "This sharing ended on 2 March 2026, when the student became responsible for their own records."
    )


def test_guardian_grant_stops_counting_at_18_before_the_event_is_recorded():
    grants = states(granted(make_grant()))
    decision = decide(grants, LEE_VIEWER, ADULT_MAYA, "grades", NOW)
    assert not decision.allowed
    assert decision.reason == "This sharing ended when the student became responsible for their own records."


def test_scheduled_grant_says_when_it_starts():
    grants = states(granted(make_grant(starts_at=T0 + 5 * DAY, ends_at=T0 + 9 * DAY)))
    assert decide(grants, LEE_VIEWER, MAYA, "grades", NOW).reason == "Sharing starts on 6 March 2026."
    assert decide(grants, LEE_VIEWER, MAYA, "grades", T0 + 5 * DAY).allowed


def test_the_grant_ending_last_is_the_one_used():
    grants = states(
        granted(make_grant(grant_id="short", ends_at=T0 + 7 * DAY)),
        granted(make_grant(grant_id="long", ends_at=T0 + 90 * DAY)),
    )
    assert decide(grants, LEE_VIEWER, MAYA, "grades", NOW).grant.grant_id == "long"


def test_grants_for_another_student_do_not_count():
    grants = states(granted(make_grant(student_id="s-luis")))
    assert decide(grants, LEE_VIEWER, MAYA, "grades", NOW).reason == NOTHING_SHARED


def test_decide_refuses_unknown_categories_and_naive_now():
    with pytest.raises(KeyError, match="shoe_size"):
        decide([], ROSA_VIEWER, MAYA, "shoe_size", NOW)
    with pytest.raises(ValueError, match="timezone"):
        decide([], ROSA_VIEWER, MAYA, "grades", datetime(2026, 3, 2))


def test_decide_all_gives_one_decision_per_category_in_display_order():
    decisions = decide_all(states(granted(make_grant())), LEE_VIEWER, MAYA, NOW)
    assert list(decisions) == list(CATEGORY_CODES)
    assert {code for code, d in decisions.items() if d.allowed} == {"grades", "state_tests"}


def test_contribution_needs_a_live_grant_that_allows_it():
    assert not decide_contribution(states(granted(make_grant())), LEE_VIEWER, MAYA, NOW).allowed
    assert decide_contribution(states(granted(make_grant())), LEE_VIEWER, MAYA, NOW).reason == (
        "You have not been invited to add to this learner profile."
    )
    allowed = states(granted(make_grant(may_contribute=True)))
    assert decide_contribution(allowed, LEE_VIEWER, MAYA, NOW).basis == "grant"
    assert not decide_contribution(allowed, LEE_VIEWER, MAYA, T0 + 30 * DAY).allowed
    assert decide_contribution(allowed, STRANGER, MAYA, NOW).reason == NOTHING_SHARED
    maya = Viewer("acct-maya", {Role.STUDENT}, own_student_id="s-maya")
    assert decide_contribution([], maya, MAYA, NOW).basis == "self"


def test_who_may_share_follows_the_rights():
    assert may_share(ROSA_VIEWER, MAYA, NOW).basis == "guardian-link"
    assert not may_share(ROSA_VIEWER, ADULT_MAYA, NOW).allowed
    maya = Viewer("acct-maya", {Role.STUDENT}, own_student_id="s-maya")
    assert may_share(maya, ADULT_MAYA, NOW).basis == "self"
    assert may_share(maya, MAYA, NOW).reason == "Until you turn 18, your parent or guardian decides what to share."
    assert may_share(LEE_VIEWER, MAYA, NOW).reason == NOTHING_SHARED
    second_guardian = Viewer("acct-dad", {Role.GUARDIAN}, guardian_links={"s-maya": False})
    assert may_share(second_guardian, MAYA, NOW).allowed


def test_window_edges_compare_as_instants_whatever_the_timezone():
    grants = states(granted(make_grant()))
    end_in_la = (T0 + 30 * DAY).astimezone(ZoneInfo("America/Los_Angeles"))  # 31 March, 02:00 in Los Angeles
    assert decide(grants, LEE_VIEWER, MAYA, "grades", end_in_la - timedelta(microseconds=1)).allowed
    assert not decide(grants, LEE_VIEWER, MAYA, "grades", end_in_la).allowed
    assert not decide(grants, LEE_VIEWER, MAYA, "grades", T0.astimezone(ZoneInfo("Asia/Tokyo")) - timedelta(microseconds=1)).allowed
