"""What an import run tells the person who ran it (and keeps in ImportBatch)."""
from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

from flask import current_app, has_app_context, has_request_context
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

MAX_LISTED_REJECTIONS = 1000  # per file; the counts stay exact, the list is capped to keep memory flat
MAX_NOTED_CODES = 20


def report_language() -> AbstractContextManager:
    """Outside a web request (the CLI, a background job) messages use the app's default language;
    in a request they follow the person's language."""
    if has_request_context() or not has_app_context():
        return nullcontext()
    return force_locale(current_app.config.get("BABEL_DEFAULT_LOCALE", "en"))


@dataclass(frozen=True)
class Rejection:
    file: str
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.field} — {self.reason}"

    def as_json(self) -> dict:
        return {"line": self.line, "field": self.field, "reason": self.reason}


@dataclass
class FileReport:
    name: str
    sha256: str = ""
    record_type: str | None = None  # SENR, SINF, … for CALPADS; None for score files
    rows_read: int = 0
    rows_loaded: int = 0
    rows_unchanged: int = 0
    rows_rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    unlisted_rejections: int = 0
    unknown_codes: dict[tuple[str, str], int] = field(default_factory=dict)  # (field, code) -> rows
    status: str = ""  # loaded, partial, unchanged, rejected, failed
    message: str = ""

    def reject(self, line: int, field_label: str, reason: str) -> None:
        if len(self.rejections) < MAX_LISTED_REJECTIONS:
            self.rejections.append(Rejection(self.name, line, field_label, reason))
        else:
            self.unlisted_rejections += 1

    def summary(self) -> str:
        counts = _("%(read)s rows read: %(loaded)s loaded, %(unchanged)s unchanged, %(rejected)s rejected",
                   read=self.rows_read, loaded=self.rows_loaded, unchanged=self.rows_unchanged,
                   rejected=self.rows_rejected)
        what = f"{self.name} ({self.record_type})" if self.record_type else self.name
        parts = [f"{what}: {_status_word(self.status)} — {counts}."]
        if self.message:
            parts.append(f"  {self.message}")
        if self.unknown_codes:
            shown = sorted(self.unknown_codes.items(), key=lambda item: (-item[1], item[0]))[:MAX_NOTED_CODES]
            listed = "; ".join(ngettext("%(field)s “%(code)s” (%(num)s row)", "%(field)s “%(code)s” (%(num)s rows)",
                                        n, field=f, code=c) for (f, c), n in shown)
            parts.append("  " + _("Kept codes we do not know; families see them as “code X”: %(list)s.", list=listed))
        return "\n".join(parts)


def _status_word(status: str) -> str:
    return {
        "loaded": _("loaded"), "partial": _("partly loaded"), "unchanged": _("unchanged"),
        "rejected": _("not saved"), "failed": _("could not be read"),
    }.get(status, status)


@dataclass
class ImportReport:
    kind: str
    imported_by: str
    run_id: str
    files: list[FileReport]
    saved: bool
    exit_code: int  # 0 all good, 1 rows rejected, 2 nothing could be read

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    def text(self) -> str:
        """The human report: one line per file, every rejected row, and what to do next."""
        with report_language():
            return self._text()

    def _text(self) -> str:
        lines = [self._headline()]
        lines += [f.summary() for f in self.files]
        rejections = [r for f in self.files for r in f.rejections]
        if rejections:
            lines.append(_("Rejected rows:"))
            lines += [str(r) for r in rejections]
            unlisted = sum(f.unlisted_rejections for f in self.files)
            if unlisted:
                lines.append(ngettext("… and %(num)s more problem, not listed.",
                                      "… and %(num)s more problems, not listed.", unlisted))
        lines.append(self._next_step())
        return "\n".join(lines)

    def _headline(self) -> str:
        if self.saved:
            return _("%(kind)s import by %(who)s: saved.", kind=self.kind.upper(), who=self.imported_by)
        return _("%(kind)s import by %(who)s: nothing was saved.", kind=self.kind.upper(), who=self.imported_by)

    def _next_step(self) -> str:
        if self.exit_code == 2:
            return _("No file could be read, so nothing was done.")
        failed = [f for f in self.files if f.status == "failed"]
        if not self.saved:
            return ngettext(
                "Nothing was saved, because %(num)s row was rejected or a file could not be read. Fix it and import "
                "the files again, or import with --accept-partial to save the rows that are fine.",
                "Nothing was saved, because %(num)s rows were rejected or a file could not be read. Fix them and "
                "import the files again, or import with --accept-partial to save the rows that are fine.",
                self.rows_rejected + len(failed))
        if self.rows_rejected or failed:
            return _("The rows that were fine are saved. Fix the rejected rows and import those files again.")
        if all(f.status == "unchanged" for f in self.files):
            return _("Everything in these files was already loaded; nothing changed.")
        return _("All rows are saved.")
