"""The family's downloads carry the profile (private rows only in the student's own download); editing work, removing files (their blobs
go once nothing uses them) and an over-large request all behave."""
from __future__ import annotations

import io
import json

from sqlalchemy import select

from tests.portfolio.conftest import add_work, blobs
from tests.portfolio.files import jpeg_with_gps, pdf
from webapp.exports.produce import Actor, make_export
from webapp.models import PersonalBestMark, PortfolioFile, PortfolioItem


def _item(db_session, title):
    db_session.expire_all()
    return db_session.scalars(select(PortfolioItem).where(PortfolioItem.title == title)).one()


def test_exports_carry_the_profile_but_never_private_rows(site, db_session, family, leo):
    add_work(leo, title="Shared mural", visibility="shareable", personal_best="yes", reflection="Big wall.")
    add_work(leo, title="Secret diary", visibility="private", reflection="Mine only.")
    leo.post("/portfolio/activities/new", data={"kind": "service", "title": "Food bank", "hours": "12",
                                                "visibility": "family"})
    with site.test_request_context():
        data = json.loads(b"".join(make_export(db_session, family.leo.id, "json",
                                               actor=Actor("Rosa", "guardian", family.rosa.id)).chunks))
        pdf_bytes = b"".join(make_export(db_session, family.leo.id, "pdf",
                                         actor=Actor("Rosa", "guardian", family.rosa.id)).chunks)
    text = json.dumps(data)
    assert "Shared mural" in text and "Food bank" in text and "Secret diary" not in text
    assert pdf_bytes.startswith(b"%PDF")

    with site.test_request_context():  # Leo's own download is his whole record, private rows included
        own = b"".join(make_export(db_session, family.leo.id, "json",
                                   actor=Actor("Leo", "student", family.leo_account.id)).chunks).decode()
    assert "Secret diary" in own and "Shared mural" in own

    from webapp.credentials.key_store import create_first_key

    create_first_key(db_session, site.config["SECRET_KEY"])
    db_session.commit()
    with site.test_request_context():  # but a credential is made to be handed on: private rows stay out
        credential = b"".join(make_export(db_session, family.leo.id, "clr",
                                          actor=Actor("Leo", "student", family.leo_account.id)).chunks).decode()
    assert "Shared mural" in credential and "Secret diary" not in credential


def test_editing_work_adds_files_and_moves_the_best_with_its_subject(site, db_session, family, leo):
    add_work(leo, title="Poster", subject="Art", personal_best="yes", files=[(jpeg_with_gps(), "a.jpg")])
    item = _item(db_session, "Poster")
    response = leo.post(f"/portfolio/work/{item.public_id}/edit", data={
        "title": "Poster, final", "subject": "Science", "visibility": "family", "personal_best": "yes",
        "files": [(io.BytesIO(pdf()), "notes.pdf")]}, content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)
    item = _item(db_session, "Poster, final")
    marks = db_session.scalars(select(PersonalBestMark).order_by(PersonalBestMark.id)).all()
    assert [(m.subject, m.until is None) for m in marks] == [("Art", False), ("Science", True)]
    files = db_session.scalars(select(PortfolioFile).where(PortfolioFile.item_id == item.id)).all()
    assert sorted(f.kind for f in files) == ["image", "pdf"]
    stored = blobs(site)
    pdf_row = next(f for f in files if f.kind == "pdf")
    assert leo.post(f"/portfolio/work/{item.public_id}/files/{pdf_row.public_id}/delete").status_code == 303
    assert blobs(site) == stored - 1
    assert leo.post(f"/portfolio/work/{item.public_id}/delete").status_code == 303
    assert blobs(site) == 0
    db_session.expire_all()
    assert db_session.scalars(select(PortfolioFile)).all() == [] and db_session.scalars(select(PersonalBestMark)).all() == []


def test_a_blob_shared_by_two_items_stays_until_both_are_gone(site, db_session, leo):
    photo = jpeg_with_gps()
    add_work(leo, title="One", files=[(photo, "a.jpg")])
    add_work(leo, title="Two", files=[(photo, "b.jpg")])
    assert leo.post(f"/portfolio/work/{_item(db_session, 'One').public_id}/delete").status_code == 303
    assert blobs(site) == 1
    assert leo.post(f"/portfolio/work/{_item(db_session, 'Two').public_id}/delete").status_code == 303
    assert blobs(site) == 0


def test_a_request_over_the_app_limit_gets_a_plain_message(site, db_session, leo):
    site.config["MAX_CONTENT_LENGTH"] = 10_000
    response = add_work(leo, files=[(b"%PDF-" + b"0" * 20_000, "big.pdf")])
    assert response.status_code == 303 and response.headers["Location"].endswith("/portfolio")
    page = leo.get("/portfolio").get_data(as_text=True)
    assert "too much to send at once" in page
    db_session.expire_all()
    assert db_session.scalars(select(PortfolioItem)).all() == [] and blobs(site) == 0


def test_the_camera_photo_and_picked_files_are_kept_together(site, db_session, leo):
    response = leo.post("/portfolio/work/new", data={
        "title": "Lab report", "subject": "Chemistry", "visibility": "family",
        "photo": [(io.BytesIO(jpeg_with_gps()), "image.jpg")], "files": [(io.BytesIO(pdf()), "report.pdf")]},
        content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)
    item = _item(db_session, "Lab report")
    kinds = db_session.scalars(select(PortfolioFile.kind).where(PortfolioFile.item_id == item.id)).all()
    assert sorted(kinds) == ["image", "pdf"]
