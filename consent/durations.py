"""How long a family can share: the choices on the form and the window each one gives."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .dates import end_of_day, last_day, long_date, require_aware, start_of_day
from .limits import latest_end
from .parties import Role
from .rights import eighteenth_birthday, rights_holder

FIXED_DAYS = {"one_time": 7, "days_30": 30, "days_90": 90}

DURATION_CHOICES: tuple[tuple[str, str], ...] = (
    ("one_time", "One time (7 days)"),
    ("days_30", "30 days"),
    ("days_90", "90 days"),
    ("end_of_school_year", "Until the end of the school year"),
    ("until", "Until a date you choose (at most 13 months)"),
)


@dataclass(frozen=True)
class Window:
    """When sharing starts and (exclusively) ends; `note` tells the family if the end was moved for them."""

    starts_at: datetime
    ends_at: datetime
    clipped_at_18: bool = False
    note: str | None = None


def _requested_end(choice: str, start: datetime, school_year_end: date | None, until: date | None) -> datetime:
    if choice in FIXED_DAYS:
        return start + timedelta(days=FIXED_DAYS[choice])
    if choice == "end_of_school_year":
        if school_year_end is None:
            raise ValueError("The end of the school year is not known yet; choose another length.")
        if school_year_end < start.date():
            raise ValueError("This school year has already ended; choose another length.")
        return end_of_day(school_year_end, start)
    if choice == "until":
        if until is None:
            raise ValueError("Choose the last day of sharing.")
        if until < start.date():
            raise ValueError("The last day of sharing cannot be in the past.")
        return end_of_day(until, start)
    names = ", ".join(label.lower() for _, label in DURATION_CHOICES)
    raise ValueError(f"Choose how long to share: {names}.")


def _grantor_role(value: Role | str) -> Role:
    if value not in (Role.GUARDIAN, Role.STUDENT):
        raise ValueError("Only a parent or guardian, or the student, can share a student's records.")
    return Role(value)


def grant_window(
    choice: str,
    start: datetime,
    student_birth_date: date,
    granted_by_role: Role | str,
    school_year_end: date | None,
    *,
    until: date | None = None,
    emancipated: bool = False,
) -> Window:
    """The window for a duration choice ('one_time', 'days_30', 'days_90', 'end_of_school_year', 'until').

    Refuses (ValueError, plain words) a bad choice, a window over 13 months, and a grant by someone who does
    not hold the rights on the start date; a guardian's grant is clipped to end before the 18th birthday.
    """
    require_aware(start, "start")
    role = _grantor_role(granted_by_role)
    holder = rights_holder(student_birth_date, emancipated, start.date())
    if role is Role.GUARDIAN and holder == "student":
        raise ValueError("The student is 18 or older (or emancipated), so only the student can share their records now.")
    if role is Role.STUDENT and holder == "guardian":
        raise ValueError("Until the student turns 18, a parent or guardian decides what to share.")
    ends_at = _requested_end(choice, start, school_year_end, until)
    if ends_at > latest_end(start):
        raise ValueError(f"Sharing can last at most 13 months, so it must end by {long_date(last_day(latest_end(start)))}.")
    birthday = start_of_day(eighteenth_birthday(student_birth_date), start)
    if role is Role.GUARDIAN and ends_at > birthday:
        note = (
            f"Sharing will end on {long_date(last_day(birthday))}, the day before the student turns 18. "
            "From then on the student decides what to share."
        )
        return Window(start, birthday, clipped_at_18=True, note=note)
    return Window(start, ends_at)
