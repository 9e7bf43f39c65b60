"""The official record (the "backpack"): what the school's imports certify.

Codes are stored exactly as the files give them; labels come from `webapp.codes`, so an
unknown code is kept and shown as "code X" instead of being dropped.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Optional

from sqlalchemy import Boolean, Date, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, opaque_id, utcnow

Days = Numeric(6, 2)


class District(Base):
    __tablename__ = "districts"
    id: Mapped[int] = mapped_column(primary_key=True)
    cds_code: Mapped[str] = mapped_column(String(7), unique=True)  # Reporting LEA
    name: Mapped[str] = mapped_column(String(120))
    schools: Mapped[list["School"]] = relationship(back_populates="district")


class School(Base):
    __tablename__ = "schools"
    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    cds_code: Mapped[str] = mapped_column(String(7), unique=True)  # School of Attendance
    name: Mapped[str] = mapped_column(String(120))
    district: Mapped[District] = relationship(back_populates="schools")


class Student(Base):
    __tablename__ = "students"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(24), unique=True, default=opaque_id)
    ssid: Mapped[str] = mapped_column(String(10), unique=True)
    local_id: Mapped[Optional[str]] = mapped_column(String(15))
    district_id: Mapped[Optional[int]] = mapped_column(ForeignKey("districts.id"))
    school_id: Mapped[Optional[int]] = mapped_column(ForeignKey("schools.id"), index=True)  # current school
    first_name: Mapped[str] = mapped_column(String(30))
    middle_name: Mapped[Optional[str]] = mapped_column(String(30))
    last_name: Mapped[str] = mapped_column(String(50))
    preferred_first_name: Mapped[Optional[str]] = mapped_column(String(30))
    birth_date: Mapped[Optional[date]] = mapped_column(Date)
    gender: Mapped[Optional[str]] = mapped_column(String(1))
    grade_level: Mapped[Optional[str]] = mapped_column(String(2))  # current grade (C.4 code)
    home_language: Mapped[Optional[str]] = mapped_column(String(2))  # SELA 12.15 primary language code
    hispanic: Mapped[Optional[bool]] = mapped_column(Boolean)
    race_codes: Mapped[Optional[list]] = mapped_column()
    parent_education: Mapped[Optional[str]] = mapped_column(String(2))
    birth_city: Mapped[Optional[str]] = mapped_column(String(30))
    birth_country: Mapped[Optional[str]] = mapped_column(String(2))
    address: Mapped[Optional[dict]] = mapped_column()
    guardian_names: Mapped[Optional[list]] = mapped_column()  # as reported on SINF 2.39–2.42
    us_school_entry_date: Mapped[Optional[date]] = mapped_column(Date)
    emancipated: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    school: Mapped[Optional[School]] = relationship(foreign_keys=[school_id])

    @property
    def display_first_name(self) -> str:
        return self.preferred_first_name or self.first_name


class Staff(Base):
    """SDEM: a staff member, keyed by the Statewide Educator Identifier."""
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    seid: Mapped[str] = mapped_column(String(10), unique=True)
    local_id: Mapped[Optional[str]] = mapped_column(String(10))
    first_name: Mapped[str] = mapped_column(String(30))
    last_name: Mapped[str] = mapped_column(String(50))
    employment_status: Mapped[Optional[str]] = mapped_column(String(1))


class StaffAssignment(Base):
    """SASS: a job classification at a school for a year."""
    __tablename__ = "staff_assignments"
    __table_args__ = (UniqueConstraint("staff_id", "school_id", "academic_year", "job_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    academic_year: Mapped[str] = mapped_column(String(9))
    job_code: Mapped[str] = mapped_column(String(2))
    fte_percent: Mapped[Optional[Decimal]] = mapped_column(Numeric(5, 1))


class Enrollment(Base):
    """SENR: one stay at one school; history is kept."""
    __tablename__ = "enrollments"
    __table_args__ = (UniqueConstraint("student_id", "school_id", "start_date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    academic_year: Mapped[str] = mapped_column(String(9))
    start_date: Mapped[date] = mapped_column(Date)
    status_code: Mapped[Optional[str]] = mapped_column(String(2))
    grade_level: Mapped[str] = mapped_column(String(2))
    exit_date: Mapped[Optional[date]] = mapped_column(Date)
    exit_reason: Mapped[Optional[str]] = mapped_column(String(4))
    completion_status: Mapped[Optional[str]] = mapped_column(String(3))
    met_uc_csu: Mapped[Optional[bool]] = mapped_column(Boolean)
    seal_of_biliteracy: Mapped[Optional[bool]] = mapped_column(Boolean)
    golden_state_seal: Mapped[Optional[bool]] = mapped_column(Boolean)


class ProgramParticipation(Base):
    """SPRG: programs such as 504 plans, meals, GATE, homeless, language programs."""
    __tablename__ = "program_participations"
    __table_args__ = (UniqueConstraint("student_id", "program_code", "start_date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    school_id: Mapped[Optional[int]] = mapped_column(ForeignKey("schools.id"))
    academic_year: Mapped[str] = mapped_column(String(9))
    program_code: Mapped[str] = mapped_column(String(3))
    membership_code: Mapped[Optional[str]] = mapped_column(String(1))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[Optional[date]] = mapped_column(Date)
    service_code: Mapped[Optional[str]] = mapped_column(String(2))


class EnglishStatus(Base):
    """SELA: English language acquisition status history (EO, IFEP, EL, RFEP, TBD, ADEL)."""
    __tablename__ = "english_statuses"
    __table_args__ = (UniqueConstraint("student_id", "status_code", "start_date"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    academic_year: Mapped[str] = mapped_column(String(9))
    status_code: Mapped[str] = mapped_column(String(4))
    start_date: Mapped[date] = mapped_column(Date)
    primary_language: Mapped[Optional[str]] = mapped_column(String(2))
    correction_reason: Mapped[Optional[str]] = mapped_column(String(1))


class DisciplineIncident(Base):
    """SINC (or the legacy SDIS): one incident a student was part of."""
    __tablename__ = "discipline_incidents"
    __table_args__ = (UniqueConstraint("student_id", "school_id", "incident_id_local"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    academic_year: Mapped[str] = mapped_column(String(9))
    incident_id_local: Mapped[str] = mapped_column(String(20))
    occurred_on: Mapped[date] = mapped_column(Date)
    statutory_offense: Mapped[Optional[bool]] = mapped_column(Boolean)
    instructional_support: Mapped[Optional[bool]] = mapped_column(Boolean)
    removal_reason: Mapped[Optional[str]] = mapped_column(String(1))
    source: Mapped[str] = mapped_column(String(4), default="SINC")
    offenses: Mapped[list["DisciplineOffense"]] = relationship(cascade="all, delete-orphan", lazy="raise")
    results: Mapped[list["DisciplineResult"]] = relationship(cascade="all, delete-orphan", lazy="raise")


class DisciplineOffense(Base):
    """SOFF: an offense within an incident."""
    __tablename__ = "discipline_offenses"
    __table_args__ = (UniqueConstraint("incident_id", "offense_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("discipline_incidents.id", ondelete="CASCADE"), index=True)
    offense_code: Mapped[str] = mapped_column(String(3))
    weapon_code: Mapped[Optional[str]] = mapped_column(String(2))


class DisciplineResult(Base):
    """SIRS: what the school did (suspension, expulsion, other means of correction)."""
    __tablename__ = "discipline_results"
    __table_args__ = (UniqueConstraint("incident_id", "result_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("discipline_incidents.id", ondelete="CASCADE"), index=True)
    result_code: Mapped[str] = mapped_column(String(3))
    authority_code: Mapped[Optional[str]] = mapped_column(String(2))
    duration_days: Mapped[Optional[Decimal]] = mapped_column(Days)
    modification_code: Mapped[Optional[str]] = mapped_column(String(3))


class CourseSection(Base):
    """CRSC/CRSE: a section of a course at a school in a term."""
    __tablename__ = "course_sections"
    __table_args__ = (UniqueConstraint("school_id", "academic_year", "local_course_id", "section_id", "term_code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    academic_year: Mapped[str] = mapped_column(String(9))
    state_course_code: Mapped[str] = mapped_column(String(4))
    local_course_id: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(50))
    uc_csu_approved: Mapped[Optional[bool]] = mapped_column(Boolean)
    section_id: Mapped[str] = mapped_column(String(10))
    term_code: Mapped[str] = mapped_column(String(2))
    teacher_seid: Mapped[Optional[str]] = mapped_column(String(10), index=True)
    instructional_level: Mapped[Optional[str]] = mapped_column(String(2))
    ap_ib_code: Mapped[Optional[str]] = mapped_column(String(4))


class CourseRecord(Base):
    """SCSC/SCSE: a student's enrollment in (and, at year end, completion of) a section."""
    __tablename__ = "course_records"
    __table_args__ = (UniqueConstraint("student_id", "section_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("course_sections.id"), index=True)
    credits_attempted: Mapped[Optional[Decimal]] = mapped_column(Numeric(5, 2))
    credits_earned: Mapped[Optional[Decimal]] = mapped_column(Numeric(5, 2))
    final_grade: Mapped[Optional[str]] = mapped_column(String(3))
    ag_code: Mapped[Optional[str]] = mapped_column(String(2))
    marking_period: Mapped[Optional[str]] = mapped_column(String(2))
    completed: Mapped[bool] = mapped_column(Boolean, default=False)  # SCSC (year end) vs SCSE (fall)


class AttendanceSummary(Base):
    """STAS: the year's expected days, days attended and kinds of absence."""
    __tablename__ = "attendance_summaries"
    __table_args__ = (UniqueConstraint("student_id", "school_id", "academic_year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    school_id: Mapped[int] = mapped_column(ForeignKey("schools.id"))
    academic_year: Mapped[str] = mapped_column(String(9))
    exempt: Mapped[Optional[bool]] = mapped_column(Boolean)
    hourly_school: Mapped[Optional[bool]] = mapped_column(Boolean)
    expected_days: Mapped[Decimal] = mapped_column(Days)
    days_attended: Mapped[Decimal] = mapped_column(Days)
    out_of_school_suspension_days: Mapped[Decimal] = mapped_column(Days, default=0)
    in_school_suspension_days: Mapped[Decimal] = mapped_column(Days, default=0)
    excused_absence_days: Mapped[Decimal] = mapped_column(Days, default=0)
    unexcused_absence_days: Mapped[Decimal] = mapped_column(Days, default=0)
    incomplete_independent_study_days: Mapped[Decimal] = mapped_column(Days, default=0)
    ada_independent_study_days: Mapped[Optional[Decimal]] = mapped_column(Days)


class TestResult(Base):
    """A state test result: CAASPP (Smarter Balanced, CAA, CAST) or ELPAC.

    `test` is one of: sbac_ela, sbac_math, caa_ela, caa_math, caa_science, cast, csa,
    elpac_summative, elpac_initial. ELPAC oral/written and domain levels, and Smarter Balanced
    claim levels, live in `parts` (name -> level code).
    """
    __tablename__ = "test_results"
    __table_args__ = (UniqueConstraint("student_id", "test", "academic_year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("students.id", ondelete="CASCADE"), index=True)
    test: Mapped[str] = mapped_column(String(20))
    academic_year: Mapped[str] = mapped_column(String(9))
    grade_assessed: Mapped[Optional[str]] = mapped_column(String(2))
    completed_on: Mapped[Optional[date]] = mapped_column(Date)
    scale_score: Mapped[Optional[int]] = mapped_column()
    standard_error: Mapped[Optional[int]] = mapped_column()
    level: Mapped[Optional[str]] = mapped_column(String(40))  # achievement / performance level code
    condition_code: Mapped[Optional[str]] = mapped_column(String(4))
    lexile_quantile: Mapped[Optional[str]] = mapped_column(String(6))
    parts: Mapped[Optional[dict]] = mapped_column()
    source: Mapped[str] = mapped_column(String(10), default="file")  # "file" or "prior" (from prior-year fields)


Index("ix_test_results_student_year", TestResult.student_id, TestResult.academic_year)


class ImportBatch(Base):
    """One file of one import run: who, when, what, and every rejected row."""
    __tablename__ = "import_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[str] = mapped_column(String(24), index=True, default=opaque_id)  # files imported together
    kind: Mapped[str] = mapped_column(String(10))  # calpads, caaspp, elpac
    record_type: Mapped[Optional[str]] = mapped_column(String(4))  # SENR, SINF, … for CALPADS
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    imported_by: Mapped[str] = mapped_column(String(120))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[Optional[datetime]] = mapped_column()
    status: Mapped[str] = mapped_column(String(12))  # loaded, partial, unchanged, rejected, failed
    rows_read: Mapped[int] = mapped_column(default=0)
    rows_loaded: Mapped[int] = mapped_column(default=0)
    rows_unchanged: Mapped[int] = mapped_column(default=0)
    rows_rejected: Mapped[int] = mapped_column(default=0)
    rejections: Mapped[list] = mapped_column(default=list)  # [{"line": n, "field": "...", "reason": "..."}]
    message: Mapped[Optional[str]] = mapped_column(Text)
