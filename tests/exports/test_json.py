"""The JSON download: the whole record, the consent history and the disclosure log, valid against
docs/record.schema.json (our own schema)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import select

from consent.categories import CATEGORY_CODES
from tests.factories import make_student
from webapp import db
from webapp.exports.record_json import FORMAT, render_json
from webapp.models import DisclosureEntry
from webapp.store.backpack import load_backpack, to_json

from .conftest import record_of

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "record.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator():
    Draft202012Validator.check_schema(SCHEMA)
    return Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(validator, document) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_whole_record_with_consent_history_and_disclosure_log_matches_the_schema(k12, validator):
    for lang in ("en", "es"):
        document = json.loads(render_json(record_of(k12.student, lang)))
        assert errors(validator, document) == []
        assert document["format"] == FORMAT and document["lang"] == lang
        assert document["record"] == to_json(load_backpack(db.session(), k12.student.id), lang)
        assert document["categories"] == list(CATEGORY_CODES)


def test_consent_history_and_who_looked(k12):
    document = json.loads(render_json(record_of(k12.student)))
    history = {grant["recipient_name"]: grant for grant in document["consent_history"]}
    assert history["Ms. Lee"]["status"] == "active"
    assert history["Ms. Lee"]["categories"] == ["grades", "state_tests"]
    assert [e["kind"] for e in history["Bright Futures Tutoring"]["events"]] == ["granted", "revoked"]
    assert history["Bright Futures Tutoring"]["events"][1]["by_name"] == "Rosa Hernández"
    stored = db.session().scalars(select(DisclosureEntry).where(
        DisclosureEntry.student_public_id == k12.student.public_id)).all()
    assert [(e["seq"], e["hash"], e["viewer_name"]) for e in document["disclosure_log"]] == \
        [(row.seq, row.hash, "Ms. Lee") for row in stored]
    assert document["disclosure_log"][0]["categories"] == ["grades", "state_tests"]


def test_a_record_with_nothing_yet_matches_the_schema(app, db_session, validator):
    newcomer = make_student(db_session, None, grade_level="KN", birth_date=None)
    db_session.commit()
    document = json.loads(render_json(record_of(newcomer)))
    assert errors(validator, document) == []
    assert document["district"] is None and document["record"]["readiness"] is None
    assert document["consent_history"] == [] and document["disclosure_log"] == []


def test_the_schema_catches_a_broken_document(k12, validator):
    document = json.loads(render_json(record_of(k12.student)))
    document["disclosure_log"][0]["hash"] = "not a hash"
    document["record"]["grades"]["years"][0]["terms"][0]["courses"][0]["completed"] = "yes"
    del document["consent_history"][0]["events"]
    found = errors(validator, document)
    assert any("hash" in e for e in found) and any("completed" in e for e in found)
    assert any("events" in e for e in found)
