"""Opening a district file: checksum, sniffing what it is, and reading it line by line.

Files come from many systems: UTF-8 with or without a byte-order mark, Windows-1252,
CRLF line ends. Each line is decoded on its own (UTF-8 first, then Windows-1252), so
memory stays flat whatever the file size and one odd line does not spoil the rest.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterator, NamedTuple

from flask_babel import gettext as _

UTF8_BOM = b"\xef\xbb\xbf"
SNIFF_BYTES = 8192
_NOT_TEXT = (
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0", "xls"),
    (b"%PDF", "pdf"),
    (b"\xff\xfe", "utf16"),
    (b"\xfe\xff", "utf16"),
)


class UnreadableFile(Exception):
    """The whole file cannot be used (empty, binary, wrong kind); the message says why."""


class Line(NamedTuple):
    number: int  # 1-based, counting every physical line
    text: str
    problem: str | None = None  # set when the line could not be decoded


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_is_text(path: Path) -> None:
    """Raise UnreadableFile for an empty file or one that is clearly not a text file."""
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES)
    if not head.strip(UTF8_BOM + b" \t\r\n"):
        raise UnreadableFile(_("The file is empty."))
    for magic, kind in _NOT_TEXT:
        if head.startswith(magic):
            raise UnreadableFile(_not_text_message(kind))
    if _looks_binary(head):
        raise UnreadableFile(_("This is not a text file (it has binary data). Export the file as plain text and try again."))


def _looks_binary(head: bytes) -> bool:
    """NUL bytes on the first line, or more than a few of them: a stray one on a later line is
    reported for that line only."""
    first_line = head.split(b"\n", 1)[0]
    return b"\x00" in first_line or head.count(b"\x00") > len(head) // 100


def _not_text_message(kind: str) -> str:
    if kind == "utf16":
        return _("The file is saved as UTF-16 text. Save it as UTF-8 or Windows-1252 text and try again.")
    if kind in ("zip", "xls"):
        return _("This is a spreadsheet or zip file, not a text file. Export it as caret-delimited text and try again.")
    return _("This is a PDF file, not a text file. Use the data file, not the printed report.")


def _decode(raw: bytes) -> tuple[str, str | None]:
    """A line that is not UTF-8: Windows-1252 (common from older district systems), or a problem."""
    if b"\x00" in raw:
        return "", _("The line has binary data (NUL bytes) in it.")
    try:
        return raw.decode("cp1252"), None
    except UnicodeDecodeError:
        return "", _("The line has characters that are not UTF-8 or Windows-1252 text.")


def read_lines(path: Path) -> Iterator[Line]:
    """Every non-blank line, decoded, without its line end. Blank lines are skipped."""
    with path.open("rb") as f:
        for number, raw in enumerate(f, start=1):
            if number == 1 and raw.startswith(UTF8_BOM):
                raw = raw[len(UTF8_BOM):]
            raw = raw.rstrip(b"\r\n")
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text, problem = _decode(raw)
                yield Line(number, text, problem)
                continue
            if "\x00" in text:
                yield Line(number, "", _("The line has binary data (NUL bytes) in it."))
                continue
            yield Line(number, text)


def first_line(path: Path) -> Line | None:
    for line in read_lines(path):
        return line
    return None
