"""The backpack as plain text, one section per sharing category (the `backpack student` view).

Built from `to_json`, so the text shows exactly what the JSON holds: codes appear as
"label (code)", empty values are left out, and lists print one item per line.
"""
from __future__ import annotations

from typing import Any

from consent.categories import CATEGORY_CODES

from .headings import category_heading, field_label, word

INDENT = "  "


def render_text(data: dict, lang: str = "en") -> str:
    """`data` is `to_json(backpack, lang)`."""
    person = data.get("demographics") or {}
    title = " · ".join(str(v) for v in (person.get("display_name"), person.get("ssid"), data["as_of"]) if v)
    lines = [title, "=" * len(title)]
    for code in CATEGORY_CODES:
        if code not in data:
            continue
        lines += ["", category_heading(code, lang), "-" * len(category_heading(code, lang))]
        lines += _category(code, data[code], lang)
    return "\n".join(lines) + "\n"


def _category(code: str, value: Any, lang: str) -> list[str]:
    if value is None:
        return [INDENT + word("not_applicable", lang)]
    if value == [] or value == {}:
        return [INDENT + word("empty_later", lang)]
    body = _block(value, lang, 1)
    return body or [INDENT + word("none", lang)]


def _block(value: dict, lang: str, depth: int) -> list[str]:
    """Scalar fields one per line, then each non-empty list or object under its own label."""
    pad = INDENT * depth
    lines = [f"{pad}{field_label(k, lang)}: {v}" for k, v in _scalars(value, lang)]
    for key, item in value.items():
        if _inline(item):
            continue
        if isinstance(item, list) and item:
            lines.append(f"{pad}{field_label(key, lang)}:")
            for element in item:
                lines += _list_item(element, lang, depth + 1)
        elif isinstance(item, dict):
            nested = _block(item, lang, depth + 1)
            if nested:
                lines += [f"{pad}{field_label(key, lang)}:", *nested]
    return lines


def _list_item(element: Any, lang: str, depth: int) -> list[str]:
    pad = INDENT * depth
    if not isinstance(element, dict):
        return [f"{pad}- {_show(element, lang)}"]
    summary = " · ".join(f"{field_label(k, lang)}: {v}" for k, v in _scalars(element, lang))
    lines = [f"{pad}- {summary}"]
    nested = _block({k: v for k, v in element.items() if not _inline(v)}, lang, depth + 1)
    return lines + nested


def _scalars(value: dict, lang: str) -> list[tuple[str, str]]:
    """(field, shown value) for every non-empty scalar; a code shows as "label (code)"."""
    shown = []
    for key, item in value.items():
        if key.endswith("_label") or item is None or item == [] or not _inline(item):
            continue
        label = value.get(f"{key}_label")
        if label and label.lower() not in (f"code {item}".lower(), f"código {item}".lower()):
            shown.append((key, f"{label} ({item})"))
        else:
            shown.append((key, _show(item, lang)))
    return shown


def _inline(value: Any) -> bool:
    """Plain values, a school or district, or a list of schools: shown on the field's own line."""
    if isinstance(value, list):
        return bool(value) and all(_is_place(v) for v in value)
    return not isinstance(value, dict) or _is_place(value)


def _is_place(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {"cds_code", "name"}


def _show(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    if isinstance(value, float):
        return f"{value:g}"
    if _is_place(value):
        return f"{value['name']} ({value['cds_code']})"
    if isinstance(value, list):
        return ", ".join(_show(v, lang) for v in value)
    return str(value)
