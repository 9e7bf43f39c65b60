"""RDF Dataset Canonicalization (RDFC-1.0, called URDNA2015 in pyld) in "safe mode".

A JSON-LD processor silently drops terms its contexts do not define, and triples whose IRIs are
relative; a signature would then not cover what a reader sees. Data Integrity asks for an error
instead, so this module refuses such documents rather than canonicalizing what is left.
"""
from __future__ import annotations

import re

from cachetools import LRUCache
from pyld.context_resolver import ContextResolver
from pyld.jsonld import JsonLdError, JsonLdProcessor

from .loader import ContextNotShipped, load_shipped_document

_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# Our own cache, so contexts resolved by any other loader in the process are never reused here.
_RESOLVED_CONTEXTS = LRUCache(maxsize=64)


class CanonicalizationError(ValueError):
    """The document cannot be canonicalized without losing or misreading part of it."""


def canonicalize(document: dict) -> str:
    """The RDFC-1.0 canonical N-Quads of a JSON-LD document, contexts from the package only."""
    processor = JsonLdProcessor(on_property_dropped=_refuse_dropped_term)
    options = {
        "base": None,  # keep relative IRIs relative (pyld would resolve them against an example.org base)
        "documentLoader": load_shipped_document,
        "contextResolver": ContextResolver(_RESOLVED_CONTEXTS, load_shipped_document),
    }
    try:
        expanded = processor.expand(document, dict(options))
        _refuse_relative_iris(expanded)
        return processor.normalize(
            expanded, {**options, "algorithm": "URDNA2015", "format": "application/n-quads"}
        )
    except JsonLdError as exc:
        missing = _context_not_shipped(exc)
        if missing is not None:
            raise missing from None
        raise CanonicalizationError(f"not valid JSON-LD: {_describe(exc)}") from None


def _refuse_dropped_term(term: str | None) -> None:
    raise CanonicalizationError(
        f"the property {term!r} is not defined by the document's @context, so a signature would not cover it"
    )


def _refuse_relative_iris(node) -> None:
    """Relative @id and @type values produce no triples, so they would go unsigned too."""
    if isinstance(node, list):
        for item in node:
            _refuse_relative_iris(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("@id", "@type"):
                for iri in value if isinstance(value, list) else [value]:
                    if isinstance(iri, str) and not _is_absolute_or_blank(iri):
                        raise CanonicalizationError(
                            f"the {key[1:]} {iri!r} is not an absolute IRI (or undefined in the @context)"
                        )
            else:
                _refuse_relative_iris(value)


def _is_absolute_or_blank(iri: str) -> bool:
    return iri.startswith(("_:", "@")) or bool(_ABSOLUTE_IRI.match(iri))


def _context_not_shipped(exc: BaseException) -> ContextNotShipped | None:
    while exc is not None:
        if isinstance(exc, ContextNotShipped):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def _describe(exc: JsonLdError) -> str:
    messages = []
    while isinstance(exc, JsonLdError):
        messages.append(str(exc.args[0]) + (f" ({exc.code})" if exc.code else ""))
        exc = exc.__cause__
    return "; ".join(messages)
