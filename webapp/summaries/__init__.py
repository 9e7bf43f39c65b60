"""Plain-language summaries of a backpack, early-warning signs, and small server-drawn charts.

    summarize(backpack, viewer_kind, categories=None, thresholds=None) -> Summaries
        .by_category[code] -> Summary (sentences, tone, next step, glossary terms)
        .signals -> early-warning Signals
    home_categories(backpack, viewer_kind, visible) -> the categories a home card shows
    charts.attendance_chart(attendance, thresholds) / charts.score_chart(history) -> Chart (SVG + table)
    glossary.TERMS -> the words families ask about

Sentences go through Flask-Babel (named placeholders, plural forms), so call these inside an
app context with the reader's locale. viewer_kind is "guardian", "student" (reads "you") or
"recipient" (no next steps: those are for the family).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from consent.categories import CATEGORY_CODES
from webapp.store.parts import Backpack

from . import attendance, behavior, demographics, early_warning, english, grades, readiness, state_tests, supports
from .context import Context
from .formatting import reading
from .model import EMPTY, GOOD, INFO, WATCH, Signal, Summary
from .profile import PROFILE, summarize_profile
from .thresholds import Thresholds, thresholds_for
from .voice import Voice, voice_for

__all__ = ["EMPTY", "GOOD", "INFO", "SUMMARIZED", "WATCH", "Signal", "Summaries", "Summary", "Thresholds", "Voice",
           "home_categories", "summarize", "thresholds_for"]

SUMMARIZERS = {
    "demographics": demographics.summarize,
    "attendance": attendance.summarize,
    "behavior": behavior.summarize,
    "grades": grades.summarize,
    "state_tests": state_tests.summarize,
    "english_learning": english.summarize,
    "supports": supports.summarize,
    "readiness": readiness.summarize,
}
SUMMARIZED = frozenset(SUMMARIZERS) | frozenset(PROFILE) | {"early_warning"}  # categories with a summary
CARD_CATEGORIES = ("attendance", "grades", "state_tests", "english_learning", "supports", "behavior", "readiness")
GUARDIANS_ONLY_ON_CARDS = {"supports"}  # sensitive: on the student's own home card it is left out


@dataclass(frozen=True)
class Summaries:
    voice: Voice
    by_category: dict[str, Summary]
    signals: tuple[Signal, ...]

    def __getitem__(self, category: str) -> Summary:
        return self.by_category[category]

    def sentences(self) -> list[str]:
        """Every generated sentence (for the reading-level check)."""
        out = [s for summary in self.by_category.values() for s in (*summary.sentences, summary.next_step) if s]
        for signal in self.signals:
            out += [signal.sentence, signal.what_you_can_do]
        return out


def summarize(backpack: Backpack, viewer_kind: str, categories: Iterable[str] | None = None,
              thresholds: Thresholds | None = None) -> Summaries:
    """Summaries of `categories` (default: all) for this reader."""
    wanted = tuple(CATEGORY_CODES if categories is None else categories)
    if thresholds is None:
        district = backpack.demographics.district
        thresholds = thresholds_for(district.cds_code if district else None)
    ctx = Context(backpack=backpack, voice=voice_for(backpack, viewer_kind), thresholds=thresholds)
    with reading():
        found = early_warning.signals(ctx) if "early_warning" in wanted else ()
        by_category = {code: _summary(code, ctx, found) for code in wanted}
    if viewer_kind == "recipient":
        by_category = {code: replace(summary, next_step=None) for code, summary in by_category.items()}
    return Summaries(voice=ctx.voice, by_category=by_category, signals=found)


def _summary(code: str, ctx: Context, found: tuple[Signal, ...]) -> Summary:
    if code == "early_warning":
        return early_warning.summarize(ctx, found)
    if code in PROFILE:
        return summarize_profile(code, ctx)
    return SUMMARIZERS[code](ctx)


def home_categories(backpack: Backpack, viewer_kind: str, visible: Iterable[str]) -> tuple[str, ...]:
    """The lines of a child's home card: readiness for grades 9–12 only, supports for guardians only."""
    visible = set(visible)
    return tuple(
        code for code in CARD_CATEGORIES
        if code in visible
        and not (code == "readiness" and backpack.readiness is None)
        and not (code in GUARDIANS_ONLY_ON_CARDS and viewer_kind != "guardian")
    )
