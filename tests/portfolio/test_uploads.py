"""Uploads with real files: type from the content, EXIF and GPS gone, bombs and disguised HTML refused,
size and quota limits with nothing stored, the same file stored once."""
from __future__ import annotations

import io
import re

import pytest
from PIL import ExifTags, Image
from sqlalchemy import func, select

from tests.portfolio.conftest import add_work, blobs
from tests.portfolio.files import HTML, jpeg_with_gps, pdf, png, png_bomb
from webapp.models import PortfolioFile, PortfolioItem
from webapp.portfolio.uploads import UploadRefused, check_upload, sniff

LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_pixels": 40_000_000}


def _count(db_session, model) -> int:
    db_session.expire_all()
    return db_session.scalar(select(func.count()).select_from(model))


def _stored_file(site, db_session) -> tuple[PortfolioFile, bytes, bytes]:
    from webapp.portfolio.storage import LocalStorage

    row = db_session.scalars(select(PortfolioFile)).one()
    store = LocalStorage(site.config["UPLOAD_DIR"])
    return row, store.get(row.sha256), store.get(row.preview_sha256) if row.preview_sha256 else b""


def test_type_comes_from_the_content_not_the_name():
    assert sniff(jpeg_with_gps()) == "jpeg"
    assert sniff(png()) == "png"
    assert sniff(pdf()) == "pdf"
    assert sniff("Mi ensayo: ¡hola!\n".encode()) == "text"
    assert sniff(HTML) is None
    assert sniff(b"<svg xmlns='http://www.w3.org/2000/svg'></svg>") is None
    assert sniff(b"GIF89a\x01\x00") is None


def test_a_jpeg_with_gps_exif_comes_out_without_it(site, db_session, leo):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test file has GPS
    response = add_work(leo, files=[(original, "poster.jpg")])
    assert response.status_code == 303, response.get_data(as_text=True)
    row, full, preview = _stored_file(site, db_session)
    for data in (full, preview):
        picture = Image.open(io.BytesIO(data))
        exif = picture.getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.Base.Make not in exif and ExifTags.Base.Orientation not in exif
        assert b"PhoneMaker" not in data and b"GPS" not in data
    upright = Image.open(io.BytesIO(full))
    assert upright.size == (48, 64)  # orientation 6 was applied before the EXIF was dropped
    assert (row.kind, row.media_type, row.width, row.height) == ("image", "image/jpeg", 48, 64)


def test_a_png_bomb_is_refused_and_nothing_is_stored(site, db_session, leo):
    response = add_work(leo, files=[(png_bomb(), "drawing.png")])
    assert response.status_code == 400
    assert "too many pixels" in response.get_data(as_text=True)
    assert _count(db_session, PortfolioItem) == 0 and blobs(site) == 0


def test_a_png_over_the_configured_pixel_limit_is_refused(site):
    with site.test_request_context():
        with pytest.raises(UploadRefused, match="too many pixels"):
            check_upload(png((400, 300)), "big.png", max_bytes=LIMITS["max_bytes"], max_pixels=100_000)


def test_html_named_jpg_is_refused(site, db_session, leo):
    response = add_work(leo, files=[(HTML, "photo.jpg")])
    assert response.status_code == 400
    assert "not a photo" in response.get_data(as_text=True)
    assert _count(db_session, PortfolioItem) == 0 and blobs(site) == 0


def test_html_named_txt_is_refused_too(site):
    with site.test_request_context(), pytest.raises(UploadRefused):
        check_upload(HTML, "notes.txt", **LIMITS)


def test_a_pdf_named_jpg_is_refused(site):
    with site.test_request_context(), pytest.raises(UploadRefused, match="something else inside"):
        check_upload(pdf(), "essay.jpg", **LIMITS)


def test_over_size_is_refused_with_a_clear_message_and_nothing_stored(site, db_session, leo):
    site.config["UPLOAD_MAX_BYTES"] = 2048
    big = pdf() + b"%" + b"x" * 4096
    response = add_work(leo, files=[(big, "essay.pdf")])
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert re.search(r"larger than 0\.0 MB|larger than [0-9.]+ MB", page), page
    assert _count(db_session, PortfolioItem) == 0 and _count(db_session, PortfolioFile) == 0 and blobs(site) == 0


def test_the_default_limit_is_ten_megabytes(site):
    assert site.config["UPLOAD_MAX_BYTES"] == 10 * 1024 * 1024
    with site.test_request_context(), pytest.raises(UploadRefused, match="larger than 10 MB"):
        check_upload(b"%PDF-" + b"0" * (10 * 1024 * 1024), "essay.pdf", **LIMITS)


def test_the_quota_is_kept_per_student(site, db_session, leo):
    site.config["UPLOAD_QUOTA_BYTES"] = 1000
    response = add_work(leo, files=[(pdf() + b"x" * 2000, "essay.pdf")])
    assert response.status_code == 400
    assert "no room" in response.get_data(as_text=True)
    assert _count(db_session, PortfolioItem) == 0 and blobs(site) == 0


def test_the_same_file_twice_is_stored_once(site, db_session, leo):
    photo = jpeg_with_gps(size=(1600, 1200))  # bigger than a preview, so the preview is its own blob
    assert add_work(leo, title="First", files=[(photo, "a.jpg")]).status_code == 303
    stored = blobs(site)
    assert stored == 2  # the picture and its preview
    assert add_work(leo, title="Second", files=[(photo, "b.jpg")]).status_code == 303
    assert add_work(leo, title="Third", files=[(photo, "c.jpg"), (photo, "c-again.jpg")]).status_code == 303
    assert blobs(site) == stored
    rows = db_session.scalars(select(PortfolioFile)).all()
    assert len(rows) == 3 and len({r.sha256 for r in rows}) == 1
    from webapp.portfolio.works import quota_used

    assert quota_used(db_session, rows[0].student_id) == rows[0].size + rows[0].preview_size


def test_pdf_and_text_are_kept_as_they_are(site):
    with site.test_request_context():
        document = check_upload(pdf(), "Essay.PDF", **LIMITS)
        note = check_upload("Lo que aprendí.\n".encode(), "notes", **LIMITS)
    assert (document.kind, document.media_type, document.data) == ("pdf", "application/pdf", pdf())
    assert (note.kind, note.name) == ("text", "notes.txt")


def test_a_heic_photo_pillow_cannot_read_gets_a_clear_message(site):
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    with site.test_request_context(), pytest.raises(UploadRefused, match="HEIC"):
        check_upload(heic, "IMG_0001.HEIC", **LIMITS)


def test_a_transparent_png_stays_png_and_gets_a_jpeg_preview(site):
    with site.test_request_context():
        checked = check_upload(png(mode="RGBA"), "logo.png", **LIMITS)
    assert checked.media_type == "image/png" and checked.data.startswith(b"\x89PNG")
    assert checked.preview.startswith(b"\xff\xd8\xff")
