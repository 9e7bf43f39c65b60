"""Which family member reads a page: the student (their own record) or a guardian (a linked child).

Policy decides whether the account may see the record; this only picks the wording, and keeps
other audiences (recipients, staff) on their own pages, which log disclosures their own way.
"""
from __future__ import annotations

from webapp.policy import StudentAccess


def reader_kind(access: StudentAccess) -> str | None:
    """"student", "guardian", or None when the account reads this record in another role."""
    student = access.facts.student_id
    if access.viewer.own_student_id == student:
        return "student"
    if access.viewer.guardian_links.get(student) is False:  # linked, and not court restricted
        return "guardian"
    return None
