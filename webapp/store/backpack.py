"""The one read model: a student's whole backpack, for pages, the recipient portal, exports and the CLI.

    load_backpack(session, student_id) -> Backpack
    load_backpacks(session, [ids]) -> {id: Backpack}
    find_student(session, ssid=... | public_id=...) -> Student | None
    to_json(backpack, lang="en") -> dict

Loading costs a fixed number of SQL queries (see rows.py), whatever the history length or the
number of students, so a guardian's home page with three children costs what one child costs.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Iterable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.models import Student

from .attendance import build_attendance
from .behavior import build_behavior
from .demographics import build_demographics
from .english import build_english_learning
from .grades import build_grades
from .notes import students_with_profile_rows, with_notes
from .parts import Backpack
from .portfolio import EVERY, SHOWN, with_profiles
from .readiness import DEFAULT_RULES, ReadinessRules, build_readiness
from .rows import Loaded, StudentRows, fetch
from .serialize import to_json
from .state_tests import build_state_tests
from .supports import build_supports

__all__ = ["Backpack", "ReadinessRules", "StudentNotFound", "find_student", "is_ssid", "load_backpack",
           "load_backpacks", "to_json"]

SSID = re.compile(r"[0-9]{10}")


class StudentNotFound(LookupError):
    """No student has this id."""


def load_backpack(session: Session, student_id: int, *, as_of: Optional[date] = None,
                  rules: ReadinessRules = DEFAULT_RULES, private: bool = False) -> Backpack:
    """One student's backpack; `as_of` (default today) decides what is current. `private` adds the
    portfolio rows the student keeps to themself: only for the student's own download."""
    backpacks = load_backpacks(session, [student_id], as_of=as_of, rules=rules, private=private)
    if student_id not in backpacks:
        raise StudentNotFound(f"no student with id {student_id}")
    return backpacks[student_id]


def load_backpacks(session: Session, student_ids: Iterable[int], *, as_of: Optional[date] = None,
                   rules: ReadinessRules = DEFAULT_RULES, private: bool = False) -> dict[int, Backpack]:
    """Backpacks of every known id (unknown ids are left out), in the order given."""
    ids = list(student_ids)
    if not ids:
        return {}
    loaded = fetch(session, ids)
    day = as_of or date.today()
    built = {i: _build(loaded.students[i], loaded, day, rules) for i in ids if i in loaded.students}
    return _with_learner_profile(session, built, EVERY if private else SHOWN)


def _with_learner_profile(session: Session, built: dict[int, Backpack], visibilities: tuple[str, ...]
                          ) -> dict[int, Backpack]:
    """Fill the learner profile, teacher notes and statements: one query says which students have any,
    and only those cost the seven queries that read them (most records have none)."""
    have = students_with_profile_rows(session, list(built))
    if not have:
        return built
    filled = with_notes(session, with_profiles(session, {i: built[i] for i in built if i in have}, visibilities))
    return {i: filled.get(i, backpack) for i, backpack in built.items()}


def find_student(session: Session, ssid: Optional[str] = None, public_id: Optional[str] = None) -> Optional[Student]:
    """The student with this SSID or this opaque public id (exactly one of them), or None."""
    if (ssid is None) == (public_id is None):
        raise ValueError("give exactly one of ssid or public_id")
    column, value = (Student.ssid, ssid) if ssid is not None else (Student.public_id, public_id)
    return session.scalars(select(Student).where(column == value)).one_or_none()


def is_ssid(value: str) -> bool:
    """A Statewide Student Identifier is exactly ten digits."""
    return bool(SSID.fullmatch(value))


def _build(rows: StudentRows, loaded: Loaded, as_of: date, rules: ReadinessRules) -> Backpack:
    student = rows.student
    grades = build_grades(rows, loaded)
    state_tests = build_state_tests(rows)
    return Backpack(
        student_id=student.id,
        public_id=student.public_id,
        ssid=student.ssid,
        as_of=as_of,
        demographics=build_demographics(rows, loaded, as_of),
        attendance=build_attendance(rows, loaded),
        behavior=build_behavior(rows, loaded),
        grades=grades,
        state_tests=state_tests,
        english_learning=build_english_learning(rows, state_tests, as_of),
        supports=build_supports(rows, loaded, as_of),
        readiness=build_readiness(grades, student.grade_level, rules),
    )
