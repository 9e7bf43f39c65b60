"""The CLR 2.0 credential built from the read model: shaped like the data model, signed by the district,
verified offline by `backpack verify`, and rejected after any single-field change."""
from __future__ import annotations

import copy
import dataclasses
import hashlib
import json

import pytest

from tests.credentials.conftest import EXAMPLES, read_json
from tests.factories import make_district, make_school, make_student, make_student_with_history
from webapp.cli import main
from webapp.credentials import verify_credential
from webapp.credentials.clr import CLR_SCHEMA
from webapp.exports.clr import NothingToIssue, build_clr
from webapp.store.backpack import to_json

from . import clr_model
from .conftest import record_of


@pytest.fixture
def short_history(app, db_session):
    school = make_school(db_session, make_district(db_session, name="Sunrise Valley Unified"), name="Lincoln High")
    student = make_student_with_history(db_session, school, years=2, last_grade="10", first_name="Leo")
    db_session.commit()
    return student


@pytest.fixture
def verify(app, tmp_path):
    runner = app.test_cli_runner()

    def run(document: dict, *extra: str):
        path = tmp_path / "credential.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return runner.invoke(main, ["verify", str(path), *extra])

    return run


def test_k12_record_as_a_signed_clr(k12, signing_key):
    record = record_of(k12.student)
    clr = build_clr(record, signing_key)
    assert verify_credential(clr).ok
    assert clr_model.problems(clr) == []
    example = read_json(EXAMPLES / "clr20-clrcredential-simple.json")
    assert clr["@context"] == example["@context"]
    assert clr["credentialSchema"] == [{"id": CLR_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}]
    assert clr["issuer"] == {"id": signing_key.did, "type": ["Profile"], "name": "Sunrise Valley Unified"}

    nested = [c["credentialSubject"] for c in clr["credentialSubject"]["verifiableCredential"]]
    by_type: dict[str, list] = {}
    for subject in nested:
        by_type.setdefault(subject["achievement"]["achievementType"], []).append(subject)
    courses = [c for y in record.backpack.grades.years for t in y.terms for c in t.courses]
    scores = [s for h in record.backpack.state_tests.tests for s in h.years]
    assert len(by_type["Course"]) == len(courses) == 78
    assert len(by_type["Assessment"]) == len(scores) == 39
    assert [s["achievement"]["name"] for s in by_type["Award"]] == ["State Seal of Biliteracy"]
    [rfep] = by_type["Achievement"]
    assert rfep["achievement"]["name"] == "Reclassified as fluent in English (RFEP)"
    assert rfep["activityEndDate"] == record.backpack.english_learning.reclassified_on.isoformat()

    course = courses[0]
    first = by_type["Course"][0]
    assert first["achievement"]["name"] == course.name
    assert first["result"][0]["value"] == course.final_grade and first["result"][0]["status"] == "Completed"
    assert first["creditsEarned"] == float(course.credits_earned)
    assert first["term"] == "2011-2012 Semester 1 (fall)"
    score = scores[0]
    test = next(s for s in by_type["Assessment"] if s["term"] == score.academic_year)
    assert test["result"][0]["value"] == str(score.scale_score)

    kinds = {a["associationType"] for a in clr["credentialSubject"]["association"]}
    assert kinds == {"isChildOf", "precedes", "isRelatedTo"}
    requirements = {a["humanCode"] for a in clr["credentialSubject"]["achievement"]}
    assert requirements == {"B", "C", "D"}  # the a–g areas of the courses taken

    # the SSID is only in the credential as a salted hash
    assert k12.student.ssid not in json.dumps(clr)
    name, ssid = clr["credentialSubject"]["identifier"]
    assert name["identityHash"] == "Maya Hernández" and not name["hashed"]
    assert ssid["identityHash"] == "sha256$" + hashlib.sha256((k12.student.ssid + ssid["salt"]).encode()).hexdigest()


def test_spanish_wording(short_history, signing_key):
    clr = build_clr(record_of(short_history, "es"), signing_key)
    assert clr["name"].startswith("Registro completo del estudiante de ")
    names = {c["credentialSubject"]["achievement"]["name"] for c in clr["credentialSubject"]["verifiableCredential"]}
    assert any(name.startswith("Prueba estatal de artes del lenguaje") for name in names)


def test_backpack_verify_accepts_ours_and_rejects_each_single_field_change(short_history, signing_key, verify):
    clr = build_clr(record_of(short_history), signing_key)
    accepted = verify(clr)
    assert accepted.exit_code == 0, accepted.stderr
    assert f"Valid: issued by {signing_key.did}" in accepted.output

    def changed(edit):
        document = copy.deepcopy(clr)
        edit(document)
        return verify(document)

    tamperings = {
        "subject": lambda d: d["credentialSubject"]["identifier"][0].update(identityHash="Someone Else"),
        "nested result": lambda d: d["credentialSubject"]["verifiableCredential"][0]["credentialSubject"]["result"][0]
        .update(value="A+"),
        "issuer": lambda d: d["issuer"].update(name="Another District"),
        "date": lambda d: d.update(validFrom="2020-01-01T00:00:00Z"),
        "proof": lambda d: d["proof"].update(proofValue=d["proof"]["proofValue"][:-2] + "zz"),
    }
    for what, edit in tamperings.items():
        result = changed(edit)
        assert result.exit_code == 1, what
        assert result.stderr.startswith("Invalid:"), (what, result.stderr)


def test_verify_with_a_schema_the_user_supplies(short_history, signing_key, verify, tmp_path):
    clr = build_clr(record_of(short_history), signing_key)
    schema = {"$schema": "https://json-schema.org/draft/2019-09/schema", "type": "object",
              "required": ["credentialSubject"],
              "properties": {"type": {"contains": {"const": "ClrCredential"}},
                             "credentialSubject": {"required": ["verifiableCredential"]}}}
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    assert verify(clr, "--schema", str(tmp_path / "schema.json")).exit_code == 0
    schema["required"].append("endorsement")
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    refused = verify(clr, "--schema", str(tmp_path / "schema.json"))
    assert refused.exit_code == 1 and "endorsement" in refused.stderr


def test_only_visible_categories_go_in_and_the_clr_says_it_is_partial(short_history, signing_key):
    clr = build_clr(record_of(short_history, categories=["grades"]), signing_key)
    types = {c["credentialSubject"]["achievement"]["achievementType"]
             for c in clr["credentialSubject"]["verifiableCredential"]}
    assert types == {"Course"} and clr["partial"] is True
    assert "partial" not in build_clr(record_of(short_history), signing_key)


def test_personal_bests_from_the_learner_profile(short_history, signing_key):
    @dataclasses.dataclass(frozen=True)
    class PersonalBest:
        title: str
        description: str
        value: str

    record = record_of(short_history)
    backpack = dataclasses.replace(record.backpack, personal_bests=(
        PersonalBest("Science fair", "First place at the district science fair", "1st place"),))
    record = dataclasses.replace(record, backpack=backpack, data=to_json(backpack, "en", record.categories))
    clr = build_clr(record, signing_key)
    [best] = [c["credentialSubject"] for c in clr["credentialSubject"]["verifiableCredential"]
              if "Personal best" in c["credentialSubject"]["achievement"].get("tag", [])]
    assert best["achievement"]["name"] == "Science fair" and best["result"][0]["value"] == "1st place"
    assert verify_credential(clr).ok and clr_model.problems(clr) == []


def test_a_record_with_nothing_to_issue_is_refused_plainly(app, db_session, signing_key):
    newcomer = make_student(db_session, None, grade_level="KN")
    db_session.commit()
    with pytest.raises(NothingToIssue, match="no courses, state test results or milestones"):
        build_clr(record_of(newcomer), signing_key)
