"""Extra help and programs (SPRG), each with its dates and whether it is current."""
from __future__ import annotations

from datetime import date

from .parts import Program, Supports
from .rows import Loaded, StudentRows


def build_supports(rows: StudentRows, loaded: Loaded, as_of: date) -> Supports:
    programs = tuple(
        Program(
            academic_year=p.academic_year,
            school=loaded.school(p.school_id),
            start_date=p.start_date,
            end_date=p.end_date,
            current=p.start_date <= as_of and (p.end_date is None or p.end_date >= as_of),
            program_code=p.program_code,
            membership_code=p.membership_code,
            service_code=p.service_code,
        )
        for p in sorted(rows.programs, key=lambda p: (p.start_date, p.program_code))
    )
    return Supports(programs=programs)
