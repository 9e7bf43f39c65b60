"""A JSON-LD document loader that serves only the context files shipped in this package.

Signing and verifying must give the same answer on any machine, offline, and must not let a
document make the server fetch URLs; so every other URL is refused with ContextNotShipped.
contexts/SOURCES.txt records where each file comes from.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

CONTEXT_DIR = Path(__file__).resolve().parent / "contexts"

SHIPPED_CONTEXTS = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://www.w3.org/ns/credentials/examples/v2": "credentials-examples-v2.jsonld",
    "https://w3id.org/security/data-integrity/v2": "data-integrity-v2.jsonld",
    "https://w3id.org/security/multikey/v1": "multikey-v1.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": "ob-v3p0-extensions.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": "clr-v2p0-context-2.0.1.json",
    "https://w3id.org/citizenship/v4rc1": "citizenship-v4rc1.jsonld",
}


class ContextNotShipped(LookupError):
    """The document needs a JSON-LD context this app does not ship (and will not download)."""

    def __init__(self, url: str):
        self.url = url
        super().__init__(
            f"the JSON-LD context {url} is not one of the contexts shipped with Family Backpack, "
            "and contexts are never fetched from the network"
        )


@lru_cache(maxsize=None)
def _context_text(filename: str) -> str:
    return (CONTEXT_DIR / filename).read_text(encoding="utf-8")


def load_shipped_document(url: str, options: dict | None = None) -> dict:
    """pyld documentLoader: a fresh parsed copy each call, since pyld may rewrite what it gets."""
    filename = SHIPPED_CONTEXTS.get(url)
    if filename is None:
        raise ContextNotShipped(url)
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(_context_text(filename)),
    }
