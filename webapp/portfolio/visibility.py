"""Who sees a learner-profile row, on top of what policy (consent.decide) already allows.

A row is "private" (the student only), "family" (the student and their linked guardians, whenever policy
lets them see the row's category) or "shareable" (anyone policy lets see the row's category: recipients
under a live grant included). Recipients and school staff never see family rows. Policy decides the
category; this only narrows it, never widens it.
"""
from __future__ import annotations

from typing import Iterable

from webapp.policy import StudentAccess

PROFILE_CATEGORIES = ("personal_bests", "goals", "badges", "portfolio", "activities")
FAMILY_BASES = ("self", "guardian-link")


def is_self(access: StudentAccess) -> bool:
    return access.viewer.own_student_id == access.facts.student_id


def is_family(access: StudentAccess) -> bool:
    """The student, or a guardian linked to them (not court restricted)."""
    return is_self(access) or access.viewer.guardian_links.get(access.facts.student_id) is False


def allowed_category(access: StudentAccess, visibility: str, categories: Iterable[str]) -> str | None:
    """The category under which this viewer may see a row of `visibility` that belongs to `categories`
    (the family's own basis first, so a family view is not logged as a grant view), or None."""
    shown = [c for c in categories if c in access.visible]
    if not shown:
        return None
    if visibility == "private" and not is_self(access):
        return None
    if visibility == "family" and not is_family(access):
        return None
    if visibility not in ("private", "family", "shareable"):
        return None
    own = [c for c in shown if access.decisions[c].basis in FAMILY_BASES]
    return (own or shown)[0]


def audience_filter(access: StudentAccess):
    """The visibilities this viewer may see in the read model (which never holds private rows)."""
    return ("family", "shareable") if is_family(access) else ("shareable",)
