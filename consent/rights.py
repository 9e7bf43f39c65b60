"""Who holds a student's FERPA rights (34 CFR 99.5): the guardian until 18 or emancipation, then the student."""
from __future__ import annotations

from datetime import date, datetime
from typing import Iterable, Literal

from .dates import add_years, require_aware
from .events import SYSTEM, EndedAt18
from .parties import Role, StudentFacts
from .state import LIVE_OR_WAITING, GrantState

AGE_OF_RIGHTS = 18

RightsHolder = Literal["guardian", "student"]


def eighteenth_birthday(birth_date: date) -> date:
    """The day rights pass; someone born on 29 February turns 18 on 28 February in a common year."""
    return add_years(birth_date, AGE_OF_RIGHTS)


def rights_holder(student_birth_date: date, emancipated: bool, on: date) -> RightsHolder:
    """'student' from the 18th birthday or once the school marks them emancipated, else 'guardian'."""
    if isinstance(on, datetime):
        on = on.date()
    if emancipated or on >= eighteenth_birthday(student_birth_date):
        return "student"
    return "guardian"


def student_holds_rights(student: StudentFacts, now: datetime) -> bool:
    """True when the student, not a guardian, decides about their records at `now`."""
    require_aware(now, "now")
    return rights_holder(student.birth_date, student.emancipated, now.date()) == "student"


def guardian_grants_ending(states: Iterable[GrantState], student: StudentFacts, at: datetime) -> list[EndedAt18]:
    """The EndedAt18 events to record at `at` for this student's guardian grants that are still live or waiting.

    Empty while the guardian holds the rights. Run on each request and by `backpack maintenance`.
    """
    if not student_holds_rights(student, at):
        return []
    return [
        EndedAt18(grant_id=state.grant_id, at=at, by=SYSTEM)
        for state in sorted(states, key=lambda s: s.grant_id)
        if state.student_id == student.student_id
        and state.grant.granted_by.role is Role.GUARDIAN
        and state.stopped_as is None
        and state.status_at(at) in LIVE_OR_WAITING
    ]
