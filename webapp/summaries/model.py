"""What a summary is: a few plain sentences about one category, a tone, and a next step.

Pages, the recipient portal and the PDF export render these values; none of them word
a record themselves, so every audience reads the same sentences.
"""
from __future__ import annotations

from dataclasses import dataclass, field

GOOD, WATCH, INFO, EMPTY = "good", "watch", "info", "empty"


@dataclass(frozen=True)
class Summary:
    """One category in plain words. `sentences[0]` is the headline shown on the home card.

    tone: good (nothing to do), watch (worth a talk with the school), info (facts only),
    empty (the school has sent nothing for this yet). `terms` are glossary keys the text uses.
    `brief` is what a home card shows (paragraphs made of these sentences; the headline when
    empty); `items` is a list shown under the text, such as program names.
    """
    category: str
    tone: str
    sentences: tuple[str, ...]
    next_step: str | None = None
    terms: tuple[str, ...] = field(default_factory=tuple)
    brief: tuple[str, ...] = ()
    items: tuple[str, ...] = ()

    @property
    def headline(self) -> str:
        return self.sentences[0]

    @property
    def details(self) -> tuple[str, ...]:
        return self.sentences[1:]

    @property
    def card_text(self) -> tuple[str, ...]:
        return self.brief or (self.headline,)


@dataclass(frozen=True)
class Signal:
    """An early-warning sign: what the record shows, what the family can do, whom to ask."""
    code: str  # attendance, suspension, low_grades, ag_off_track
    category: str  # the category page that shows the detail
    sentence: str
    what_you_can_do: str
    contact: str
    items: tuple[str, ...] = ()  # e.g. the classes with a low grade, listed under the sentence
