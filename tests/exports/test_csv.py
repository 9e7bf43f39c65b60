"""The CSV zip: every value of the read model appears in its category's file; plain headers, a data
dictionary that describes every column, UTF-8 with a byte-order mark, written while it streams."""
from __future__ import annotations

import csv
import io
import zipfile

from consent.categories import CATEGORY_CODES
from tests.factories import make_district, make_school, make_student
from webapp.exports.csvzip import DICTIONARY, csv_files, csv_zip_chunks
from webapp.exports.tables import category_table, number
from webapp.store.headings import word

from .conftest import record_of


def scalars(value, lang):
    """Every leaf value of a to_json part, as the CSV writes it."""
    if isinstance(value, dict):
        for item in value.values():
            yield from scalars(item, lang)
    elif isinstance(value, list):
        for item in value:
            yield from scalars(item, lang)
    elif value is None:
        return
    elif isinstance(value, bool):
        yield word("yes" if value else "no", lang)
    elif isinstance(value, (int, float)):
        yield number(value)
    else:
        yield str(value)


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_every_value_of_the_read_model_is_in_the_csv(k12):
    for lang in ("en", "es"):
        record = record_of(k12.student, lang)
        files = csv_files(record)
        assert set(files) == {f"{code}.csv" for code in CATEGORY_CODES} | {DICTIONARY}
        for code in CATEGORY_CODES:
            rows = read(files[f"{code}.csv"])
            cells = {cell for row in rows[1:] for cell in row}
            kinds = [column.kind for column in category_table(code, record.data[code]).columns]
            in_lists = [cell for row in rows[1:] for cell, kind in zip(row, kinds) if kind in ("list", "places")]
            missing = [v for v in scalars(record.data[code], lang)
                       if v not in cells and not any(v in cell for cell in in_lists)]
            assert missing == [], f"{code}.csv ({lang}) lacks {missing[:5]}"


def test_one_row_per_course_carrying_its_year_and_term(k12):
    record = record_of(k12.student)
    rows = read(csv_files(record)["grades.csv"])
    header, body = rows[0], rows[1:]
    courses = [c for y in record.data["grades"]["years"] for t in y["terms"] for c in t["courses"]]
    assert len(body) == len(courses) == 78
    first = dict(zip(header, body[0]))
    assert first["School year"] == "2011-2012"
    assert first["Term"] == "Semester 1 (fall)" and first["Term (code)"] == "S1"
    assert first["Overall GPA"] == number(record.data["grades"]["cumulative_gpa"])
    assert "Courses – Credits earned" in header and "By year – Credits earned" in header


def test_headers_are_plain_words_and_unique(k12):
    for lang in ("en", "es"):
        for name, text in csv_files(record_of(k12.student, lang)).items():
            rows = read(text)
            if not rows:
                continue
            assert len(set(rows[0])) == len(rows[0]), (name, lang)
            assert not any("_" in header.split(" [")[0] for header in rows[0]), (name, rows[0])


def test_learner_profile_files_have_plain_headers_too(k12, tmp_path):
    """Personal bests, portfolio, goals, badges and activities as the demo student keeps them."""
    from webapp import db
    from webapp.portfolio.demo import seed_leo
    from webapp.portfolio.storage import LocalStorage

    assert seed_leo(db.session(), k12.student.ssid, blobs=LocalStorage(tmp_path / "uploads"))
    db.session().commit()
    for lang in ("en", "es"):
        files = csv_files(record_of(k12.student, lang))
        for name in ("personal_bests.csv", "portfolio.csv", "goals.csv", "badges.csv", "activities.csv"):
            rows = read(files[name])
            assert len(rows) > 1, name
            assert not any("_" in header.split(" [")[0] for header in rows[0]), (name, lang, rows[0])
    assert "Watershed poster" in files["personal_bests.csv"] and "Food bank volunteer" in files["activities.csv"]


def test_bom_and_a_dictionary_line_for_every_column(k12):
    record = record_of(k12.student)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(csv_zip_chunks(record))))
    files = {name: archive.read(name) for name in archive.namelist()}
    assert all(data.startswith(b"\xef\xbb\xbf") for data in files.values())
    dictionary = read(files[DICTIONARY].decode("utf-8-sig"))
    assert dictionary[0] == ["File", "Column", "Field in the JSON download", "Kind of value", "Code list"]
    described = {(row[0], row[1]) for row in dictionary[1:]}
    for name, data in files.items():
        if name == DICTIONARY:
            continue
        header = read(data.decode("utf-8-sig"))[0] if data.strip(b"\xef\xbb\xbf\r\n") else []
        assert {(name, column) for column in header} <= described, name
    kinds = {row[1]: row[3] for row in dictionary[1:] if row[0] == "grades.csv"}
    assert kinds["Grade (code)"] == "Code from the school's files"
    assert kinds["Finished"] == "Yes or no" and kinds["Overall GPA"] == "Number"


def test_columns_stay_the_same_whatever_the_history_holds(app, db_session, k12):
    newcomer = make_student(db_session, make_school(db_session, make_district(db_session)), grade_level="KN")
    db_session.commit()
    full, empty = csv_files(record_of(k12.student)), csv_files(record_of(newcomer))
    for code in ("demographics", "attendance", "behavior", "grades", "state_tests", "english_learning", "supports",
                 "readiness"):
        assert read(full[f"{code}.csv"])[0] == read(empty[f"{code}.csv"])[0], code
    assert len(read(empty["grades.csv"])) == 2  # the header and one row with the (empty) totals
    assert read(empty["readiness.csv"])[1:] == []  # readiness is for grades 9–12 only


def test_the_zip_is_handed_on_while_it_is_written(k12):
    chunks = list(csv_zip_chunks(record_of(k12.student)))
    assert len(chunks) > len(CATEGORY_CODES)
    assert all(chunks)
    assert zipfile.ZipFile(io.BytesIO(b"".join(chunks))).testzip() is None
