"""Basic information: names, birth date, grade, school, home language, enrollment history."""
from __future__ import annotations

from datetime import date

from .parts import Demographics, EnrollmentStay
from .rows import Loaded, StudentRows


def build_demographics(rows: StudentRows, loaded: Loaded, as_of: date) -> Demographics:
    s = rows.student
    stays = tuple(
        EnrollmentStay(
            academic_year=e.academic_year,
            school=loaded.school(e.school_id),
            start_date=e.start_date,
            exit_date=e.exit_date,
            current=e.start_date <= as_of and (e.exit_date is None or e.exit_date >= as_of),
            met_uc_csu=e.met_uc_csu,
            seal_of_biliteracy=e.seal_of_biliteracy,
            golden_state_seal=e.golden_state_seal,
            grade_level=e.grade_level,
            status_code=e.status_code,
            exit_reason=e.exit_reason,
            completion_status=e.completion_status,
        )
        for e in sorted(rows.enrollments, key=lambda e: (e.start_date, e.id))
    )
    return Demographics(
        ssid=s.ssid,
        first_name=s.first_name,
        middle_name=s.middle_name,
        last_name=s.last_name,
        preferred_first_name=s.preferred_first_name,
        display_name=f"{s.preferred_first_name or s.first_name} {s.last_name}",
        birth_date=s.birth_date,
        local_id=s.local_id,
        school=loaded.school(s.school_id),
        district=rows.district,
        enrollments=stays,
        gender=s.gender,
        grade_level=s.grade_level,
        home_language=s.home_language,
    )
