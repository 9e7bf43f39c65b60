"""What every category summary needs: the backpack, who reads it, and the district's thresholds."""
from __future__ import annotations

from dataclasses import dataclass

from babel.lists import format_list

from webapp.store.parts import Backpack

from .formatting import reader_locale
from .thresholds import Thresholds
from .voice import Voice


@dataclass(frozen=True)
class Context:
    backpack: Backpack
    voice: Voice
    thresholds: Thresholds

    @property
    def name(self) -> str:
        return self.voice.name

    @property
    def today(self):
        return self.backpack.as_of


def either(items) -> str:
    """"D or F" / "D o F" in the reader's language."""
    return format_list(list(items), style="or", locale=reader_locale())


def lang() -> str:
    locale = reader_locale()
    return locale.language if locale else "en"
