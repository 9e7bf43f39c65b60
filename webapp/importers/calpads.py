"""CALPADS upload files: caret-delimited, no header, one record per line (CALPADS.md section A).

The record type in field 1 says what a file holds. Each record type has its field list
(`calpads_layouts`), the field counts its documented versions use, a parser that turns a
line into values, and a loader step that writes those values through the shared loader.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Callable, Iterator

from flask_babel import gettext as _

from ..models import (
    AttendanceSummary, CourseRecord, CourseSection, DisciplineIncident, DisciplineOffense, DisciplineResult,
    EnglishStatus, Enrollment, ProgramParticipation, Staff, StaffAssignment, Student,
)
from . import calpads_layouts as layouts
from .batch import Batch, Record, Rejected
from .fields import RowReader
from .loader import Loader
from .textfile import UnreadableFile, first_line, read_lines

DELIMITER = "^"
ZERO = Decimal(0)
ENROLLMENT_KEY = ("student_id", "school_id", "start_date")
SECTION_KEY = ("school_id", "academic_year", "local_course_id", "section_id", "term_code")
INCIDENT_KEY = ("student_id", "school_id", "incident_id_local")


@dataclass(frozen=True)
class RecordType:
    code: str
    file_no: int | None  # CFS file number; None for legacy SDIS
    fields: list[str]
    counts: tuple[int, ...]  # every documented field count
    parse: Callable[[RowReader], dict]
    key: Callable[[dict], tuple]
    load: Callable[[Loader, Batch, "RecordType"], None]
    deletable: bool = True  # whether transaction type D is accepted
    key_is_a_table_key: bool = True  # False: repeats must be found by keeping the file's keys (SDIS)

    def label(self, index: int) -> str:
        name = self.fields[index] if index < len(self.fields) else "?"
        if self.file_no is None:
            return f"{index + 1} {name}"
        return f"{self.file_no}.{index + 1:02d} {name}"


# -- parsers: field n of the layout is index n-1 ---------------------------------------------

def _student_header(r: RowReader, ssid: int = 6) -> dict:
    return {"lea": r.cds(3), "school": r.cds(4), "year": r.school_year(5), "ssid": r.ssid(ssid)}


def _parse_senr(r: RowReader) -> dict:
    school, nps = r.cds(4), r.cds(5, required=False)
    return {
        "lea": r.cds(3), "school": nps if school == "0000001" and nps else school, "year": r.school_year(6),
        "ssid": r.ssid(7), "local_id": r.text(8, 15), "first_name": r.text(9, 30, required=True),
        "middle_name": r.text(10, 30), "last_name": r.text(11, 50, required=True), "birth_date": r.date(16),
        "gender": r.code(17, 1, "gender"), "birth_city": r.text(18, 30), "birth_country": r.text(20, 2),
        "start_date": r.date(21, required=True), "status_code": r.code(22, 2, "enrollment_status"),
        "grade_level": r.code(23, 2, "grade_level", required=True), "exit_date": r.date(24),
        "exit_reason": r.code(25, 4, "exit_reason"), "completion_status": r.code(26, 3, "completion_status"),
        "met_uc_csu": r.yes_no(28), "golden_state_seal": r.yes_no(31), "seal_of_biliteracy": r.yes_no(32),
    }


def _parse_sinf(r: RowReader) -> dict:
    values = {
        "lea": r.cds(5), "school": r.cds(6), "year": r.school_year(7), "ssid": r.ssid(8),
        "local_id": r.text(9, 15), "first_name": r.text(10, 30, required=True), "middle_name": r.text(11, 30),
        "last_name": r.text(12, 50, required=True), "birth_date": r.date(17), "gender": r.code(18, 1, "gender"),
        "birth_city": r.text(19, 30), "birth_country": r.text(21, 2), "hispanic": r.yes_no(22),
        "race_codes": [code for i in range(24, 29) if (code := r.text(i, 3))] or None,
        "address": _address(r, range(30, 35)), "us_school_entry_date": r.date(35),
        "parent_education": r.code(37, 2, "parent_education"),
        "guardian_names": [
            {"first": first, "last": last}
            for first, last in ((r.text(38, 30), r.text(39, 50)), (r.text(40, 30), r.text(41, 50)))
            if first or last
        ] or None,
    }
    if len(r.values) > 42:
        values["preferred_first_name"] = r.text(42, 30)
        mailing = _address(r, range(44, 49))
        if mailing:
            values["address"] = {**(values["address"] or {}), "mailing": mailing}
    return values


def _address(r: RowReader, indexes: range) -> dict | None:
    limits = (60, 60, 30, 6, 10)
    parts = {name: r.text(i, limit) for name, i, limit in zip(("line1", "line2", "city", "state", "zip"), indexes, limits)}
    return {k: v for k, v in parts.items() if v} or None


def _parse_sprg(r: RowReader) -> dict:
    return {
        **_student_header(r), "program_code": r.code(12, 3, "program", required=True, key=True),
        "membership_code": r.code(13, 1, "program_membership"), "start_date": r.date(14, required=True),
        "end_date": r.date(15), "service_code": r.code(17, 2),
    }


def _parse_sela(r: RowReader) -> dict:
    return {
        **_student_header(r), "status_code": r.code(12, 4, "elas", required=True, key=True),
        "start_date": r.date(13, required=True), "primary_language": r.code(14, 2),
        "correction_reason": r.code(15, 1, "elas_correction"),
    }


def _parse_stas(r: RowReader) -> dict:
    exempt = r.yes_no(12)
    counted = not exempt

    def days(i: int, required: bool = False) -> Decimal:
        value = r.number(i, required=required and counted)
        return ZERO if value is None else value

    return {
        **_student_header(r), "exempt": exempt, "hourly_school": r.yes_no(13),
        "expected_days": days(14, required=True), "days_attended": days(15, required=True),
        "out_of_school_suspension_days": days(16), "in_school_suspension_days": days(17),
        "excused_absence_days": days(18), "unexcused_absence_days": days(19),
        "incomplete_independent_study_days": days(20),
        "ada_independent_study_days": r.number(21) if len(r.values) > 21 else None,
    }


def _parse_crsc(r: RowReader) -> dict:
    return {
        "lea": r.cds(3), "school": r.cds(4), "year": r.school_year(5),
        "state_course_code": r.code(6, 4, "course_group", required=True),
        "local_course_id": r.text(7, 10, required=True), "name": r.text(8, 50, required=True),
        "uc_csu_approved": r.yes_no(12), "section_id": r.text(13, 10, required=True),
        "term_code": r.code(14, 2, "term", required=True), "teacher_seid": r.text(15, 10),
        "instructional_level": r.code(18, 2), "ap_ib_code": r.code(31, 4),
    }


def _parse_scsc(r: RowReader) -> dict:
    return {
        **_student_header(r), "local_course_id": r.text(12, 10, required=True),
        "section_id": r.text(13, 10, required=True), "term_code": r.code(14, 2, "term", required=True),
        "credits_attempted": r.number(15, digits=3), "credits_earned": r.number(16, digits=3),
        "final_grade": r.text(17, 3), "ag_code": r.code(18, 2, "ag"), "marking_period": r.code(19, 2),
    }


def _parse_sinc(r: RowReader) -> dict:
    return {
        **_student_header(r), "incident_id_local": r.text(12, 20, required=True),
        "occurred_on": r.date(13, required=True), "statutory_offense": r.yes_no(14),
        "instructional_support": r.yes_no(15), "removal_reason": r.code(16, 1),
    }


def _parse_sirs(r: RowReader) -> dict:
    return {
        **_student_header(r), "incident_id_local": r.text(12, 20, required=True),
        "result_code": r.code(13, 3, "incident_result", required=True), "authority_code": r.code(14, 2),
        "duration_days": r.number(15), "modification_code": r.code(16, 3),
    }


def _parse_soff(r: RowReader) -> dict:
    return {
        **_student_header(r), "incident_id_local": r.text(12, 20, required=True),
        "offense_code": r.code(13, 3, "offense", required=True, key=True), "weapon_code": r.code(14, 2, "weapon"),
    }


def _parse_sdis(r: RowReader) -> dict:
    return {
        **_student_header(r), "incident_id_local": r.text(12, 20, required=True),
        "occurred_on": r.date(13, required=True), "offense_code": r.code(14, 3, "offense", required=True, key=True),
        "weapon_code": r.code(16, 2, "weapon"), "result_code": r.code(17, 3, "incident_result"),
        "authority_code": r.code(18, 2), "duration_days": r.number(19), "instructional_support": r.yes_no(20),
        "modification_code": r.code(21, 3), "removal_reason": r.code(22, 1),
    }


def _parse_sdem(r: RowReader) -> dict:
    return {
        "lea": r.cds(5), "year": r.school_year(6), "seid": r.text(7, 10, required=True), "local_id": r.text(8, 10),
        "first_name": r.text(9, 30, required=True), "last_name": r.text(11, 50, required=True),
        "employment_status": r.code(26, 1),
    }


def _parse_sass(r: RowReader) -> dict:
    return {
        "lea": r.cds(3), "school": r.cds(4), "year": r.school_year(5), "seid": r.text(6, 10, required=True),
        "job_code": r.code(12, 2, required=True), "fte_percent": r.number(13, digits=4, decimals=1),
    }


# -- loader steps ----------------------------------------------------------------------------

def _school(loader: Loader, v: dict) -> int:
    return loader.school_id(v["lea"], v["school"])


def _known_students(loader: Loader, batch: Batch, rt: RecordType, ssid_index: int = 6) -> dict[str, int]:
    """Student ids by SSID; rows for students not on file are rejected."""
    ids = loader.student_ids(r.values["ssid"] for r in batch.live())
    for record in batch.live():
        if record.values["ssid"] not in ids:
            batch.reject(record, rt.label(ssid_index), _(
                "SSID %(ssid)s is not on file; load the SINF or SENR file that lists this student first",
                ssid=record.values["ssid"]))
    return ids


def _write(loader: Loader, batch: Batch, table, key: tuple[str, ...],
           rows: list[tuple[Record, dict]], *, unique: bool = True, **options) -> None:
    """Upsert the rows for normal records and delete the ones marked D, recording each outcome.

    `unique`: each row's key occurs once per file (true when the record key maps one to one
    onto the table's key, since duplicate record keys are rejected before loading)."""
    keep = [(record, row) for record, row in rows if not record.delete]
    gone = [(record, row) for record, row in rows if record.delete]
    if keep:
        batch.mark([r for r, _row in keep], loader.upsert(
            table.__table__, key, [row for _r, row in keep], step=table.__tablename__, unique_in_file=unique,
            **options))
    if gone:
        keys = [tuple(row[c] for c in key) for _r, row in gone]
        batch.mark([r for r, _row in gone], loader.delete(table.__table__, key, keys))


STUDENT_COLUMNS = ("local_id", "first_name", "middle_name", "last_name", "birth_date", "gender", "birth_city",
                   "birth_country")


def _student_row(loader: Loader, v: dict, extra: tuple[str, ...] = ()) -> dict:
    return {
        "ssid": v["ssid"], **{c: v[c] for c in STUDENT_COLUMNS + extra if c in v},
        "district_id": loader.district_id(v["lea"]), "school_id": _school(loader, v),
    }


def _load_sinf(loader: Loader, batch: Batch, rt: RecordType) -> None:
    extra = ("hispanic", "race_codes", "address", "us_school_entry_date", "parent_education", "guardian_names",
             "preferred_first_name")
    rows = [(r, _student_row(loader, r.values, extra)) for r in batch.live()]
    _write(loader, batch, Student, ("ssid",), rows, insert_only=("district_id", "school_id"))


def _load_senr(loader: Loader, batch: Batch, rt: RecordType) -> None:
    adding = [r for r in batch.live() if not r.delete]
    students = [{**_student_row(loader, r.values), "grade_level": r.values["grade_level"]} for r in adding]
    # SINF is the student information file; SENR only fills in what it knows.
    batch.mark(adding, loader.upsert(Student.__table__, ("ssid",), students, blank_keeps_value=True,
                                     insert_only=("district_id", "school_id", "grade_level")))
    ids = loader.student_ids(r.values["ssid"] for r in batch.live())
    rows = []
    for record in batch.live():
        v = record.values
        if v["ssid"] not in ids:  # a D row for a student we never had: nothing to delete
            batch.mark([record], ["unchanged"])
            continue
        rows.append((record, {
            "student_id": ids[v["ssid"]], "school_id": _school(loader, v), "start_date": v["start_date"],
            "academic_year": v["year"], "status_code": v["status_code"], "grade_level": v["grade_level"],
            **{c: v[c] for c in ("exit_date", "exit_reason", "completion_status", "met_uc_csu",
                                 "seal_of_biliteracy", "golden_state_seal")},
        }))
    _write(loader, batch, Enrollment, ENROLLMENT_KEY, rows)


def _simple_student_child(table, key: tuple[str, ...], columns: tuple[str, ...], with_school: bool = True,
                          ssid_index: int = 6, **options):
    """Loader step for files that add one row per record to one student-owned table."""
    def load(loader: Loader, batch: Batch, rt: RecordType) -> None:
        ids = _known_students(loader, batch, rt, ssid_index)
        rows = []
        for record in batch.live():
            v = record.values
            row = {"student_id": ids[v["ssid"]], "academic_year": v["year"], **{c: v[c] for c in columns}}
            if with_school:
                row["school_id"] = _school(loader, v)
            rows.append((record, row))
        _write(loader, batch, table, key, rows, **options)
    return load


def _load_crsc(loader: Loader, batch: Batch, rt: RecordType) -> None:
    columns = ("state_course_code", "local_course_id", "name", "uc_csu_approved", "section_id", "term_code",
               "teacher_seid", "instructional_level", "ap_ib_code")
    rows = [(r, {"school_id": _school(loader, r.values), "academic_year": r.values["year"],
                 **{c: r.values[c] for c in columns}}) for r in batch.live()]
    _write(loader, batch, CourseSection, SECTION_KEY, rows)


def _section_key(loader: Loader, v: dict) -> tuple:
    return (_school(loader, v), v["year"], v["local_course_id"], v["section_id"], v["term_code"])


def _load_scsc(loader: Loader, batch: Batch, rt: RecordType) -> None:
    ids = _known_students(loader, batch, rt)
    sections = loader.ids(CourseSection.__table__, SECTION_KEY, {_section_key(loader, r.values) for r in batch.live()})
    rows = []
    for record in batch.live():
        v = record.values
        section = sections.get(_section_key(loader, v))
        if section is None:
            batch.reject(record, rt.label(13), _(
                "no course section %(section)s for course %(course)s, term %(term)s, %(year)s at school %(school)s; "
                "load the CRSC file that lists it first", section=v["section_id"], course=v["local_course_id"],
                term=v["term_code"], year=v["year"], school=v["school"]))
            continue
        rows.append((record, {
            "student_id": ids[v["ssid"]], "section_id": section, "completed": rt.code == "SCSC",
            **{c: v[c] for c in ("credits_attempted", "credits_earned", "final_grade", "ag_code", "marking_period")},
        }))
    # A fall SCSE file never undoes a year-end SCSC completion.
    _write(loader, batch, CourseRecord, ("student_id", "section_id"), rows,
           insert_only=("completed",) if rt.code == "SCSE" else ())


def _incident_key(loader: Loader, ids: dict[str, int], v: dict) -> tuple:
    return (ids[v["ssid"]], _school(loader, v), v["incident_id_local"])


def _known_incidents(loader: Loader, batch: Batch, rt: RecordType) -> dict[tuple, int]:
    """Incident ids for SIRS/SOFF records; records whose SINC incident is not on file are rejected."""
    ids = _known_students(loader, batch, rt)
    incidents = loader.ids(DisciplineIncident.__table__, INCIDENT_KEY,
                           {_incident_key(loader, ids, r.values) for r in batch.live()})
    found = {}
    for record in batch.live():
        key = _incident_key(loader, ids, record.values)
        if key in incidents:
            found[record.line] = incidents[key]
        else:
            batch.reject(record, rt.label(12), _(
                "no incident %(incident)s for this student at school %(school)s; load the SINC file first",
                incident=record.values["incident_id_local"], school=record.values["school"]))
    return found


def _load_sirs(loader: Loader, batch: Batch, rt: RecordType) -> None:
    incidents = _known_incidents(loader, batch, rt)
    rows = [(r, {"incident_id": incidents[r.line], **{c: r.values[c] for c in (
        "result_code", "authority_code", "duration_days", "modification_code")}}) for r in batch.live()]
    _write(loader, batch, DisciplineResult, ("incident_id", "result_code"), rows)


def _load_soff(loader: Loader, batch: Batch, rt: RecordType) -> None:
    incidents = _known_incidents(loader, batch, rt)
    rows = [(r, {"incident_id": incidents[r.line], "offense_code": r.values["offense_code"],
                 "weapon_code": r.values["weapon_code"]}) for r in batch.live()]
    _write(loader, batch, DisciplineOffense, ("incident_id", "offense_code"), rows)


def _load_sdis(loader: Loader, batch: Batch, rt: RecordType) -> None:
    """Legacy SDIS: one record per offense and action, mapped to incident, offense and result rows."""
    ids = _known_students(loader, batch, rt)
    live = batch.live()
    incident_rows = [{
        "student_id": ids[r.values["ssid"]], "school_id": _school(loader, r.values),
        "incident_id_local": r.values["incident_id_local"], "academic_year": r.values["year"],
        "occurred_on": r.values["occurred_on"], "statutory_offense": None,
        "instructional_support": r.values["instructional_support"], "removal_reason": r.values["removal_reason"],
        "source": "SDIS",
    } for r in live]
    batch.mark(live, loader.upsert(DisciplineIncident.__table__, INCIDENT_KEY, incident_rows, step="incidents"))
    incidents = loader.ids(DisciplineIncident.__table__, INCIDENT_KEY,
                           {_incident_key(loader, ids, r.values) for r in live})
    offenses = [(r, {"incident_id": incidents[_incident_key(loader, ids, r.values)],
                     "offense_code": r.values["offense_code"], "weapon_code": r.values["weapon_code"]}) for r in live]
    _write(loader, batch, DisciplineOffense, ("incident_id", "offense_code"), offenses, unique=False)
    results = [(r, {"incident_id": incidents[_incident_key(loader, ids, r.values)], **{c: r.values[c] for c in (
        "result_code", "authority_code", "duration_days", "modification_code")}}) for r in live if r.values["result_code"]]
    _write(loader, batch, DisciplineResult, ("incident_id", "result_code"), results, unique=False)


def _load_sdem(loader: Loader, batch: Batch, rt: RecordType) -> None:
    rows = [(r, {c: r.values[c] for c in ("seid", "local_id", "first_name", "last_name", "employment_status")})
            for r in batch.live()]
    _write(loader, batch, Staff, ("seid",), rows)


def _load_sass(loader: Loader, batch: Batch, rt: RecordType) -> None:
    staff = loader.ids(Staff.__table__, ("seid",), {(r.values["seid"],) for r in batch.live()})
    rows = []
    for record in batch.live():
        v = record.values
        if (v["seid"],) not in staff:
            batch.reject(record, rt.label(6), _("SEID %(seid)s is not on file; load the SDEM file first", seid=v["seid"]))
            continue
        rows.append((record, {"staff_id": staff[(v["seid"],)], "school_id": _school(loader, v),
                              "academic_year": v["year"], "job_code": v["job_code"], "fte_percent": v["fte_percent"]}))
    _write(loader, batch, StaffAssignment, ("staff_id", "school_id", "academic_year", "job_code"), rows)


def _k(*names: str) -> Callable[[dict], tuple]:
    """The record's key within its file: these values, as a tuple."""
    return itemgetter(*names) if len(names) > 1 else (lambda v: (v[names[0]],))


_STUDENT_SCHOOL = ("ssid", "school")
RECORD_TYPES: dict[str, RecordType] = {rt.code: rt for rt in (
    RecordType("SINF", 2, layouts.SINF, (42, 50), _parse_sinf, _k("ssid"), _load_sinf, deletable=False),
    RecordType("SENR", 1, layouts.SENR, (39,), _parse_senr, _k("ssid", "school", "start_date"), _load_senr),
    RecordType("SDEM", 7, layouts.SDEM, (31,), _parse_sdem, _k("seid"), _load_sdem, deletable=False),
    RecordType("SASS", 8, layouts.SASS, (21,), _parse_sass, _k("seid", "school", "year", "job_code"), _load_sass),
    *(RecordType(code, 9, layouts.CRSC, (36,), _parse_crsc,
                 _k("school", "year", "local_course_id", "section_id", "term_code"), _load_crsc, deletable=False)
      for code in ("CRSE", "CRSC")),
    RecordType("SPRG", 3, layouts.SPRG, (26,), _parse_sprg, _k("ssid", "program_code", "start_date"),
               _simple_student_child(ProgramParticipation, ("student_id", "program_code", "start_date"),
                                     ("program_code", "membership_code", "start_date", "end_date", "service_code"))),
    RecordType("SELA", 12, layouts.SELA, (15, 16), _parse_sela, _k("ssid", "status_code", "start_date"),
               _simple_student_child(EnglishStatus, ("student_id", "status_code", "start_date"),
                                     ("status_code", "start_date", "primary_language", "correction_reason"),
                                     with_school=False)),
    RecordType("STAS", 13, layouts.STAS, (21, 23), _parse_stas, _k(*_STUDENT_SCHOOL, "year"),
               _simple_student_child(AttendanceSummary, ("student_id", "school_id", "academic_year"), (
                   "exempt", "hourly_school", "expected_days", "days_attended", "out_of_school_suspension_days",
                   "in_school_suspension_days", "excused_absence_days", "unexcused_absence_days",
                   "incomplete_independent_study_days", "ada_independent_study_days"))),
    *(RecordType(code, 10, layouts.SCSC, (20,), _parse_scsc,
                 _k(*_STUDENT_SCHOOL, "year", "local_course_id", "section_id", "term_code"), _load_scsc)
      for code in ("SCSE", "SCSC")),
    RecordType("SINC", 18, layouts.SINC, (17,), _parse_sinc, _k(*_STUDENT_SCHOOL, "incident_id_local"),
               _simple_student_child(DisciplineIncident, INCIDENT_KEY, (
                   "incident_id_local", "occurred_on", "statutory_offense", "instructional_support",
                   "removal_reason"))),
    RecordType("SIRS", 19, layouts.SIRS, (17,), _parse_sirs, _k(*_STUDENT_SCHOOL, "incident_id_local", "result_code"),
               _load_sirs),
    RecordType("SOFF", 20, layouts.SOFF, (15,), _parse_soff, _k(*_STUDENT_SCHOOL, "incident_id_local", "offense_code"),
               _load_soff),
    RecordType("SDIS", None, layouts.SDIS, (23,), _parse_sdis,
               _k(*_STUDENT_SCHOOL, "incident_id_local", "offense_code", "result_code"), _load_sdis, deletable=False,
               key_is_a_table_key=False),
)}
# Files load in this order so every record finds what it refers to.
LOAD_ORDER = ("SINF", "SENR", "SDEM", "SASS", "CRSE", "CRSC", "SPRG", "SELA", "STAS", "SCSE", "SCSC",
              "SINC", "SIRS", "SOFF", "SDIS")
assert set(LOAD_ORDER) == set(RECORD_TYPES)


class CalpadsFile:
    """One CALPADS file, read line by line."""

    kind = "calpads"

    def __init__(self, path: Path):
        self.path = path
        self.record_type = RECORD_TYPES[_detect(path)]
        self.code = self.record_type.code
        self.keeps_keys = not self.record_type.key_is_a_table_key
        self.unknown_codes: dict[tuple[str, str], int] = {}

    @property
    def order(self) -> int:
        return LOAD_ORDER.index(self.code)

    def records(self) -> Iterator[Record | Rejected]:
        for line in read_lines(self.path):
            if line.problem:
                yield Rejected(line.number, [(_("line"), line.problem)])
                continue
            yield self._parse(line.number, line.text.split(DELIMITER))

    def _parse(self, number: int, fields: list[str]) -> Record | Rejected:
        rt = self.record_type
        if len(fields) not in rt.counts and fields[-1].strip() == "" and len(fields) - 1 in rt.counts:
            fields = fields[:-1]  # a trailing delimiter
        if len(fields) not in rt.counts:
            return Rejected(number, [(_("record"), _(
                "has %(count)s fields; a %(type)s record has %(expected)s",
                count=len(fields), type=rt.code, expected=_either(rt.counts)))])
        reader = RowReader(fields, rt.label)
        if fields[0].strip().upper() != rt.code:
            reader.fail(0, _("“%(value)s” records do not belong in a %(type)s file; a file holds one record type",
                             value=reader.raw(0), type=rt.code))
        transaction = fields[1].strip().upper()
        if transaction and transaction not in ("D", "R"):
            reader.fail(1, _("“%(value)s” should be blank, D (delete) or R (replace)", value=reader.raw(1)))
        elif transaction == "D" and not rt.deletable:
            reader.fail(1, _("%(type)s records cannot be deleted by an import (transaction type D)", type=rt.code))
        values = rt.parse(reader)
        if reader.unknown_codes:
            for noted in reader.unknown_codes:
                self.unknown_codes[noted] = self.unknown_codes.get(noted, 0) + 1
        if reader.errors:
            return Rejected(number, reader.errors)
        return Record(number, values, rt.key(values), delete=transaction == "D")

    def load(self, loader: Loader, batch: Batch) -> None:
        self.record_type.load(loader, batch, self.record_type)


def _either(counts: tuple[int, ...]) -> str:
    if len(counts) == 1:
        return str(counts[0])
    return _("%(first)s or %(second)s", first=counts[0], second=counts[1])


def _detect(path: Path) -> str:
    """The record type of the file, from field 1 of its first line."""
    line = first_line(path)
    if line is None:
        raise UnreadableFile(_("The file is empty."))
    first = line.text.split(DELIMITER)[0].strip().upper()
    if first in RECORD_TYPES:
        return first
    if DELIMITER not in line.text:
        raise UnreadableFile(_("The first line has no ^ delimiters, so this is not a CALPADS file."))
    if first.replace(" ", "") in ("RECORDTYPE", "ASSESSMENTTYPE"):
        raise UnreadableFile(_("This looks like a CAASPP or ELPAC score file; import it as caaspp or elpac."))
    raise UnreadableFile(_(
        "The first record starts with “%(value)s”, which is not a CALPADS record type we load (%(types)s).",
        value=first[:20], types=", ".join(LOAD_ORDER)))
