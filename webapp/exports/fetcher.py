"""The only way the PDF renderer may load anything: our own static files, read from disk.

A record holds text other people typed (course names, notes, portfolio titles). Should any of
it ever reach the HTML as a link, the renderer must not fetch it: no network, no other files,
no data: URLs. Everything but a file under static/ is refused and the refusal is remembered,
so tests (and logs) can show what was asked for.
"""
from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

LOGGER = logging.getLogger(__name__)


class RefusedURL(ValueError):
    """A URL outside our static files."""


class StaticFilesOnly(URLFetcher):
    """Serves file: URLs inside `root` (after resolving "..", symlinks and %-escapes); refuses the rest."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=False)
        self.root = Path(root).resolve()
        self.refused: list[str] = []

    @property
    def base_url(self) -> str:
        """Relative links in the templates ("css/pdf.css") resolve against this."""
        return self.root.as_uri() + "/"

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self._static_path(url)
        if path is None:
            self.refused.append(url)
            LOGGER.warning("PDF export refused to fetch %s", url[:200])
            raise RefusedURL(f"only Family Backpack's own static files can be used in a PDF, not {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    def _static_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost") or parts.query:
            return None
        try:
            path = Path(unquote(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not path.is_file() or not path.is_relative_to(self.root):
            return None
        return path
