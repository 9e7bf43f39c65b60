"""The one access decision: may this viewer see this category of this student's records now, and why.

Every page that shows student data asks here; no blueprint decides on its own. Reasons are plain English
(the web layer translates them) and never reveal a student to someone who may not know of them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from .categories import CATEGORY_CODES, category as category_info
from .dates import last_day, long_date, require_aware
from .parties import Role, StudentFacts, Viewer
from .rights import student_holds_rights
from .state import LIVE_OR_WAITING, GrantState, GrantStatus

TEACHER_CATEGORIES = frozenset({"narratives"})  # teachers only write teacher notes for their own students

NOTHING_SHARED = "Nothing is shared with you for this student."
RIGHTS_PASSED = "the student became responsible for their own records"
STUDENT_NOW_DECIDES = "The student is now responsible for their own records and decides what to share."


@dataclass(frozen=True)
class Decision:
    """allowed, a reason in plain words, the grant access rests on (None unless allowed by a grant),
    and the basis: 'guardian-link', 'self', 'staff-school', 'staff-teacher', 'grant' or 'none'."""

    allowed: bool
    reason: str
    grant: GrantState | None
    basis: str


def _deny(reason: str = NOTHING_SHARED) -> Decision:
    return Decision(False, reason, None, "none")


def _status(state: GrantState, student_decides: bool, now: datetime) -> GrantStatus:
    """The grant's status at `now`, counting a guardian's grant as ended once the student holds the rights,
    even before the EndedAt18 event is recorded."""
    status = state.status_at(now)
    if status in LIVE_OR_WAITING and student_decides and state.grant.granted_by.role is Role.GUARDIAN:
        return GrantStatus.ENDED_AT_18
    return status


def _purpose_phrase(purpose: str) -> str:
    return purpose if purpose.lower().startswith("for ") else f"for {purpose}"


def _shared_reason(state: GrantState) -> str:
    name = state.grant.granted_by.display_name
    return f"Shared by {name} until {long_date(last_day(state.ends_at))} {_purpose_phrase(state.grant.purpose)}."


def _ended_reason(state: GrantState, status: GrantStatus) -> str:
    if status is GrantStatus.REVOKED:
        return f"Sharing was stopped on {long_date(state.stopped_at)}."
    if status is GrantStatus.ENDED_AT_18:
        if state.stopped_as is GrantStatus.ENDED_AT_18:
            return f"This sharing ended on {long_date(state.stopped_at)}, when {RIGHTS_PASSED}."
        return f"This sharing ended when {RIGHTS_PASSED}."
    return f"This sharing ended on {long_date(last_day(state.ends_at))}."


def _by_grant(grants: list[GrantState], student_decides: bool, code: str, now: datetime) -> Decision | None:
    """Allow through a live grant covering `code`, or explain the grant that comes closest; None if none."""
    statuses = [(state, _status(state, student_decides, now)) for state in grants]
    live = [state for state, status in statuses if status is GrantStatus.ACTIVE]
    covering = [state for state in live if code in state.categories]
    if covering:
        used = max(covering, key=lambda s: (s.ends_at, s.grant_id))
        return Decision(True, _shared_reason(used), used, "grant")
    if live:
        return _deny(f"{category_info(code).label} is not shared with you.")
    waiting = [s for s, status in statuses if status is GrantStatus.SCHEDULED and code in s.categories]
    if waiting:
        first = min(waiting, key=lambda s: (s.starts_at, s.grant_id))
        return _deny(f"Sharing starts on {long_date(first.starts_at)}.")
    ended = [(s, status) for s, status in statuses if status not in LIVE_OR_WAITING]
    if ended:
        state, status = max(ended, key=lambda pair: (pair[0].ended_on(), pair[0].grant_id))
        return _deny(_ended_reason(state, status))
    return None


def _grants_for(grants: Iterable[GrantState], viewer: Viewer, student: StudentFacts) -> list[GrantState]:
    return [g for g in grants if g.student_id == student.student_id and viewer.is_recipient_of(g.grant.recipient)]


def decide(grants: Iterable[GrantState], viewer: Viewer, student: StudentFacts, category: str, now: datetime) -> Decision:
    """May `viewer` see `category` of `student`'s records at `now`?

    Court-restricted guardian link: nothing, with the same words a stranger gets. The student: their own
    records. A guardian: while they hold the rights (under 18, not emancipated). Staff: students of their
    schools; teachers: teacher notes of their own students. Anyone else, and a guardian after the rights
    passed: only through a live grant for this student, made out to them, covering the category at `now`.
    """
    require_aware(now, "now")
    code = category_info(category).code
    if viewer.guardian_links.get(student.student_id) is True:  # court restricted: as if unknown
        return _deny()
    if Role.STUDENT in viewer.roles and viewer.own_student_id == student.student_id:
        return Decision(True, "These are your own records.", None, "self")
    linked = Role.GUARDIAN in viewer.roles and student.student_id in viewer.guardian_links
    student_decides = student_holds_rights(student, now)
    if linked and not student_decides:
        return Decision(True, "You are this student's parent or guardian.", None, "guardian-link")
    if Role.STAFF in viewer.roles:
        if student.school_id in viewer.school_ids:
            return Decision(True, "You work at this student's school.", None, "staff-school")
        if student.student_id in viewer.teacher_student_ids and code in TEACHER_CATEGORIES:
            return Decision(True, "You teach this student.", None, "staff-teacher")
    by_grant = _by_grant(_grants_for(grants, viewer, student), student_decides, code, now)
    if by_grant is not None:
        return by_grant
    return _deny(STUDENT_NOW_DECIDES if linked else NOTHING_SHARED)


def decide_all(grants: Iterable[GrantState], viewer: Viewer, student: StudentFacts, now: datetime) -> dict[str, Decision]:
    """decide() for every category, in the categories' display order, for rendering one page."""
    relevant = [g for g in grants if g.student_id == student.student_id]
    return {code: decide(relevant, viewer, student, code, now) for code in CATEGORY_CODES}


def visible_categories(grants: Iterable[GrantState], viewer: Viewer, student: StudentFacts, now: datetime) -> frozenset[str]:
    """The category codes `viewer` may see for `student` at `now`."""
    return frozenset(code for code, d in decide_all(grants, viewer, student, now).items() if d.allowed)


def decide_contribution(grants: Iterable[GrantState], viewer: Viewer, student: StudentFacts, now: datetime) -> Decision:
    """May `viewer` add to `student`'s learner profile at `now`? The student may; a recipient only
    through a live grant that allows contributing."""
    require_aware(now, "now")
    if Role.STUDENT in viewer.roles and viewer.own_student_id == student.student_id:
        return Decision(True, "This is your own learner profile.", None, "self")
    if viewer.guardian_links.get(student.student_id) is True:
        return _deny()
    mine = _grants_for(grants, viewer, student)
    student_decides = student_holds_rights(student, now)
    live = [g for g in mine if _status(g, student_decides, now) is GrantStatus.ACTIVE and g.may_contribute]
    if not live:
        return _deny("You have not been invited to add to this learner profile." if mine else NOTHING_SHARED)
    used = max(live, key=lambda s: (s.ends_at, s.grant_id))
    return Decision(True, _shared_reason(used), used, "grant")


def may_share(viewer: Viewer, student: StudentFacts, now: datetime) -> Decision:
    """May `viewer` create, change or revoke grants for `student`? Whoever holds the rights: any linked,
    unrestricted guardian while the student is a minor, then the student."""
    require_aware(now, "now")
    adult = student_holds_rights(student, now)
    if Role.STUDENT in viewer.roles and viewer.own_student_id == student.student_id:
        if adult:
            return Decision(True, "You decide who sees your records.", None, "self")
        return _deny("Until you turn 18, your parent or guardian decides what to share.")
    if Role.GUARDIAN in viewer.roles and viewer.guardian_links.get(student.student_id) is False:
        if adult:
            return _deny(STUDENT_NOW_DECIDES)
        return Decision(True, "You are this student's parent or guardian.", None, "guardian-link")
    return _deny()
