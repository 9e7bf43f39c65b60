"""Teacher notes: written for a section's student, editable until published, then in published_notes (the
learner profile's `narratives` for the family and recipients); one note per author, student and term;
nobody else may change them. Both databases."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from webapp import db
from webapp.models import AdminAuditEntry, Student, TeacherNote
from webapp.school import terms
from webapp.school.notes import MAX_LENGTH
from webapp.store.backpack import load_backpack, to_json

from .school_support import World, make_world, school_admin, site, teacher  # noqa: F401

TERM = "2024-2025/spring"


@pytest.fixture
def w(db_session) -> World:
    return make_world(db_session)


@pytest.fixture
def dana(site, w):
    return teacher(site, w)


def pid(site, student) -> str:
    with site.app_context():
        return db.session().get(Student, student.id).public_id


def notes(site) -> list[TeacherNote]:
    with site.app_context():
        return db.session().scalars(select(TeacherNote).order_by(TeacherNote.id)).all()


def test_a_note_is_a_draft_until_published_then_the_family_sees_it_and_it_is_fixed(site, w, dana):
    url = f"/school/notes/students/{pid(site, w.student)}"
    assert dana.client.post(url, data={"term": TERM, "text": "Maya reads with joy."}).status_code == 303
    note = notes(site)[0]
    assert (note.author_name, note.term, note.published_at) == ("Dana Okafor", TERM, None)
    with site.app_context():
        assert load_backpack(db.session(), w.student.id).narratives == ()  # a draft is the teacher's alone
    assert dana.client.post(f"/school/notes/{note.public_id}", data={"text": "Maya reads with joy every day."}).status_code == 303
    page = dana.client.get(url).get_data(as_text=True)
    assert "Maya reads with joy every day." in page and "Publish for the family" in page
    assert dana.client.post(f"/school/notes/{note.public_id}/publish").status_code == 303
    with site.app_context():
        s = db.session()
        shown = load_backpack(s, w.student.id)
        assert load_backpack(s, w.classmate.id).narratives == ()
        entry = s.scalar(select(AdminAuditEntry).where(AdminAuditEntry.action == "note_published"))
    assert to_json(shown)["narratives"] == [{
        "term": TERM, "term_label": "Spring 2024–25", "text": "Maya reads with joy every day.",
        "author": "Dana Okafor", "published_on": shown.narratives[0].published_on.isoformat()}]
    assert entry.student_id == w.student.id and entry.actor_name == "Dana Okafor"
    changed = dana.client.post(f"/school/notes/{note.public_id}", data={"text": "Changed"})
    assert changed.status_code == 422 and "can no longer be changed" in changed.get_data(as_text=True)
    assert "Published" in dana.client.get(url).get_data(as_text=True)
    assert notes(site)[0].text == "Maya reads with joy every day."


def test_one_note_per_term_and_plain_limits(site, w, dana):
    url = f"/school/notes/students/{pid(site, w.student)}"
    dana.client.post(url, data={"term": TERM, "text": "First."})
    again = dana.client.post(url, data={"term": TERM, "text": "Second."})
    assert again.status_code == 422 and "already wrote a note for this term" in again.get_data(as_text=True)
    long = dana.client.post(url, data={"term": "2024-2025/fall", "text": "x" * (MAX_LENGTH + 1)})
    assert long.status_code == 422 and "under 1500 characters" in long.get_data(as_text=True)
    assert dana.client.post(url, data={"term": "someday", "text": "Hi"}).status_code == 422
    assert dana.client.post(url, data={"term": TERM, "text": "  "}).status_code == 422
    assert [n.text for n in notes(site)] == ["First."]


def test_nobody_else_may_change_or_publish_a_note(site, w, dana):
    dana.client.post(f"/school/notes/students/{pid(site, w.student)}", data={"term": TERM, "text": "Mine."})
    note = notes(site)[0]
    sol = school_admin(site, w)
    assert sol.client.post(f"/school/notes/{note.public_id}", data={"text": "Theirs."}).status_code == 404
    assert sol.client.post(f"/school/notes/{note.public_id}/publish").status_code == 404
    assert notes(site)[0].text == "Mine." and notes(site)[0].published_at is None
    # an admin writes their own note for a student of their school, found by search
    found = sol.client.get("/school/notes?q=Park").get_data(as_text=True)
    assert "Park, Leo" in found
    assert "No student at your school matches" in sol.client.get("/school/notes?q=Chen").get_data(as_text=True)
    assert sol.client.post(f"/school/notes/students/{pid(site, w.classmate)}",
                           data={"term": TERM, "text": "Leo helps others."}).status_code == 303


def test_terms_are_this_school_years_in_plain_words():
    assert terms.school_year(date(2025, 6, 30)) == "2024-2025" and terms.school_year(date(2025, 7, 1)) == "2025-2026"
    assert [code for code, _label in terms.choices(date(2025, 3, 1))] == [
        "2024-2025/spring", "2024-2025/fall", "2024-2025/year"]
    assert terms.label("2025-2026/fall") == "Fall 2025–26" and terms.label("odd") == "odd"
    assert terms.is_term("2024-2025/year") and not terms.is_term("2024-2026/year")
