"""One import run: several files, one transaction, one report.

Files are checked first (readable? what record type? already loaded?), then loaded in
dependency order, in batches, through the shared loader. If any row is rejected the whole
run is rolled back (unless the caller accepts a partial load), and only the ImportBatch
audit rows are written.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import ImportBatch, opaque_id
from . import caaspp, elpac
from . import report as report_module
from .batch import Batch, Record, Rejected
from .calpads import CalpadsFile
from .loader import LOADED, UNCHANGED, Loader
from .report import FileReport, ImportReport, report_language
from .textfile import UnreadableFile, check_is_text, sha256_of

BATCH_SIZE = 2000
OPENERS: dict[str, Callable[[Path], object]] = {
    "calpads": CalpadsFile,
    "caaspp": caaspp.open_file,
    "elpac": elpac.open_file,
}
KINDS = tuple(OPENERS)


def run_import(session: Session, paths: Sequence[Path], kind: str, imported_by: str, accept_partial: bool = False,
               progress: Callable[[int], None] | None = None,
               display_names: Sequence[str] | None = None) -> ImportReport:
    """Import `paths` (all of one `kind`) in one transaction and return the report.

    The session should have no pending work: the run commits (or rolls back) it. Uploaded
    files can be passed as saved temporary paths with their original `display_names`.
    """
    with report_language():
        return _run(session, paths, kind, imported_by, accept_partial, progress, display_names)


def _run(session: Session, paths: Sequence[Path], kind: str, imported_by: str, accept_partial: bool,
         progress: Callable[[int], None] | None, display_names: Sequence[str] | None) -> ImportReport:
    if kind not in OPENERS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    names = list(display_names) if display_names is not None else [Path(p).name for p in paths]
    plans = [_open(session, Path(path), name, kind) for path, name in zip(paths, names, strict=True)]
    _skip_repeats(plans)
    run_id = opaque_id()
    readable = [p for p in plans if p[0].status != "failed"]
    loader = Loader(session)
    try:
        _load_all(loader, sorted((p for p in plans if p[1] is not None), key=lambda p: p[1].order), progress)
    except Exception:
        session.rollback()
        for report, source in plans:
            if source is not None:
                report.status, report.message = "failed", _("The database stopped the import; nothing was saved.")
        _write_batches(session, plans, kind, imported_by, run_id)
        raise
    problems = any(r.rows_rejected for r, _s in plans) or len(readable) < len(plans)
    if not readable:
        exit_code, saved = 2, False
    elif problems and not accept_partial:
        exit_code, saved = 1, False
    else:
        exit_code, saved = (1 if problems else 0), True
    if saved:
        for report, source in plans:
            if source is not None:
                report.status = "partial" if report.rows_rejected else (
                    "loaded" if report.rows_loaded else "unchanged")
                if report.status == "unchanged" and not report.message:
                    report.message = _("Every row matches what is already saved; nothing changed.")
    else:
        session.rollback()
        for report, source in plans:
            if source is not None:
                report.status = "rejected"
                report.rows_loaded = report.rows_unchanged = 0
                report.message = (_("Not saved: this file has rejected rows.") if report.rows_rejected
                                  else _("Not saved, because another file in this run has problems."))
    _write_batches(session, plans, kind, imported_by, run_id)
    return ImportReport(kind, imported_by, run_id, [r for r, _s in plans], saved, exit_code)


def _open(session: Session, path: Path, name: str, kind: str) -> tuple[FileReport, object | None]:
    """Check one file before loading anything: readable, which record type, already loaded?"""
    report = FileReport(name=name)
    try:
        if not path.is_file():
            raise UnreadableFile(_("There is no such file."))
        report.sha256 = sha256_of(path)
        check_is_text(path)
        source = OPENERS[kind](path)
    except UnreadableFile as problem:
        report.status, report.message = "failed", str(problem)
        return report, None
    report.record_type = source.code if kind == "calpads" else None
    earlier = session.execute(
        select(ImportBatch).where(ImportBatch.kind == kind, ImportBatch.sha256 == report.sha256,
                                  ImportBatch.status == "loaded")
        .order_by(ImportBatch.id.desc()).limit(1)
    ).scalar_one_or_none()
    if earlier is None:
        return report, source
    report.status = "unchanged"
    report.rows_read = report.rows_unchanged = earlier.rows_read
    report.message = _("This exact file (same SHA-256) was loaded on %(when)s by %(who)s; nothing changed.",
                       when=f"{earlier.finished_at or earlier.started_at:%Y-%m-%d %H:%M}", who=earlier.imported_by)
    return report, None


def _skip_repeats(plans: list[tuple[FileReport, object | None]]) -> None:
    """The same file given twice in one run is loaded once."""
    first: dict[str, str] = {}
    for i, (report, source) in enumerate(plans):
        if source is None:
            continue
        if report.sha256 in first:
            report.status = "unchanged"
            report.message = _("Same file as %(name)s in this run; loaded once.", name=first[report.sha256])
            plans[i] = (report, None)
        else:
            first[report.sha256] = report.name


def _load_all(loader: Loader, plans: list[tuple[FileReport, object]], progress) -> None:
    done = 0
    for file_no, (report, source) in enumerate(plans):
        loader.begin_file(file_no)
        for batch_size in _load_file(loader, report, source):
            done += batch_size
            if progress is not None:
                progress(done)
        report.unknown_codes = dict(source.unknown_codes)
    loaded = {source.code for _r, source in plans}
    if "SENR" in loaded:
        loader.refresh_current_enrollment()
    if "SELA" in loaded:
        loader.refresh_home_language()


def _load_file(loader: Loader, report: FileReport, source) -> Iterator[int]:
    """Stream the file in batches; yields the number of rows handled after each batch."""
    repeats: list[Record] = []
    for chunk in _chunks(source.records(), BATCH_SIZE):
        records: list[Record] = []
        problems: list[tuple[int, str, str]] = []
        for item in chunk:
            if isinstance(item, Rejected):
                report.rows_rejected += 1
                problems += [(item.line, field_label, reason) for field_label, reason in item.problems]
            else:
                records.append(item)
        report.rows_read += len(chunk)
        if records:
            problems += _load_batch(loader, report, source, records, repeats)
        for line, field_label, reason in sorted(problems, key=lambda problem: problem[0]):
            report.reject(line, field_label, reason)
        yield len(chunk)
    if repeats:
        first = _first_lines(source, {r.key for r in repeats})
        for record in repeats:
            report.reject(record.line, _("record"), _repeat_reason(first.get(record.key), record.key))


def _load_batch(loader: Loader, report: FileReport, source, records: list[Record],
                repeats: list[Record]) -> list[tuple[int, str, str]]:
    """Load one batch; count its rows and return the problems found while loading it."""
    batch = Batch(records)
    if source.keeps_keys:
        for position, first_line in loader.earlier_lines([(r.key, r.line) for r in records]).items():
            batch.reject(records[position], _("record"), _repeat_reason(first_line, records[position].key))
    if batch.live():
        source.load(loader, batch)
    statuses = list(batch.status.values())
    report.rows_loaded += statuses.count(LOADED)
    report.rows_unchanged += statuses.count(UNCHANGED)
    report.rows_rejected += batch.rejected_lines()
    room = max(0, report_module.MAX_LISTED_REJECTIONS - len(repeats))
    repeats += batch.duplicates[:room]
    report.unlisted_rejections += max(0, len(batch.duplicates) - room)
    return batch.rejections


def _first_lines(source, keys: set) -> dict:
    """Where each repeated key first appears: read the file again (only when it has repeats)."""
    noted = dict(source.unknown_codes)
    first: dict = {}
    for item in source.records():
        if isinstance(item, Record) and item.key in keys and item.key not in first:
            first[item.key] = item.line
            if len(first) == len(keys):
                break
    source.unknown_codes.clear()
    source.unknown_codes.update(noted)
    return first


def _repeat_reason(first_line: int | None, key: tuple) -> str:
    shown = ", ".join(str(part) for part in key)
    if first_line is None:
        return _("same key as an earlier line (%(key)s); a key may appear only once in a file", key=shown)
    return _("same key as line %(line)s (%(key)s); a key may appear only once in a file", line=first_line, key=shown)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _write_batches(session: Session, plans, kind: str, imported_by: str, run_id: str) -> None:
    now = datetime.now(timezone.utc)
    for report, _source in plans:
        session.add(ImportBatch(
            run_id=run_id, kind=kind, record_type=report.record_type, file_name=report.name[:255],
            sha256=report.sha256, imported_by=imported_by[:120], finished_at=now, status=report.status,
            rows_read=report.rows_read, rows_loaded=report.rows_loaded, rows_unchanged=report.rows_unchanged,
            rows_rejected=report.rows_rejected, rejections=[r.as_json() for r in report.rejections],
            message=report.message or None,
        ))
    session.commit()
