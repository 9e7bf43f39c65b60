"""Small helpers the export templates use to show read-model values in the reader's language."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import format_date, format_datetime

from webapp.store.headings import category_heading, field_label, word

from . import wording
from .tables import number, show


def template_helpers(lang: str) -> dict[str, Any]:
    """Functions for the templates; call inside force_locale(lang)."""
    return {
        "label": lambda field: field_label(field, lang),
        "show": lambda value: show(value, lang),
        "num": lambda value: "" if value is None else number(value),
        "day": day,
        "moment": moment,
        "yes_no": lambda value: "" if value is None else word("yes" if value else "no", lang),
        "word": lambda key: word(key, lang),
        "place": lambda value: value["name"] if value else "",
        "category_names": lambda codes: ", ".join(category_heading(code, lang) for code in codes),
        "kind_name": lambda code: wording.name_of(wording.RECIPIENT_KINDS, code),
        "status_name": lambda code: wording.name_of(wording.GRANT_STATUSES, code),
        "event_name": lambda code: wording.name_of(wording.GRANT_EVENTS, code),
        "action_name": lambda code: wording.name_of(wording.ACTIONS, code),
        "format_name": lambda code: wording.name_of(wording.FORMATS, code),
        "role_name": lambda code: wording.name_of(wording.ROLES, code),
        "part_name": lambda code: wording.name_of(wording.TEST_PARTS, code),
        "change_text": lambda changes: ", ".join(wording.name_of(wording.CHANGES, key) for key in changes),
        "course_rows": course_rows,
        "program_spans": program_spans,
    }


def day(value: str | date | datetime | None) -> str:
    """An ISO date as the reader's language writes it ("Feb 3, 2023", "3 feb 2023")."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    return format_date(value, format="medium")


def moment(value: str | datetime | None) -> str:
    """An ISO date and time, to the minute, in the reader's language and the district's time zone."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return f"{format_datetime(value, format='short')} {format_datetime(value, 'zzz')}"


def course_rows(year: dict) -> tuple[list[dict], list[dict]]:
    """A school year's course records as (terms, rows): one row per course with its grade in each term.

    Semester courses come as one record per term; side by side they read like a report card and
    the PDF has half the rows to lay out.
    """
    terms = [{"code": t["term_code"], "label": t["term_code_label"]} for t in year["terms"]]
    rows: dict[tuple, dict] = {}
    for term in year["terms"]:
        for course in term["courses"]:
            key = (course["name"], course["teacher_name"], course["ag_code"])
            row = rows.setdefault(key, {"name": course["name"], "teacher": course["teacher_name"],
                                        "ag": course["ag_code_label"], "grades": {}, "credits": 0.0})
            row["grades"][term["term_code"]] = course["final_grade"] or "—"
            row["credits"] += course["credits_earned"] or 0.0
    return terms, list(rows.values())


def program_spans(programs: list[dict]) -> list[dict]:
    """Programs with back-to-back yearly memberships joined into one span (meals every year: one row)."""
    spans: list[dict] = []
    for program in sorted(programs, key=lambda p: (p["program_code"], p["start_date"])):
        last = spans[-1] if spans else None
        if (last and last["program_code"] == program["program_code"] and last["end_date"]
                and (date.fromisoformat(program["start_date"]) - date.fromisoformat(last["end_date"])).days <= 100):
            last.update(end_date=program["end_date"], current=program["current"], years=last["years"] + 1)
        else:
            spans.append({**program, "years": 1})
    return sorted(spans, key=lambda p: p["start_date"])
