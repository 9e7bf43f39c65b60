"""Any category of the read model's JSON (store.to_json) as labelled rows, so the recipient's pages
show every field with its plain label and every code by its label, in the reader's language."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import format_decimal, gettext as _

from ..store.headings import field_label
from ..sharing.labels import lang, long_day

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PLACE_KEYS = {"cds_code", "name"}  # a school or district reference


@dataclass(frozen=True)
class Row:
    """One labelled value: `text`, or `items` (a list of nested rows, e.g. each course of a term)."""

    label: str
    text: str | None = None
    items: list = field(default_factory=list)


def rows(value: dict) -> list[Row]:
    """The fields of one record, codes replaced by their labels, in the read model's order."""
    out = []
    for key, item in value.items():
        if key.endswith("_label"):
            continue
        label = field_label(key, lang())
        if f"{key}_label" in value:
            out.append(Row(label, text(value[f"{key}_label"]) if item is not None else text(None)))
        elif isinstance(item, list) and item and all(isinstance(x, dict) for x in item):
            out.append(Row(label, items=[rows(x) if not _is_place(x) else [Row(_("Name"), _place(x))] for x in item]))
        else:
            out.append(Row(label, text(item)))
    return out


def text(value: Any) -> str:
    """A single value as the reader should see it."""
    if value is None:
        return _("Not reported")
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (int, float)):
        return format_decimal(value)
    if isinstance(value, str) and ISO_DATE.match(value):
        return long_day(date.fromisoformat(value))
    if isinstance(value, dict):
        return _place(value) if _is_place(value) else "; ".join(f"{r.label}: {r.text}" for r in rows(value))
    if isinstance(value, list):
        return ", ".join(text(v) for v in value) if value else _("None")
    return str(value)


def _is_place(value: dict) -> bool:
    return set(value) == PLACE_KEYS


def _place(value: dict) -> str:
    return f"{value['name']} ({value['cds_code']})"
