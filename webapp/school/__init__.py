"""The school console: imports from the browser, invitations and letters, correction requests,
teacher notes, the district's early-warning thresholds and the admin audit log (issues 5 and 9).

Public API for other parts:
- `bp` (registered in `webapp._register_blueprints`), front page endpoint `school.index`
- `scope.staff_scope(session, account) -> StaffScope`: which schools an account administers
- `teaching.taught_student_ids(session, account) -> {student id}`: a teacher's students (from their SEID)
"""
from . import (  # noqa: F401  (routes)
    routes_audit, routes_corrections, routes_early_warning, routes_home, routes_imports, routes_invitations,
    routes_notes, routes_students,
)
from .blueprint import bp

__all__ = ["bp"]
