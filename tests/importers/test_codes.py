"""The code tables: every set loads, labels exist in both languages, unknown codes stay visible."""
from __future__ import annotations

import csv

import pytest

from webapp import codes

SHARED_COURSE_GROUPS = "/work/shared/formats/CALPADS_course_groups_validcodes_v12.csv"


@pytest.mark.parametrize("code_set", codes.code_sets())
def test_every_row_has_both_labels_and_unique_codes(code_set):
    with (codes.DATA / f"{code_set}.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows, code_set
    assert [c for c in ("code", "label_en", "label_es")] == list(rows[0])[:3]
    assert len({r["code"] for r in rows}) == len(rows)
    for r in rows:
        assert r["code"].strip() == r["code"] and r["code"]
        assert r["label_en"].strip() and r["label_es"].strip(), (code_set, r["code"])


def test_label_known_unknown_and_missing():
    assert codes.label("elas", "RFEP") == "Now fluent in English (reclassified)"
    assert codes.label("elas", "RFEP", "es") == "Ya domina el inglés (reclasificado)"
    assert codes.label("elas", "RFEP", "es-MX") == "Ya domina el inglés (reclasificado)"
    assert codes.label("program", "999") == "code 999"
    assert codes.label("program", "999", "es") == "código 999"
    assert codes.label("program", None) == ""
    assert codes.label("program", "  ") == ""
    assert codes.label("grade_level", " KN ") == "Kindergarten"


def test_known_and_row():
    assert codes.known("grade_level", "KN")
    assert not codes.known("grade_level", "ZZ")
    assert not codes.known("grade_level", None)
    offense = codes.row("offense", "300")
    assert offense["federal_category"] == "D"
    assert codes.row("offense", "999") is None
    assert codes.row("program", "101")["membership"] == "1"
    assert "assumption" in codes.row("incident_result", "100")["note"].lower()


def test_unknown_code_set_is_a_programming_error():
    with pytest.raises(KeyError):
        codes.label("no_such_set", "1")


def test_required_code_sets_exist():
    for name in ("grade_level", "enrollment_status", "exit_reason", "completion_status", "program", "elas",
                 "offense", "weapon", "incident_result", "ag", "course_group", "term", "parent_education",
                 "sbac_level", "caa_level", "elpac_level", "condition_code"):
        assert name in codes.code_sets()


def test_incident_results_and_terms_are_the_documented_assumptions():
    assert {r for r in ("100", "110", "200", "300") if codes.known("incident_result", r)} == {"100", "110", "200", "300"}
    assert all(codes.known("term", t) for t in ("FY", "S1", "S2", "Q1", "Q2", "Q3", "Q4", "T1", "T2", "T3", "SS"))


def test_sbac_bands_match_calpads_table():
    assert codes.sbac_bands("ela", 3) == (2367, 2432, 2490)
    assert codes.sbac_bands("math", "11") == (2543, 2628, 2718)
    assert codes.sbac_bands("MATH", 8) == (2504, 2586, 2653)
    for subject in codes.SUBJECTS:
        for grade in (3, 4, 5, 6, 7, 8, 11):
            low = codes.sbac_bands(subject, grade)
            assert low[0] < low[1] < low[2]
    with pytest.raises(KeyError):
        codes.sbac_bands("ela", 9)


def test_course_groups_cover_the_state_table():
    """One row per state course code; a code listed twice in the source keeps its newest name."""
    with open(SHARED_COURSE_GROUPS, encoding="utf-8", newline="") as f:
        shared = list(csv.DictReader(f))
    names: dict[str, set[str]] = {}
    for source in shared:
        names.setdefault(source["state_course_code"], set()).add(" ".join(source["course_group_name"].split()))
    for source in shared:
        ours = codes.row("course_group", source["state_course_code"])
        assert ours is not None, source["state_course_code"]
        assert ours["label_en"] in names[source["state_course_code"]]
        assert ours["content_area_code"] == source["content_area_code"]
        assert ours["meets_uc_csu"] == source["meets_uc_csu"]
    assert codes.label("course_group", "5752") == "Computer gaming and design"
    assert codes.row("course_group", "5752")["last_year"] == "2015-2016"
    assert codes.label("content_area", codes.row("course_group", "2413")["content_area_code"]) == "Math"
    assert codes.label("course_group", "2413", "es") == "Geometría"
