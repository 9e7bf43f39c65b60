"""The official W3C eddsa-rdfc-2022 test vectors, reproduced byte for byte at every step."""
from __future__ import annotations

from datetime import datetime

import pytest

from webapp.credentials.canonical import canonicalize
from webapp.credentials.did_key import resolve_verification_method
from webapp.credentials.eddsa_rdfc_2022 import ProofError, create_proof, hash_inputs, proof_configuration, verify_proof
from webapp.credentials.multibase import decode_base58btc

from .conftest import VECTORS, read_json

CASES = {"alumni": ("unsigned.json", VECTORS / "eddsa-rdfc-2022"), "employ": ("employmentAuth.json", VECTORS / "eddsa-rdfc-2022" / "employ")}


@pytest.fixture(params=sorted(CASES))
def case(request):
    unsigned_name, folder = CASES[request.param]
    signed = read_json(folder / "signedDataInt.json")
    options = {key: value for key, value in signed["proof"].items() if key != "proofValue"}
    return read_json(VECTORS / unsigned_name), folder, options, signed


def text(folder, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def test_canonical_document(case):
    unsigned, folder, _, _ = case
    assert canonicalize(unsigned) == text(folder, "canonDocDataInt.txt")


def test_proof_configuration_and_its_canonical_form(case):
    unsigned, folder, options, _ = case
    config = proof_configuration(unsigned, options)
    assert config == read_json(folder / "proofConfigDataInt.json")
    assert canonicalize(config) == text(folder, "proofCanonDataInt.txt")


def test_hashes(case):
    unsigned, folder, options, _ = case
    inputs = hash_inputs(unsigned, options)
    assert inputs.document_hash.hex() == text(folder, "docHashDataInt.txt")
    assert inputs.proof_hash.hex() == text(folder, "proofHashDataInt.txt")
    assert inputs.hash_data.hex() == text(folder, "combinedHashDataInt.txt")


def test_signature_and_proof_value(case, vector_key):
    unsigned, folder, options, signed = case
    created = datetime.fromisoformat(options["created"].replace("Z", "+00:00"))
    proof = create_proof(unsigned, vector_key.private_key, options["verificationMethod"], created)
    assert decode_base58btc(proof["proofValue"]).hex() == text(folder, "sigHexDataInt.txt")
    assert proof["proofValue"] == text(folder, "sigBTC58DataInt.txt")
    assert {**unsigned, "proof": proof} == signed


def test_signed_vector_verifies_with_its_did_key(case):
    _, _, _, signed = case
    method = resolve_verification_method(signed["proof"]["verificationMethod"])
    assert method.key_bound_to_controller
    verify_proof(signed, signed["proof"], method.public_key)  # raises ProofError when it does not verify


def test_signed_vector_with_one_changed_character_fails(case):
    _, _, _, signed = case
    method = resolve_verification_method(signed["proof"]["verificationMethod"])
    altered = {**signed, "validFrom": signed["validFrom"].replace("0", "1", 1)}
    with pytest.raises(ProofError, match="does not match the document"):
        verify_proof(altered, signed["proof"], method.public_key)
