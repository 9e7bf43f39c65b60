"""One export, start to finish: gather the record, make the file, log who took it (issue 8).

The Download page and `backpack export` both come here, so every copy that leaves is in
ExportLog whoever made it.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Optional

from sqlalchemy.orm import Session

from webapp.credentials import active_key
from webapp.models import ExportLog
from webapp.models.exports import EXPORT_FORMATS

from .clr import build_clr
from .csvzip import csv_zip_chunks
from .pdf import render_pdf
from .record import ExportRecord, gather_record
from .record_json import render_json

MIMETYPES = {"pdf": "application/pdf", "clr": "application/ld+json", "csv": "application/zip",
             "json": "application/json"}
FILE_WORDS = {"pdf": ("record", "pdf"), "clr": ("learner-record", "json"), "csv": ("tables", "zip"),
              "json": ("record-data", "json")}


@dataclass(frozen=True)
class Actor:
    """Who takes the copy: an account (guardian or student) or a staff member at the command line."""
    name: str
    role: str  # guardian, student or cli
    account_id: Optional[int] = None


@dataclass(frozen=True)
class ExportFile:
    filename: str
    mimetype: str
    chunks: Iterable[bytes]  # the CSV zip is produced while it is sent; the others are ready
    log: ExportLog


def make_export(session: Session, student_id: int, fmt: str, *, actor: Actor, lang: str = "en",
                categories: Optional[Iterable[str]] = None, now: Optional[datetime] = None) -> ExportFile:
    """Build the file and add its ExportLog row to the session (the caller commits).

    A student downloading their own record also gets the portfolio rows they keep private, except in
    the learner record credential, which is made to be handed to others."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    private = actor.role == "student" and fmt != "clr"
    record = gather_record(session, student_id, lang=lang, categories=categories, now=now, private=private)
    credential_id = None
    if fmt == "pdf":
        chunks: Iterable[bytes] = [render_pdf(record)]
    elif fmt == "json":
        chunks = [render_json(record)]
    elif fmt == "clr":
        credential = build_clr(record, active_key(session))
        credential_id = credential["id"]
        chunks = [json.dumps(credential, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"]
    else:
        chunks = csv_zip_chunks(record)
    log = ExportLog(student_id=student_id, account_id=actor.account_id, actor_name=actor.name[:160],
                    actor_role=actor.role, format=fmt, lang=lang, categories=list(record.categories),
                    credential_id=credential_id, created_at=record.generated_at)
    session.add(log)
    session.flush()
    return ExportFile(file_name(record, fmt), MIMETYPES[fmt], chunks, log)


def file_name(record: ExportRecord, fmt: str) -> str:
    """e.g. maya-hernandez-record-2026-11-23.pdf: ASCII, so every system keeps it."""
    word, extension = FILE_WORDS[fmt]
    ascii_name = unicodedata.normalize("NFKD", record.student_name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "student"
    return f"{slug}-{word}-{record.generated_at:%Y-%m-%d}.{extension}"


def write_to(path, chunks: Iterable[bytes]) -> int:
    """Write the chunks to a file; returns the number of bytes."""
    size = 0
    with open(path, "wb") as out:
        for chunk in chunks:
            out.write(chunk)
            size += len(chunk)
    return size

