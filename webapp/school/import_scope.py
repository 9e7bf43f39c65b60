"""A school admin may load only their own school's records.

CALPADS submissions are made per district, so before a school admin's upload is loaded every parsed
row is checked: the school it names must be theirs, and a score row must be about a student of their
school (the row's testing school does not decide whose record changes). Rows that cannot be parsed are
left to the importer, which rejects them with its own reasons.
"""
from __future__ import annotations

from pathlib import Path

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..importers.batch import Record
from ..importers.run import OPENERS
from ..importers.textfile import UnreadableFile
from ..models import District, ImportJob, School, Student

LINES_NAMED = 5  # per file, in the message
SSID_CHUNK = 500


def outside_school(session: Session, job: ImportJob, directory: Path) -> str | None:
    """Why this school admin's files may not be loaded, or None when every row is about their school."""
    school = session.get(School, job.school_id)
    district_cds = session.scalar(select(District.cds_code).where(District.id == school.district_id))
    problems = []
    for stored in job.files:
        lines = _foreign_lines(session, stored["kind"], directory / stored["stored"], school, district_cds)
        if lines:
            shown = ", ".join(str(n) for n in lines[:LINES_NAMED]) + (" …" if len(lines) > LINES_NAMED else "")
            problems.append(_("%(file)s, lines %(lines)s", file=stored["name"], lines=shown))
    if not problems:
        return None
    return _("Nothing was loaded. As a school admin you can load only records of %(school)s, and these files hold "
             "records of other schools or their students: %(where)s. Remove those lines, or ask the district office "
             "to load the files.", school=school.name, where="; ".join(problems))


def _foreign_lines(session: Session, kind: str, path: Path, school: School, district_cds: str) -> list[int]:
    try:
        source = OPENERS[kind](path)
    except UnreadableFile:
        return []  # the importer says why it cannot read the file
    lines = []
    by_ssid: dict[str, list[int]] = {}
    for record in source.records():
        if not isinstance(record, Record):
            continue
        values = record.values
        named_school, lea = values.get("school"), values.get("lea")
        if named_school is not None and named_school != school.cds_code:
            lines.append(record.line)
        elif named_school is None and lea != district_cds:
            lines.append(record.line)
        elif kind != "calpads" and values.get("ssid"):
            by_ssid.setdefault(values["ssid"], []).append(record.line)
    lines += _students_elsewhere(session, by_ssid, school.id)
    return sorted(lines)


def _students_elsewhere(session: Session, by_ssid: dict[str, list[int]], school_id: int) -> list[int]:
    """Lines about students whose current school is another one (unknown SSIDs are the importer's business)."""
    ssids = sorted(by_ssid)
    lines = []
    for start in range(0, len(ssids), SSID_CHUNK):
        chunk = ssids[start:start + SSID_CHUNK]
        for ssid in session.scalars(select(Student.ssid).where(Student.ssid.in_(chunk), Student.school_id != school_id)):
            lines += by_ssid[ssid]
    return lines
