"""Paths to the official files in ../shared and the W3C test-vector key pair."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from webapp.credentials import SigningKey

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
VECTORS = SHARED / "data" / "eddsa-rdfc-2022-vectors"
EXAMPLES = SHARED / "data" / "clr-ob-schemas" / "examples"


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def vector_key_pair() -> dict:
    return read_json(VECTORS / "keyPair.json")


@pytest.fixture(scope="session")
def vector_key(vector_key_pair) -> SigningKey:
    return SigningKey.from_multibase(vector_key_pair["privateKeyMultibase"])
