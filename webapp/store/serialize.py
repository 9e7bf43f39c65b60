"""A stable, JSON-ready form of a backpack, with a plain-language label next to every code.

Keys are the dataclass field names; each code field `x` is followed by `x_label` in the chosen
language. Dates are ISO strings, decimal numbers are JSON numbers (floats), histories are lists,
the profile placeholders are empty lists. Category codes are the top-level keys; `statements` holds
the family's statements about records of the included categories.
"""
from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from typing import Any, Iterable, Optional

from consent.categories import CATEGORY_CODES, category

from webapp import codes

from .headings import category_heading
from .parts import Backpack

FORMAT_VERSION = 1


def to_json(backpack: Backpack, lang: str = "en", categories: Optional[Iterable[str]] = None) -> dict:
    """The backpack (or only `categories` of it, e.g. what a grant allows) as plain JSON values."""
    wanted = CATEGORY_CODES if categories is None else tuple(category(c).code for c in categories)
    out: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "public_id": backpack.public_id,
        "as_of": backpack.as_of.isoformat(),
        "lang": lang,
        "categories": {code: category_heading(code, lang) for code in CATEGORY_CODES if code in wanted},
    }
    for code in CATEGORY_CODES:
        if code in wanted:
            out[code] = plain(getattr(backpack, code), lang)
    out["statements"] = plain(tuple(s for s in backpack.statements if s.category in wanted), lang)
    return out


def plain(value: Any, lang: str) -> Any:
    """Any part of a backpack as JSON values, code labels included."""
    if dataclasses.is_dataclass(value):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            item = getattr(value, f.name)
            out[f.name] = plain(item, lang)
            code_set = f.metadata.get("code_set")
            if code_set is not None:
                name = code_set(value) if callable(code_set) else code_set
                out[f"{f.name}_label"] = None if item is None else code_label(name, item, lang)
        return out
    if isinstance(value, (tuple, list)):
        return [plain(item, lang) for item in value]
    if isinstance(value, dict):
        return {str(k): plain(v, lang) for k, v in value.items()}
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def code_label(code_set: str, code: str, lang: str) -> str:
    """The family label of a code; a set webapp.codes does not have yet reads like an unknown code."""
    if code_set == "note_term":
        from flask_babel import force_locale

        from webapp.school import terms

        with force_locale(lang):
            return terms.label(code)
    if code_set in codes.code_sets():
        return codes.label(code_set, code, lang)
    return ("código {}" if str(lang).lower().startswith("es") else "code {}").format(str(code).strip())
