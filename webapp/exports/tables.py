"""A backpack category as one flat table: the shape the CSV export and its data dictionary share.

Columns come from the read model's dataclass types (webapp/store/parts.py), so every file has
the same columns whatever a student's history holds, and the dictionary can say what each
column is. Categories the read model keeps as untyped tuples (the learner-profile parts) take
their columns from the values instead.

Each category has row paths: the nested lists whose items become rows (grades: one row per
course, carrying its year and term). Values of the enclosing records repeat on every row, so
a spreadsheet can sort and filter; other nested lists fit in one cell. A category with two
row paths (behavior: incidents and yearly totals) stacks both, with a "Part" column.
"""
from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Iterator, Optional

from webapp.store.headings import field_label, word
from webapp.store.parts import Backpack, DistrictRef, SchoolRef

ROW_PATHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "demographics": (("enrollments",),),
    "attendance": (("years",),),
    "behavior": (("incidents",), ("years",)),
    "grades": (("years", "terms", "courses"),),
    "state_tests": (("tests", "years"),),
    "english_learning": (("history",),),
    "supports": (("programs",),),
    "readiness": (("ag_areas",),),
}
PLACES = (SchoolRef, DistrictRef)
PART = ("__part__",)


@dataclass(frozen=True)
class Column:
    """path: keys from the category's value to the field (list steps included, without indexes)."""
    path: tuple[str, ...]
    kind: str  # text, number, date, yes_no, code, label, places, list, part
    field: str  # the JSON path, e.g. grades.years[].terms[].courses[].name
    code_set: Optional[str] = None


@dataclass(frozen=True)
class Table:
    category: str
    columns: tuple[Column, ...]
    rows: tuple[dict[tuple[str, ...], Any], ...]  # column path -> value as in to_json


def category_table(category: str, value: Any) -> Table:
    """`value` is to_json(backpack)[category]."""
    paths = ROW_PATHS.get(category, ((),))
    columns = _typed_columns(category, paths) or _value_columns(category, value)
    if len(paths) > 1:
        columns = (Column(PART, "part", ""),) + columns
    rows: list[dict] = []
    for path in paths:
        for context in _contexts(value, path):
            row = {c.path: _resolve(context, c.path) for c in columns if c.kind != "part"}
            if len(paths) > 1:
                row[PART] = path[0]
            rows.append(row)
    return Table(category, columns, tuple(rows))


# --- columns from the read model's types -----------------------------------------------------

@cache
def _typed_columns(category: str, paths: tuple[tuple[str, ...], ...]) -> tuple[Column, ...]:
    hint = _unwrap(typing.get_type_hints(Backpack)[category])
    if not dataclasses.is_dataclass(hint):
        return ()
    columns: list[Column] = []
    _record_columns(hint, (), category, paths, columns)
    return tuple(dict.fromkeys(columns))


def _record_columns(cls, prefix: tuple, field_prefix: str, paths, out: list[Column]) -> None:
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        path, field = prefix + (f.name,), f"{field_prefix}.{f.name}"
        hint = _unwrap(hints[f.name])
        code_set = f.metadata.get("code_set")
        if code_set is not None:
            name = code_set if isinstance(code_set, str) else None
            out += [Column(path[:-1] + (f"{f.name}_label",), "label", f"{field}_label", name),
                    Column(path, "code", field, name)]
        elif hint in PLACES:
            out += [Column(path + ("name",), "text", f"{field}.name"),
                    Column(path + ("cds_code",), "text", f"{field}.cds_code")]
        elif dataclasses.is_dataclass(hint):
            _record_columns(hint, path, field, paths, out)
        elif typing.get_origin(hint) is tuple:
            item = typing.get_args(hint)[0] if typing.get_args(hint) else None
            if any(p[: len(path)] == path for p in paths) and dataclasses.is_dataclass(item):
                _record_columns(item, path, f"{field}[]", paths, out)
            else:
                out.append(Column(path, "places" if item in PLACES else "list", f"{field}[]"))
        else:
            out.append(Column(path, _scalar_kind(hint), field))


def _unwrap(hint):
    """Optional[X] -> X."""
    if typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def _scalar_kind(hint) -> str:
    if hint is bool:
        return "yes_no"
    if hint in (int, float, Decimal):
        return "number"
    if hint is date:
        return "date"
    return "text"


# --- columns from the values (untyped profile categories) ------------------------------------

def _value_columns(category: str, value: Any) -> tuple[Column, ...]:
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    seen: dict[str, Any] = {}
    for item in items:
        for key, v in item.items():
            if seen.get(key) is None:
                seen[key] = v
    columns = []
    for key, sample in seen.items():
        if key.endswith("_label") and key[: -len("_label")] in seen:
            continue
        field = f"{category}[].{key}" if isinstance(value, list) else f"{category}.{key}"
        if f"{key}_label" in seen:
            columns += [Column((f"{key}_label",), "label", f"{field}_label"), Column((key,), "code", field)]
        else:
            columns.append(Column((key,), _value_kind(sample), field))
    return tuple(columns)


def _value_kind(sample: Any) -> str:
    if isinstance(sample, bool):
        return "yes_no"
    if isinstance(sample, (int, float)):
        return "number"
    if isinstance(sample, list):
        return "list"
    if isinstance(sample, dict):
        return "list"
    return "text"


# --- rows ------------------------------------------------------------------------------------

Context = tuple[tuple[tuple[str, ...], dict], ...]  # (prefix, record) from the category down


def _contexts(value: Any, path: tuple[str, ...]) -> Iterator[Context]:
    """One context per row: the records along `path`; a record without items still gives a row."""
    if isinstance(value, list):  # untyped category: every item is a row
        for item in value:
            yield (((), item),)
        return
    if not isinstance(value, dict):
        return  # None (readiness before high school) or nothing: no rows
    yield from _descend((((), value),), path, ())


def _descend(context: Context, path: tuple[str, ...], prefix: tuple[str, ...]) -> Iterator[Context]:
    if not path:
        yield context
        return
    step = prefix + (path[0],)
    items = context[-1][1].get(path[0]) or []
    if not items:
        yield context
        return
    for item in items:
        yield from _descend(context + ((step, item),), path[1:], step)


def _resolve(context: Context, path: tuple[str, ...]) -> Any:
    for prefix, record in reversed(context):
        if path[: len(prefix)] == prefix:
            value: Any = record
            for key in path[len(prefix):]:
                if not isinstance(value, dict):
                    return None
                value = value.get(key)
            return value
    return None


# --- headers and cells -----------------------------------------------------------------------

def headers(table: Table, lang: str, code_word: str, part_word: str) -> list[str]:
    """Plain-word column names, unique within the file: "Grade", "Grade (code)", "Courses – Name".

    Two fields with the same words (Spanish says "Nombre" for both first name and name) get
    their field name added: "Nombre [first_name]".
    """
    parts = [_label_parts(c, lang, code_word, part_word) for c in table.columns]
    depth = [1] * len(parts)
    while True:
        names = [" – ".join(p[-d:]) for p, d in zip(parts, depth)]
        clashes = {n for n in names if names.count(n) > 1}
        grown = False
        for i, name in enumerate(names):
            if name in clashes and depth[i] < len(parts[i]):
                depth[i] += 1
                grown = True
        if not grown:
            return [f"{n} [{c.path[-1]}]" if n in clashes else n for n, c in zip(names, table.columns)]


def _label_parts(column: Column, lang: str, code_word: str, part_word: str) -> list[str]:
    if column.kind == "part":
        return [part_word]
    keys = [k for k in column.path]
    last = keys[-1]
    if column.kind == "label":
        keys[-1] = last[: -len("_label")]
    if last == "name" and len(keys) > 1 and keys[-2] in ("school", "district"):
        keys = keys[:-1]  # a school's name is just "School"
    labels = [field_label(k, lang) for k in keys]
    if column.kind == "code":
        labels[-1] = f"{labels[-1]} ({code_word})"
    return labels


def cell(column: Column, value: Any, lang: str) -> str:
    """The text a spreadsheet shows; empty for no value."""
    if column.kind == "part":
        return field_label(value, lang)
    return show(value, lang)


def show(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, list):
        return "; ".join(show(v, lang) for v in value)
    if isinstance(value, dict):
        if set(value) == {"cds_code", "name"}:
            return f"{value['name']} ({value['cds_code']})"
        return ", ".join(f"{field_label(k, lang)}: {text}" for k, text in _inline_pairs(value, lang))
    return str(value)


def _inline_pairs(record: dict, lang: str) -> list[tuple[str, str]]:
    """A nested record in one cell: a code shows as "label (code)", empty fields are left out."""
    pairs = []
    for key, value in record.items():
        if key.endswith("_label") or value is None or value == []:
            continue
        label = record.get(f"{key}_label")
        pairs.append((key, f"{label} ({value})" if label else show(value, lang)))
    return pairs


def number(value: float | int | Decimal) -> str:
    """4.0 -> "4", 4.5 -> "4.5": what a person would type."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
