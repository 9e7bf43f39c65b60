"""Template helpers for the summary partials (templates/summaries/), registered on the app.

The partials are shared by the family pages, the recipient portal and the PDF export, so
they call these helpers instead of expecting each page to prepare the same values.
"""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from webapp.store.headings import category_heading
from webapp.store.serialize import code_label as stored_code_label

from . import charts, formatting, glossary, names
from .context import lang
from .levels import level_label
from .profile import PROFILE

DOMAINS = {"listening": _l("Listening"), "speaking": _l("Speaking"), "reading": _l("Reading"), "writing": _l("Writing")}


def code_label(code_set: str, code) -> str:
    """A code's plain label in the reader's language ("code X" when unknown, "" when missing)."""
    return stored_code_label(code_set, code, lang()) if code not in (None, "") else ""


def category_title(code: str) -> str:
    return category_heading(code, lang())


def days(value) -> str:
    """"1 day", "2.5 days" ("2,5 días")."""
    return formatting.ngettext("%(num)s day", "%(num)s days", value)


def domain_name(name: str) -> str:
    return str(DOMAINS.get(name, name))


def partial_for(category: str) -> str:
    """The detail partial of a category (the profile categories without one of their own share one)."""
    if category == "narratives":
        return "summaries/narratives.html"
    return f"summaries/{'profile' if category in PROFILE else category}.html"


def register(app: Flask) -> None:
    for helper in (code_label, category_title, days, domain_name, partial_for,
                   charts.attendance_chart, charts.score_chart, charts.band_legend):
        app.add_template_global(helper)
    app.add_template_global(level_label, "level_text")
    app.add_template_global(names.title, "test_title")
    app.add_template_global(glossary.terms_for, "glossary_terms")
    for name in ("number", "percent", "gpa", "school_year", "day"):
        app.add_template_filter(getattr(formatting, name), name)
