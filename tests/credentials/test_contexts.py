"""Only shipped JSON-LD contexts are ever loaded, and nothing is silently left unsigned."""
from __future__ import annotations

import copy
import socket

import pytest

from webapp.credentials import CanonicalizationError, ContextNotShipped
from webapp.credentials.canonical import canonicalize
from webapp.credentials.loader import CONTEXT_DIR, SHIPPED_CONTEXTS, load_shipped_document

from .conftest import SHARED

V2 = "https://www.w3.org/ns/credentials/v2"


@pytest.fixture
def no_network(monkeypatch):
    """Any connection attempt fails the test loudly, instead of quietly reaching the network."""

    def refuse(*args, **kwargs):
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_every_url_maps_to_a_shipped_file_and_every_file_is_mapped():
    shipped = {path.name for path in CONTEXT_DIR.iterdir() if path.suffix in (".json", ".jsonld")}
    assert set(SHIPPED_CONTEXTS.values()) == shipped
    for url in SHIPPED_CONTEXTS:
        remote = load_shipped_document(url)
        assert remote["documentUrl"] == url and "@context" in remote["document"]


def test_shipped_files_are_exact_copies_of_the_shared_ones():
    sources = list((SHARED / "data" / "clr-ob-schemas" / "contexts").iterdir())
    sources += list((SHARED / "data" / "eddsa-rdfc-2022-vectors" / "contexts").iterdir())
    for source in sources:
        assert (CONTEXT_DIR / source.name).read_bytes() == source.read_bytes(), source.name


def test_each_call_returns_a_fresh_copy():
    first = load_shipped_document(V2)
    first["document"]["@context"]["tampered"] = "x"
    assert "tampered" not in load_shipped_document(V2)["document"]["@context"]


def test_unknown_context_is_refused_with_its_url(no_network):
    document = {"@context": [V2, "https://contexts.example/unknown/v1"], "type": ["VerifiableCredential"]}
    with pytest.raises(ContextNotShipped) as caught:
        canonicalize(document)
    assert caught.value.url == "https://contexts.example/unknown/v1"
    assert "never fetched from the network" in str(caught.value)


def test_undefined_term_is_refused_rather_than_dropped(no_network):
    document = {"@context": {"name": "https://schema.org/name"}, "@id": "urn:x:1", "name": "A", "nickname": "B"}
    with pytest.raises(CanonicalizationError, match="'nickname' is not defined"):
        canonicalize(document)


def test_relative_type_is_refused(no_network):
    document = {"@context": {"name": "https://schema.org/name"}, "@id": "urn:x:1", "@type": "Unknown", "name": "A"}
    with pytest.raises(CanonicalizationError, match="'Unknown' is not an absolute IRI"):
        canonicalize(document)


def test_invalid_json_ld_is_reported_plainly(no_network):
    with pytest.raises(CanonicalizationError, match="not valid JSON-LD"):
        canonicalize({"@context": 5, "@id": "urn:x:1"})


def test_relative_id_is_refused(no_network):
    document = {"@context": {"name": "https://schema.org/name"}, "@id": "credentials/1", "name": "A"}
    with pytest.raises(CanonicalizationError, match="'credentials/1' is not an absolute IRI"):
        canonicalize(document)


def test_inline_contexts_still_work_and_the_input_is_untouched(no_network):
    document = {"@context": {"name": "https://schema.org/name"}, "@id": "urn:x:1", "name": "A"}
    before = copy.deepcopy(document)
    assert canonicalize(document) == '<urn:x:1> <https://schema.org/name> "A" .\n'
    assert document == before
