"""The typed, frozen values of one student's backpack, one class per sharing category.

Every code stays exactly as the files gave it. A code field declares its code set with
`code("set")`, so labels (`webapp.codes.label`) are added generically by the presenters
(`to_json`, the CLI) and never stored here. Histories are ordered oldest first.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Optional


def code(code_set, default=None, *, required: bool = False):
    """A field holding a raw code from `code_set` (see `webapp.codes`).

    `code_set` is a set name, or a function of the owning value that returns one.
    """
    if required:
        return field(metadata={"code_set": code_set})
    return field(default=default, metadata={"code_set": code_set})


@dataclass(frozen=True)
class SchoolRef:
    cds_code: str
    name: str


@dataclass(frozen=True)
class DistrictRef:
    cds_code: str
    name: str


# --- demographics ---------------------------------------------------------------------------

@dataclass(frozen=True)
class EnrollmentStay:
    """SENR: one stay at one school, with how it ended."""
    academic_year: str
    school: Optional[SchoolRef]
    start_date: date
    exit_date: Optional[date]
    current: bool  # no exit date, or an exit date after the as-of day
    met_uc_csu: Optional[bool]
    seal_of_biliteracy: Optional[bool]
    golden_state_seal: Optional[bool]
    grade_level: str = code("grade_level", required=True)
    status_code: Optional[str] = code("enrollment_status")
    exit_reason: Optional[str] = code("exit_reason")
    completion_status: Optional[str] = code("completion_status")


@dataclass(frozen=True)
class Demographics:
    ssid: str
    first_name: str
    middle_name: Optional[str]
    last_name: str
    preferred_first_name: Optional[str]
    display_name: str  # preferred (or legal) first name and last name
    birth_date: Optional[date]
    local_id: Optional[str]
    school: Optional[SchoolRef]
    district: Optional[DistrictRef]
    enrollments: tuple[EnrollmentStay, ...]
    gender: Optional[str] = code("gender")
    grade_level: Optional[str] = code("grade_level")
    home_language: Optional[str] = code("language")


# --- attendance -----------------------------------------------------------------------------

@dataclass(frozen=True)
class AttendanceYear:
    """STAS for one school year, summed over the schools the student attended that year.

    days_missed = expected − attended: every absence, out-of-school suspension included.
    Chronic absence means missing 10 % or more of the expected days.
    """
    academic_year: str
    schools: tuple[SchoolRef, ...]
    expected_days: Decimal
    days_attended: Decimal
    excused_absence_days: Decimal
    unexcused_absence_days: Decimal
    out_of_school_suspension_days: Decimal
    in_school_suspension_days: Decimal
    incomplete_independent_study_days: Decimal
    days_missed: Decimal
    percent_missed: Optional[Decimal]  # one decimal; None when no days were expected
    chronic_absence: bool


@dataclass(frozen=True)
class Attendance:
    years: tuple[AttendanceYear, ...]

    @property
    def latest(self) -> Optional[AttendanceYear]:
        return self.years[-1] if self.years else None


# --- behavior -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Offense:
    offense_code: str = code("offense", required=True)
    weapon_code: Optional[str] = code("weapon")


@dataclass(frozen=True)
class IncidentResult:
    duration_days: Optional[Decimal]
    result_code: str = code("incident_result", required=True)
    authority_code: Optional[str] = code("result_authority")
    modification_code: Optional[str] = code("result_modification")


@dataclass(frozen=True)
class Incident:
    """SINC with its SOFF offenses and SIRS results (or one legacy SDIS incident)."""
    academic_year: str
    school: Optional[SchoolRef]
    incident_id_local: str
    occurred_on: date
    statutory_offense: Optional[bool]
    instructional_support: Optional[bool]
    source: str  # SINC or SDIS
    offenses: tuple[Offense, ...]
    results: tuple[IncidentResult, ...]
    days: Decimal  # the sum of the results' durations
    removal_reason: Optional[str] = code("removal_reason")


@dataclass(frozen=True)
class BehaviorYear:
    academic_year: str
    incidents: int
    days: Decimal


@dataclass(frozen=True)
class Behavior:
    incidents: tuple[Incident, ...]
    years: tuple[BehaviorYear, ...]


# --- grades ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Course:
    """SCSC joined to its CRSC section (and the teacher's SDEM name when known)."""
    name: str
    local_course_id: str
    section_id: str
    teacher_seid: Optional[str]
    teacher_name: Optional[str]
    final_grade: Optional[str]  # as reported (A+, B, P, …)
    credits_attempted: Optional[Decimal]
    credits_earned: Optional[Decimal]
    uc_csu_approved: Optional[bool]
    completed: bool  # year-end completion (SCSC) rather than a fall enrollment (SCSE)
    state_course_code: str = code("course_group", required=True)
    content_area: Optional[str] = code("content_area")
    ag_code: Optional[str] = code("ag")
    instructional_level: Optional[str] = code("instructional_level")


@dataclass(frozen=True)
class Term:
    courses: tuple[Course, ...]
    term_code: str = code("term", required=True)


@dataclass(frozen=True)
class GradeYear:
    academic_year: str
    schools: tuple[SchoolRef, ...]
    terms: tuple[Term, ...]
    credits_attempted: Decimal
    credits_earned: Decimal
    cumulative_credits_earned: Decimal
    gpa: Optional[Decimal]  # A–F 4-point scale, two decimals; None without letter grades
    grade_level: Optional[str] = code("grade_level")


@dataclass(frozen=True)
class Grades:
    """Course records by year and term.

    GPA: A=4, B=3, C=2, D=1, F=0, plus and minus ignored, every letter-graded course record
    counted once; P, NP, I, W and blanks are left out.
    """
    years: tuple[GradeYear, ...]
    credits_earned: Decimal
    cumulative_gpa: Optional[Decimal]


# --- state tests ----------------------------------------------------------------------------

def level_code_set(part) -> str:
    """The level codes of a result depend on its test: 1–4 mean different things in each family."""
    if part.test.startswith("elpac"):
        return f"{part.test}_level" if part.test != "elpac_summative" else "elpac_level"
    if part.test.startswith("caa"):
        return "caa_level"
    return "sbac_level"


@dataclass(frozen=True)
class DomainLevel:
    """An ELPAC domain (listening, speaking, reading, writing) level."""
    name: str
    level: str = code("elpac_domain_level", required=True)


@dataclass(frozen=True)
class ClaimLevel:
    """A Smarter Balanced claim level (e.g. claim1 Reading), when the file reports claims."""
    name: str
    level: str = code("claim_level", required=True)


@dataclass(frozen=True)
class Score:
    """One result. `change_*` compare with the student's previous result on the same test."""
    test: str
    academic_year: str
    grade_assessed: Optional[str]
    completed_on: Optional[date]
    scale_score: Optional[int]
    standard_error: Optional[int]
    lexile_quantile: Optional[str]
    domains: tuple[DomainLevel, ...]  # ELPAC only
    claims: tuple[ClaimLevel, ...]  # Smarter Balanced, when reported
    source: str  # "file" (this year's record) or "prior" (from a later file's prior-year fields)
    previous_year: Optional[str]
    change_points: Optional[int]
    change_level: Optional[int]
    level: Optional[str] = code(level_code_set)
    oral_level: Optional[str] = code("elpac_level")  # ELPAC only
    written_level: Optional[str] = code("elpac_level")  # ELPAC only
    condition_code: Optional[str] = code("condition_code")


@dataclass(frozen=True)
class ScoreHistory:
    years: tuple[Score, ...]
    test: str = code("test", required=True)

    @property
    def latest(self) -> Optional[Score]:
        return self.years[-1] if self.years else None


@dataclass(frozen=True)
class StateTests:
    tests: tuple[ScoreHistory, ...]


# --- English learning -----------------------------------------------------------------------

@dataclass(frozen=True)
class EnglishStatusPeriod:
    """SELA: a status from its start date until the next status started (end_date None = still)."""
    academic_year: str
    start_date: date
    end_date: Optional[date]
    status_code: str = code("elas", required=True)
    primary_language: Optional[str] = code("language")
    correction_reason: Optional[str] = code("elas_correction")


@dataclass(frozen=True)
class ElpacLevel:
    academic_year: str
    test: str = code("test", required=True)
    level: Optional[str] = code(level_code_set)


@dataclass(frozen=True)
class EnglishLearning:
    """years_as_el: whole years from the first EL status to reclassification (or the as-of day)."""
    history: tuple[EnglishStatusPeriod, ...]
    current_since: Optional[date]
    el_since: Optional[date]
    years_as_el: Optional[int]
    reclassified_on: Optional[date]  # the RFEP start date
    latest_elpac: Optional[ElpacLevel]
    current_status: Optional[str] = code("elas")


# --- supports -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Program:
    """SPRG: 504 plan (101), special education (144), meals (181/182), homeless (191), GATE (127), …"""
    academic_year: str
    school: Optional[SchoolRef]
    start_date: date
    end_date: Optional[date]
    current: bool  # started on or before the as-of day and not ended before it
    program_code: str = code("program", required=True)
    membership_code: Optional[str] = code("program_membership")
    service_code: Optional[str] = code("education_service")


@dataclass(frozen=True)
class Supports:
    programs: tuple[Program, ...]


# --- readiness ------------------------------------------------------------------------------

@dataclass(frozen=True)
class AgArea:
    """UC a–g progress in one subject area: passing (A–D or P) a–g course records, in years."""
    years_done: Decimal
    years_required: int
    met: bool
    area: str = code("ag", required=True)


@dataclass(frozen=True)
class Readiness:
    """College and career readiness, for grades 9–12 only (the backpack holds None otherwise).

    Pace: after N school years of high-school grades, a student is on track with at least
    N/4 of the graduation credits and N/4 of the 15 a–g years.
    """
    ag_areas: tuple[AgArea, ...]
    ag_years_done: Decimal
    ag_years_required: int
    high_school_years: int
    credits_earned: Decimal
    credits_required: int
    credits_on_track: bool
    ag_on_track: bool
    on_track: bool


# --- teacher notes and family statements ----------------------------------------------------

@dataclass(frozen=True)
class TeacherNote:
    """A published teacher note (learner profile `narratives`); `term` is like "2024-2025/fall"."""
    term: str = code("note_term", required=True)
    text: str = ""
    author: str = ""
    published_on: Optional[date] = None


@dataclass(frozen=True)
class FamilyStatement:
    """The family's statement about a record after the school declined a correction (34 CFR 99.21).
    It travels with the record's category wherever that category is shown or disclosed."""
    category: str
    record: str  # the field the family disputed, in the words shown to them when they asked
    statement: str
    written_by: str
    written_on: date
    school_reason: Optional[str]


# --- the whole backpack ---------------------------------------------------------------------

@dataclass(frozen=True)
class Backpack:
    """One student's record, one attribute per sharing category of consent/categories.py.

    gradebook: standards-based progress; stays empty until a gradebook source file exists.
    personal_bests: filled by the learner-profile work (student-curated bests from the record).
    narratives: teacher notes, filled by the school staff notes feature.
    goals, portfolio, activities: filled by the student's own profile pages.
    badges: filled by the badges and awards feature.
    early_warning: filled by the early-warning rules in webapp/summaries.
    statements: the family's statements about records (not a category: each names the one it belongs to).
    """
    student_id: int
    public_id: str
    ssid: str
    as_of: date
    demographics: Demographics
    attendance: Attendance
    behavior: Behavior
    grades: Grades
    state_tests: StateTests
    english_learning: EnglishLearning
    supports: Supports
    readiness: Optional[Readiness]
    gradebook: tuple = ()
    personal_bests: tuple = ()
    narratives: tuple = ()
    goals: tuple = ()
    badges: tuple = ()
    portfolio: tuple = ()
    activities: tuple = ()
    early_warning: tuple = ()
    statements: tuple = ()
