"""What one export holds, gathered once so the PDF, CLR, CSV and JSON tell the same story.

The backpack comes from the one read model (webapp.store); the consent history, the "who
looked" log and earlier downloads come from webapp.exports.history.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Optional

from sqlalchemy.orm import Session

from consent.categories import CATEGORY_CODES, category
from webapp.store.backpack import Backpack, load_backpack, to_json

from . import history

LANGUAGES = ("en", "es")


@dataclass(frozen=True)
class ExportRecord:
    backpack: Backpack
    data: dict  # to_json(backpack, lang, categories)
    lang: str
    categories: tuple[str, ...]  # sharing category codes included, in the usual order
    generated_at: datetime  # aware, UTC
    consent_history: tuple[dict, ...]  # grants with their events, oldest first
    disclosure_log: tuple[dict, ...]  # who looked, oldest first
    export_log: tuple[dict, ...]  # earlier downloads, oldest first

    @property
    def student_name(self) -> str:
        return self.backpack.demographics.display_name

    @property
    def district_name(self) -> Optional[str]:
        district = self.backpack.demographics.district
        return district.name if district else None

    @property
    def school_name(self) -> Optional[str]:
        school = self.backpack.demographics.school
        return school.name if school else None


def gather_record(session: Session, student_id: int, *, lang: str = "en",
                  categories: Optional[Iterable[str]] = None, now: Optional[datetime] = None,
                  private: bool = False) -> ExportRecord:
    """The whole record of one student (or only `categories`, e.g. what a person may see); `private`
    adds the portfolio rows the student keeps to themself (their own download only)."""
    if lang not in LANGUAGES:
        raise ValueError(f"exports are made in {' or '.join(LANGUAGES)}, not {lang!r}")
    now = now or datetime.now(timezone.utc)
    chosen = CATEGORY_CODES if categories is None else {category(c).code for c in categories}
    codes = tuple(c for c in CATEGORY_CODES if c in chosen)
    backpack = load_backpack(session, student_id, as_of=now.date(), private=private)
    return ExportRecord(
        backpack=backpack,
        data=to_json(backpack, lang, codes),
        lang=lang,
        categories=codes,
        generated_at=now.astimezone(timezone.utc),
        consent_history=tuple(history.consent_history(session, backpack.student_id, now)),
        disclosure_log=tuple(history.disclosure_log(session, backpack.public_id)),
        export_log=tuple(history.export_log(session, backpack.student_id)),
    )
