"""The record PDF read back: the student's name, every category heading, the consent history and
the "who looked" log, page numbers and contents; fonts embedded, tagged; page 1 saved as a PNG."""
from __future__ import annotations

import io
import re
import subprocess

from pypdf import PdfReader

from consent.categories import CATEGORY_CODES
from webapp.exports.pdf import render_pdf
from webapp.store.headings import category_heading

from .conftest import DISTRICT, record_of


def pdf_text(pdf: bytes) -> str:
    """pdftotext's reading of the file (poppler), with line breaks and hyphen-free wrapping undone."""
    out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return re.sub(r"\s+", " ", out.decode("utf-8"))


def test_english_pdf_reads_back_and_looks_right(k12, artifacts_dir, database_url):
    """One rendering (they take seconds), every check on it."""
    pdf = render_pdf(record_of(k12.student, "en"))
    check_name_headings_consent_history_and_who_looked(pdf_text(pdf))
    check_contents_and_page_numbers(pdf)
    check_fonts_embedded_and_tagged(pdf)
    check_page_one(pdf, artifacts_dir, f"export-pdf-page1-{database_url.split(':')[0].split('+')[0]}")


def check_name_headings_consent_history_and_who_looked(text: str) -> None:
    assert "School record of Maya Hernández" in text
    assert DISTRICT in text
    for code in CATEGORY_CODES:
        assert category_heading(code, "en") in text, code
    assert "Sharing history" in text
    assert "Ms. Lee" in text and "Bright Futures Tutoring" in text
    assert "Stopped by the family" in text and "Shared now" in text
    who_looked = text.split("Who looked at the records")[-1].split("Downloads of this record")[0]
    assert "Ms. Lee" in who_looked and "Grades and transcript" in who_looked and "Looked at" in who_looked


def check_contents_and_page_numbers(pdf: bytes) -> None:
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages > 5
    first = pdf_text_of_page(pdf, 1)
    assert "Contents" in first
    listed = re.search(r"Grades and transcript +(\d+)\n", first)
    assert listed, first
    assert "Grades and transcript" in pdf_text_of_page(pdf, int(listed.group(1)))
    assert f"1 / {pages}" in first
    assert f"{pages} / {pages}" in pdf_text_of_page(pdf, pages)


def pdf_text_of_page(pdf: bytes, page: int) -> str:
    out = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout
    return re.sub(r"[ \t]+", " ", out.decode("utf-8"))


def check_fonts_embedded_and_tagged(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor or "/FontFile3" in descriptor
    assert fonts and all(fonts.values()), fonts
    assert {name.split("+")[-1] for name in fonts} == {"Backpack-Sans", "Backpack-Sans-Bold"}  # static/fonts, subset
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en"


def check_page_one(pdf: bytes, artifacts_dir, name: str) -> None:
    """A PNG of page 1 for people to look at, and a check that it is a Letter page with ink on it."""
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "-", str(artifacts_dir / name)],
                   input=pdf, check=True)
    from PIL import Image

    image = Image.open(artifacts_dir / f"{name}.png").convert("L")
    width, height = image.size
    assert abs(width / height - 8.5 / 11) < 0.01  # US Letter, portrait
    dark = image.point(lambda value: 255 if value < 128 else 0).histogram()[255]
    assert 0.005 < dark / (width * height) < 0.2


def test_spanish_pdf(k12):
    text = pdf_text(render_pdf(record_of(k12.student, "es")))
    assert "Expediente escolar de Maya Hernández" in text
    for code in CATEGORY_CODES:
        assert category_heading(code, "es") in text, code
    assert "Historial de lo compartido" in text and "Quién miró el expediente" in text
    assert "Detenido por la familia" in text


def test_only_the_categories_asked_for(k12):
    text = pdf_text(render_pdf(record_of(k12.student, "en", categories=["grades"])))
    assert "Grades and transcript" in text
    assert category_heading("behavior", "en") not in text
    assert category_heading("supports", "en") not in text
