"""What a format hands to the loader: parsed records, grouped in batches, each ending loaded,
unchanged or rejected."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Sequence

from .loader import DUPLICATE, LOADED


@dataclass(slots=True)
class Record:
    line: int
    values: dict
    key: Hashable  # the record's identity within its file, for finding duplicate keys
    delete: bool = False  # CALPADS transaction type D


@dataclass(slots=True)
class Rejected:
    """A line that could not be parsed; every problem found on it."""
    line: int
    problems: list[tuple[str, str]]  # (field label, reason)


@dataclass
class Batch:
    records: list[Record]
    status: dict[int, str] = field(default_factory=dict)  # line -> loaded / unchanged
    rejections: list[tuple[int, str, str]] = field(default_factory=list)  # (line, field, reason)
    duplicates: list[Record] = field(default_factory=list)  # records whose key the file already had
    _rejected: set[int] = field(default_factory=set)

    def live(self) -> list[Record]:
        return [r for r in self.records if r.line not in self._rejected]

    def reject(self, record: Record, field_label: str, reason: str) -> None:
        self._rejected.add(record.line)
        self.status.pop(record.line, None)
        self.rejections.append((record.line, field_label, reason))

    def duplicate(self, record: Record) -> None:
        """The file already had this record's key; the run says which line once the file is read."""
        self._rejected.add(record.line)
        self.status.pop(record.line, None)
        self.duplicates.append(record)

    def mark(self, records: Sequence[Record], statuses: Sequence[str]) -> None:
        """Record each row's outcome; a row that changed anything counts as loaded."""
        for record, status in zip(records, statuses, strict=True):
            if record.line in self._rejected:
                continue
            if status == DUPLICATE:
                self.duplicate(record)
            elif status == LOADED or record.line not in self.status:
                self.status[record.line] = status

    def rejected_lines(self) -> int:
        return len(self._rejected)
