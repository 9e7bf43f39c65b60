"""Guardian invitations from a contacts CSV (SSID, guardian name, relationship, email, preferred
language): read and check every row first, so the preview can show every problem before anything
is created; creating re-checks the same text.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..auth.invitations import create_invitation
from ..models import Account, Invitation, Student
from .scope import StaffScope

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
SSID = re.compile(r"^\d{10}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
COLUMNS = {  # our name -> header spellings we accept (compared in lower case, "_" as a space)
    "ssid": ("ssid", "student ssid", "statewide student id"),
    "name": ("guardian name", "name", "parent name", "guardian"),
    "relationship": ("relationship", "relation"),
    "email": ("email", "e-mail", "email address"),
    "language": ("preferred language", "language", "lang"),
}
LANGUAGE_WORDS = {
    "": "en", "en": "en", "english": "en", "inglés": "en", "ingles": "en",
    "es": "es", "spanish": "es", "español": "es", "espanol": "es",
}


@dataclass
class BulkRow:
    line: int
    ssid: str
    name: str
    relationship: str
    email: str
    language: str
    student: Student | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class BulkPreview:
    rows: list[BulkRow]
    problems: list[str]  # about the whole file

    @property
    def valid(self) -> list[BulkRow]:
        return [] if self.problems else [row for row in self.rows if not row.errors]

    @property
    def error_count(self) -> int:
        return len(self.problems) + sum(len(row.errors) for row in self.rows)


def decode(raw: bytes) -> str:
    """The file's text: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def preview(session: Session, scope: StaffScope, text: str, now: datetime) -> BulkPreview:
    """Every row with every problem found; nothing is written."""
    if not text.strip():
        return BulkPreview([], [_("The file is empty.")])
    lines = text.splitlines()
    delimiter = max((",", ";", "\t"), key=lines[0].count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [_header_name(cell) for cell in next(reader)]
    positions = {ours: header.index(ours) for ours in COLUMNS if ours in header}
    missing = [ours for ours in ("ssid", "name") if ours not in positions]
    if missing:
        return BulkPreview([], [_("The first line must name the columns. Missing: %(columns)s. Expected: SSID, guardian "
                                  "name, relationship, email, preferred language.", columns=", ".join(missing))])
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            return BulkPreview(rows, [_("The file has more than %(max)s families; split it into smaller files.",
                                        max=MAX_ROWS)])
        value = lambda ours: cells[positions[ours]].strip() if ours in positions and positions[ours] < len(cells) else ""  # noqa: E731
        rows.append(BulkRow(reader.line_num, value("ssid"), value("name"), value("relationship"), value("email"),
                            value("language")))
    if not rows:
        return BulkPreview([], [_("The file has column names but no families.")])
    _check(session, scope, rows, now)
    return BulkPreview(rows, [])


def create(session: Session, account: Account, rows: list[BulkRow]) -> list[tuple[Invitation, str]]:
    """Create an invitation for each (checked) row; the caller commits."""
    return [create_invitation(session, role="guardian", student=row.student, name=row.name, email=row.email or None,
                              relationship=row.relationship or None, language=row.language, created_by=account)
            for row in rows]


def _header_name(cell: str) -> str:
    spelled = " ".join(cell.strip().lower().replace("_", " ").split())
    return next((ours for ours, names in COLUMNS.items() if spelled in names), spelled)


def _check(session: Session, scope: StaffScope, rows: list[BulkRow], now: datetime) -> None:
    students = _students(session, scope, {row.ssid for row in rows if SSID.match(row.ssid)})
    already = _open_invitations(session, [s.id for s in students.values()], now)
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        if not SSID.match(row.ssid):
            row.errors.append(_("SSID: “%(value)s” is not a 10-digit SSID.", value=row.ssid))
        else:
            row.student = students.get(row.ssid)
            if row.student is None:
                row.errors.append(_("SSID: no student with SSID %(ssid)s at your school.", ssid=row.ssid))
        if not row.name:
            row.errors.append(_("Guardian name: missing."))
        elif len(row.name) > 120:
            row.errors.append(_("Guardian name: longer than 120 characters."))
        if len(row.relationship) > 40:
            row.errors.append(_("Relationship: longer than 40 characters."))
        if row.email and (len(row.email) > 254 or not EMAIL.match(row.email)):
            row.errors.append(_("Email: “%(value)s” is not an email address.", value=row.email))
        language = LANGUAGE_WORDS.get(row.language.lower())
        if language is None:
            row.errors.append(_("Preferred language: “%(value)s” is not English or Spanish.", value=row.language))
        else:
            row.language = language
        key = (row.ssid, row.name.casefold())
        if row.name and key in seen:
            row.errors.append(_("Same student and guardian as line %(line)s.", line=seen[key]))
        seen.setdefault(key, row.line)
        if row.student is not None and (row.student.id, row.name.casefold()) in already:
            row.errors.append(_("This guardian already has an open invitation for this student. Cancel it first to "
                                "send a new one."))


def _students(session: Session, scope: StaffScope, ssids: set[str]) -> dict[str, Student]:
    found: dict[str, Student] = {}
    ordered = sorted(ssids)
    for start in range(0, len(ordered), 500):
        query = select(Student).where(Student.ssid.in_(ordered[start:start + 500]), scope.school_filter(Student.school_id))
        found |= {student.ssid: student for student in session.scalars(query)}
    return found


def _open_invitations(session: Session, student_ids: list[int], now: datetime) -> set[tuple[int, str]]:
    taken: set[tuple[int, str]] = set()
    for start in range(0, len(student_ids), 500):
        rows = session.execute(select(Invitation.student_id, Invitation.name).where(
            Invitation.student_id.in_(student_ids[start:start + 500]), Invitation.role == "guardian",
            Invitation.used_at.is_(None), Invitation.revoked_at.is_(None), Invitation.expires_at > now))
        taken |= {(student_id, (name or "").casefold()) for student_id, name in rows}
    return taken

