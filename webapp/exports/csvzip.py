"""The record as a zip of CSV files, one per sharing category, plus data_dictionary.csv.

Files are UTF-8 with a byte-order mark, which is what makes Excel read accents correctly.
The zip is written to a sink that hands its bytes on as they are made, so a download starts
at once and memory stays flat (zipfile writes data descriptors when it cannot seek).
"""
from __future__ import annotations

import csv
import io
import zipfile
from typing import Iterator

from flask_babel import force_locale, gettext as _

from .record import ExportRecord
from .tables import Column, Table, category_table, cell, headers

DICTIONARY = "data_dictionary.csv"
FLUSH_EVERY_ROWS = 500


def csv_zip_chunks(record: ExportRecord) -> Iterator[bytes]:
    """The zip file, piece by piece."""
    sink = _Sink()
    with force_locale(record.lang), zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        words = _words()
        entries = []
        for category in record.categories:
            table = category_table(category, record.data[category])
            names = headers(table, record.lang, words["code"], words["part"])
            entries.append((f"{category}.csv", table, names))
            yield from _write(archive, sink, f"{category}.csv", names, _cells(table, record.lang))
        if record.data.get("statements"):  # the family's statements travel with the records they are about
            table = category_table("statements", record.data["statements"])
            names = headers(table, record.lang, words["code"], words["part"])
            entries.append(("statements.csv", table, names))
            yield from _write(archive, sink, "statements.csv", names, _cells(table, record.lang))
        yield from _write(archive, sink, DICTIONARY, _dictionary_header(), _dictionary_rows(entries, words))
    yield from sink.pending()


def csv_files(record: ExportRecord) -> dict[str, str]:
    """Every file of the zip as text (BOM removed), for tests and callers that want the tables."""
    archive = zipfile.ZipFile(io.BytesIO(b"".join(csv_zip_chunks(record))))
    return {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}


def _cells(table: Table, lang: str) -> Iterator[list[str]]:
    for row in table.rows:
        yield [cell(column, row.get(column.path), lang) for column in table.columns]


def _write(archive: zipfile.ZipFile, sink: "_Sink", name: str, header: list[str], rows) -> Iterator[bytes]:
    with archive.open(name, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
        writer = csv.writer(text)
        writer.writerow(header)
        for count, row in enumerate(rows, start=1):
            writer.writerow(row)
            if count % FLUSH_EVERY_ROWS == 0:
                text.flush()
                yield from sink.pending()
    yield from sink.pending()


def _words() -> dict[str, str]:
    return {
        "code": _("code"),
        "part": _("Part"),
        "text": _("Text"),
        "number": _("Number"),
        "date": _("Date (year-month-day)"),
        "yes_no": _("Yes or no"),
        "code_kind": _("Code from the school's files"),
        "label": _("Plain meaning of the code"),
        "places": _("Schools (name and state code)"),
        "list": _("List, one item after another"),
        "part_kind": _("Which part of the file the row belongs to"),
    }


def _dictionary_header() -> list[str]:
    return [_("File"), _("Column"), _("Field in the JSON download"), _("Kind of value"), _("Code list")]


def _dictionary_rows(entries, words: dict[str, str]) -> Iterator[list[str]]:
    for file_name, table, names in entries:
        for column, name in zip(table.columns, names):
            yield [file_name, name, column.field, _kind(column, words), column.code_set or ""]


def _kind(column: Column, words: dict[str, str]) -> str:
    return {"code": words["code_kind"], "part": words["part_kind"]}.get(column.kind) or words[column.kind]


class _Sink(io.RawIOBase):
    """A write-only stream that keeps what it was given until drained."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._chunks.append(bytes(data))
        return len(data)

    def pending(self) -> Iterator[bytes]:
        """What was written since the last call, as one chunk (nothing when nothing was written)."""
        out = b"".join(self._chunks)
        self._chunks.clear()
        if out:
            yield out
