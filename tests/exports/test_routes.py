"""The Download page and downloads, for every role: guardians and students take their own records,
nobody else takes anything; every download is logged and listed. SQLite and PostgreSQL."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from sqlalchemy import select

from tests.conftest import app_config
from tests.webapp.family_support import TODAY, _account, add_live_grant, make_family, sign_in, site  # noqa: F401
from tests.webapp.sharing_support import add_grant
from webapp import create_app, db, policy
from webapp.credentials import verify_credential
from webapp.credentials.key_store import create_first_key
from webapp.models import Account, ExportLog, Student


@pytest.fixture
def family(db_session):
    made = make_family(db_session, history_years=2)
    db_session.commit()
    return made


def post(client, student: Student, fmt: str = "pdf", lang: str = "en"):
    return client.post(f"/download/{student.public_id}", data={"format": fmt, "lang": lang})


def logs(db_session) -> list[ExportLog]:
    db_session.expire_all()
    return db_session.scalars(select(ExportLog).order_by(ExportLog.id)).all()


def test_signed_out_visitors_are_sent_to_sign_in(site, family, db_session):
    client = site.test_client()
    assert client.get("/download").status_code == 302
    response = post(client, family.maya)
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    assert logs(db_session) == []


def test_a_guardian_sees_linked_children_but_never_a_court_restricted_one(site, db_session, family):
    rosa = sign_in(site, db_session, family.rosa)
    page = rosa.get("/download")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert family.maya.public_id in html and family.leo.public_id in html
    assert family.hidden.public_id not in html and "Ana" not in html
    assert family.stranger.public_id not in html
    assert rosa.get(f"/download?student={family.hidden.public_id}").status_code == 404
    assert rosa.get(f"/download?student={family.stranger.public_id}").status_code == 404


def test_a_guardian_downloads_a_pdf_and_sees_it_listed(site, db_session, family):
    rosa = sign_in(site, db_session, family.rosa)
    response = post(rosa, family.maya)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"] == \
        f'attachment; filename="maya-lopez-record-{TODAY:%Y-%m-%d}.pdf"'
    assert response.headers["Cache-Control"] == "no-store"
    [log] = logs(db_session)
    assert (log.student_id, log.account_id, log.actor_name, log.actor_role, log.format) == \
        (family.maya.id, family.rosa.id, "Rosa Lopez", "guardian", "pdf")
    listed = rosa.get(f"/download?student={family.maya.public_id}").get_data(as_text=True)
    assert "Rosa Lopez" in listed and "PDF to read and print" in listed


def test_a_guardian_cannot_download_a_court_restricted_child_or_a_stranger(site, db_session, family):
    rosa = sign_in(site, db_session, family.rosa)
    for student in (family.hidden, family.stranger):
        for fmt in ("pdf", "csv", "json", "clr"):
            assert post(rosa, student, fmt).status_code == 404
    assert rosa.post("/download/nosuchstudent0000", data={"format": "pdf"}).status_code == 404
    assert logs(db_session) == []


def test_csv_json_and_clr_downloads(site, db_session, family):
    create_first_key(db_session, "test-secret-key")
    db_session.commit()
    rosa = sign_in(site, db_session, family.rosa)
    zipped = post(rosa, family.leo, "csv")
    assert zipped.status_code == 200 and zipped.mimetype == "application/zip"
    assert "grades.csv" in zipfile.ZipFile(io.BytesIO(zipped.data)).namelist()
    data = post(rosa, family.leo, "json", lang="es")
    assert data.mimetype == "application/json" and json.loads(data.data)["lang"] == "es"
    clr = post(rosa, family.leo, "clr")
    assert clr.mimetype == "application/ld+json"
    credential = json.loads(clr.data)
    assert verify_credential(credential).ok
    assert [(log.format, log.lang) for log in logs(db_session)] == [("csv", "en"), ("json", "es"), ("clr", "en")]
    assert logs(db_session)[-1].credential_id == credential["id"]


def test_without_a_signing_key_the_learner_record_says_so(site, db_session, family):
    rosa = sign_in(site, db_session, family.rosa)
    response = post(rosa, family.leo, "clr")
    assert response.status_code == 503
    assert "has not set up signing" in response.get_data(as_text=True)
    assert logs(db_session) == []


def test_a_student_downloads_their_own_record_only(site, db_session, family):
    leo = sign_in(site, db_session, family.leo_account)
    html = leo.get("/download").get_data(as_text=True)
    assert family.leo.public_id in html and family.maya.public_id not in html
    assert post(leo, family.leo, "json").status_code == 200
    assert post(leo, family.maya, "json").status_code == 404
    [log] = logs(db_session)
    assert (log.actor_role, log.account_id) == ("student", family.leo_account.id)


def test_recipients_and_staff_cannot_download(site, db_session, family):
    tutor = _account(db_session, "Ms. Lee", "recipient")
    add_live_grant(db_session, family.maya, family.rosa, tutor, categories=("grades", "attendance"))
    db_session.commit()
    for account in (tutor, family.staff):
        client = sign_in(site, db_session, account)
        assert client.get("/download").status_code == 404
        assert post(client, family.maya).status_code == 404
    assert logs(db_session) == []


def test_a_guardian_reading_under_an_adult_students_grant_cannot_download(site, db_session, family):
    db_session.get(Student, family.leo.id).birth_date = date(TODAY.year - 19, 1, 5)
    add_grant(db_session, family.leo, family.leo_account, recipient=family.rosa, categories=("grades",),
              role="student", kind="relative", name="Rosa Lopez")
    db_session.commit()
    with site.app_context():
        session = db.session()
        shared = policy.access(session, session.get(Account, family.rosa.id), family.leo.public_id, policy.now())
        assert shared.visible == {"grades"} and shared.basis == "grant"  # she may look, under Leo's grant
    rosa = sign_in(site, db_session, family.rosa)
    assert family.leo.public_id not in rosa.get("/download").get_data(as_text=True)
    assert post(rosa, family.leo).status_code == 404
    assert post(sign_in(site, db_session, family.leo_account), family.leo, "json").status_code == 200


def test_unknown_format_or_language_is_refused(site, db_session, family):
    rosa = sign_in(site, db_session, family.rosa)
    assert post(rosa, family.maya, "docx").status_code == 400
    assert post(rosa, family.maya, "pdf", lang="fr").status_code == 400
    assert logs(db_session) == []


def test_downloads_need_the_csrf_token(database_url, clean_db, tmp_path, db_session, family):
    guarded = create_app(app_config(database_url, clean_db, tmp_path, WTF_CSRF_ENABLED=True))
    rosa = sign_in(guarded, db_session, family.rosa)
    assert post(rosa, family.maya).status_code == 400
    assert logs(db_session) == []


def test_the_page_in_spanish(site, db_session, family):
    rosa = sign_in(site, db_session, family.rosa, locale="es")
    html = rosa.get("/download").get_data(as_text=True)
    assert "Descargar el expediente de" in html and "¿Qué tipo de archivo?" in html
    assert "Download the record" not in html
