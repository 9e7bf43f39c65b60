"""Where upload bytes live: content-addressed blobs (named by their sha256), behind a tiny interface so an
object store can replace the local directory later without touching the rest of the portfolio.

The same bytes always land at the same name, so a file uploaded twice is stored once.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Iterator, Protocol

from flask import current_app

SHA256 = re.compile(r"[0-9a-f]{64}")


class BlobStorage(Protocol):
    def put(self, data: bytes) -> str: ...
    def get(self, digest: str) -> bytes: ...
    def exists(self, digest: str) -> bool: ...
    def delete(self, digest: str) -> None: ...
    def written_before(self, moment: float) -> Iterator[str]: ...


class LocalStorage:
    """Blobs under `root/ab/cd/<sha256>`; writes go to a temporary file first, then an atomic rename."""

    def __init__(self, root: Path | str):
        self.root = Path(root)

    def _path(self, digest: str) -> Path:
        if not SHA256.fullmatch(digest):  # a digest is the only name ever turned into a path
            raise ValueError("not a sha256 digest")
        return self.root / digest[:2] / digest[2:4] / digest

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        path = self._path(digest)
        if path.exists():
            os.utime(path)  # freshly used again: the sweep leaves it alone until this upload has committed
            return digest
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return digest

    def get(self, digest: str) -> bytes:
        return self._path(digest).read_bytes()

    def exists(self, digest: str) -> bool:
        return self._path(digest).exists()

    def delete(self, digest: str) -> None:
        self._path(digest).unlink(missing_ok=True)

    def written_before(self, moment: float) -> Iterator[str]:
        """Digests of the blobs last written (or re-uploaded) before `moment`, a Unix time."""
        if not self.root.exists():
            return
        for path in self.root.glob("*/*/*"):
            if SHA256.fullmatch(path.name) and path.is_file() and path.stat().st_mtime < moment:
                yield path.name

    def count(self) -> int:
        """How many blobs are stored (for tests and the admin's curiosity)."""
        return sum(1 for p in self.root.glob("*/*/*") if p.is_file()) if self.root.exists() else 0


def storage() -> BlobStorage:
    """The app's blob storage (one per app, made on first use)."""
    found = current_app.extensions.get("portfolio_storage")
    if found is None:
        found = current_app.extensions["portfolio_storage"] = LocalStorage(current_app.config["UPLOAD_DIR"])
    return found
