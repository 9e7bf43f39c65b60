"""The consent receipt (DESIGN.md §3) as JSON (consent.receipt), and as a page and a PDF rendered from it."""
from __future__ import annotations

from datetime import datetime

from flask import render_template
from sqlalchemy.orm import Session
from weasyprint import HTML
from weasyprint.urls import URLFetcher

import consent

from ..models import District, Student
from ..policy import GrantRecord


def receipt_for(session: Session, record: GrantRecord, student: Student, now: datetime) -> dict:
    """The receipt dict for this grant as of `now` (its version counts every event so far)."""
    district = session.get(District, student.district_id) if student.district_id else None
    if district is None and student.school is not None:
        district = student.school.district
    return consent.receipt(
        record.state, record.events,
        student_name=f"{student.display_first_name} {student.last_name}",
        district_name=district.name if district else "",
        signer_name=record.row.granted_by_name,
        now=now,
    )


def receipt_pdf(context: dict) -> bytes:
    """The receipt page as a PDF; WeasyPrint may read nothing but data: URLs (fonts come from the system)."""
    html = render_template("sharing/receipt_pdf.html", **context)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
