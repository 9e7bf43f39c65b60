"""Teacher notes and family statements reach every place a record is shown: the family's pages, the
recipient's view (only with the category the statement is about) and every export (34 CFR 99.21(c)).
A draft note is the teacher's alone. SQLite and PostgreSQL."""
from __future__ import annotations

import subprocess
from datetime import date, timedelta

import pytest

from tests.factories import add_enrollment
from webapp import create_app, db
from webapp.exports.csvzip import csv_files
from webapp.exports.pdf import render_pdf
from webapp.exports.record import gather_record
from webapp.models import CorrectionRequest, FamilyStatement, TeacherNote, utcnow

from .family_support import THIS_YEAR, Family, _account, add_live_grant, make_family, sign_in, site  # noqa: F401

NOTE = "Maya asks good questions in science and helps her table group."
DRAFT = "Not finished: about her reading log."
STATEMENT = "Maya was at the dentist on 3 March and brought a note the next day."
REASON = "The attendance sheet signed by the teacher shows her absent."


@pytest.fixture
def family(site, db_session) -> Family:
    family = make_family(db_session)
    add_enrollment(db_session, family.maya, family.maya.school, THIS_YEAR - 1)
    term = f"{THIS_YEAR}-{THIS_YEAR + 1}/fall"
    db_session.add_all([
        TeacherNote(student_id=family.maya.id, author_name="Dana Okafor", term=term, text=NOTE,
                    published_at=utcnow() - timedelta(days=1)),
        TeacherNote(student_id=family.maya.id, author_name="Ray Park", term=term, text=DRAFT),
    ])
    request = CorrectionRequest(student_id=family.maya.id, school_id=family.maya.school_id,
                                requested_by_name="Rosa Lopez", category="attendance",
                                field_key="attendance.days_absent", field_label="Days absent this year",
                                what_is_wrong="She was at the dentist.", due_on=date.today() + timedelta(days=45),
                                state="statement_added", decision_note=REASON)
    db_session.add(request)
    db_session.flush()
    db_session.add(FamilyStatement(request_id=request.id, student_id=family.maya.id, category="attendance",
                                   field_key=request.field_key, field_label=request.field_label, text=STATEMENT,
                                   author_name="Rosa Lopez"))
    db_session.commit()
    return family


def test_the_family_reads_published_notes_and_their_statement_next_to_the_record(site, db_session, family):
    rosa = sign_in(site, db_session, family.rosa)
    notes = rosa.get(f"/c/{family.maya.public_id}/narratives").get_data(as_text=True)
    assert NOTE in notes and "Dana Okafor" in notes and DRAFT not in notes
    attendance = rosa.get(f"/c/{family.maya.public_id}/attendance").get_data(as_text=True)
    assert STATEMENT in attendance and REASON in attendance
    grades = rosa.get(f"/c/{family.maya.public_id}/grades").get_data(as_text=True)
    assert STATEMENT not in grades


@pytest.mark.parametrize("categories, sees_statement", [(("attendance",), True), (("grades",), False)])
def test_a_recipient_sees_the_statement_only_with_the_record_it_is_about(site, db_session, family, categories,
                                                                         sees_statement):
    tutor = _account(db_session, "Ms. Lee", "recipient")
    add_live_grant(db_session, family.maya, family.rosa, tutor, categories=categories + ("narratives",))
    db_session.commit()
    page = sign_in(site, db_session, tutor).get(f"/shared/{family.maya.public_id}").get_data(as_text=True)
    assert NOTE in page and DRAFT not in page
    assert (STATEMENT in page) is sees_statement


def test_every_export_carries_the_notes_and_the_statement(site, family):
    with site.app_context():
        record = gather_record(db.session(), family.maya.id)
        pdf = render_pdf(record)
        files = csv_files(record)
        only_grades = gather_record(db.session(), family.maya.id, categories=["grades"])
    text = " ".join(subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
                    .stdout.decode().split())
    assert STATEMENT[:40] in text and NOTE[:40] in text
    assert STATEMENT in files["statements.csv"] and NOTE in files["narratives.csv"]
    assert record.data["statements"][0]["school_reason"] == REASON
    assert only_grades.data["statements"] == []


def test_spanish_pages_name_the_term_in_spanish(database_url, clean_db, tmp_path, db_session, family):
    from tests.conftest import app_config

    site = create_app(app_config(database_url, clean_db, tmp_path))
    page = sign_in(site, db_session, family.rosa, locale="es").get(f"/c/{family.maya.public_id}/narratives")
    assert f"Otoño {THIS_YEAR}–{str(THIS_YEAR + 1)[2:]}" in page.get_data(as_text=True)


def test_records_with_notes_cost_a_fixed_few_more_queries(site, family, count_queries):
    from webapp.store.backpack import load_backpacks

    from .test_read_model import QUERIES_PER_LOAD

    with site.app_context():
        s = db.session()
        with count_queries() as plain:
            load_backpacks(s, [family.stranger.id])
        with count_queries() as one:
            load_backpacks(s, [family.maya.id])
        with count_queries() as three:
            load_backpacks(s, [family.maya.id, family.leo.id, family.stranger.id])
    assert plain.count == QUERIES_PER_LOAD
    assert one.count == three.count == QUERIES_PER_LOAD + 7  # profile parts (5), notes and statements (2)
