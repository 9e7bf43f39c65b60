"""The PDF renderer fetches nothing but our own static files: no network, no other files, no data: URLs."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from weasyprint import HTML

from tests.factories import add_course, make_district, make_school, make_student
from webapp.exports.fetcher import RefusedURL, StaticFilesOnly
from webapp.exports.pdf import render_pdf

from .conftest import record_of
from .test_pdf import pdf_text


@pytest.fixture
def fetcher(app):
    return StaticFilesOnly(app.static_folder)


@pytest.fixture
def listener():
    """A web server on 127.0.0.1 that writes down every request it gets."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", seen
    server.shutdown()
    server.server_close()


def test_serves_files_under_static(fetcher):
    response = fetcher.fetch(fetcher.base_url + "css/pdf.css")
    assert b"@font-face" in response.read()
    assert response.content_type == "text/css"
    assert fetcher.refused == []


@pytest.mark.parametrize("url", [
    "https://example.org/style.css",
    "ftp://example.org/font.ttf",
    "data:text/css,body%7Bcolor:red%7D",
    "file:///etc/passwd",
    "file://attacker.example/static/css/pdf.css",
])
def test_refuses_everything_else(fetcher, url):
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


@pytest.mark.parametrize("escape", ["../webapp/settings.py", "%2e%2e/webapp/settings.py", "css/../../pyproject.toml",
                                    "css/pdf.css?x=1", "missing.css", "css/"])
def test_refuses_paths_that_leave_static_or_do_not_exist(fetcher, escape):
    with pytest.raises(RefusedURL):
        fetcher.fetch(fetcher.base_url + escape)


def test_links_to_the_network_are_never_fetched(fetcher, listener):
    origin, seen = listener
    html = (f'<html><head><link rel="stylesheet" href="{origin}/a.css"><style>@import url("{origin}/b.css");'
            f'p {{ background: url("{origin}/c.png") }}</style></head>'
            f'<body><p>Hello</p><img src="{origin}/d.png" alt="d"></body></html>')
    pdf = HTML(string=html, base_url=fetcher.base_url, url_fetcher=fetcher).write_pdf()
    assert pdf.startswith(b"%PDF")
    assert seen == []
    assert {url.rsplit("/", 1)[-1] for url in fetcher.refused} >= {"a.css", "b.css", "d.png"}


def test_markup_typed_into_the_record_stays_text(app, db_session, fetcher, listener):
    origin, seen = listener
    school = make_school(db_session, make_district(db_session))
    student = make_student(db_session, school, first_name="Iván", last_name="Ruiz")
    add_course(db_session, student, school, 2023, name=f'<img src="{origin}/x.png">Art')
    db_session.commit()
    pdf = render_pdf(record_of(student), fetcher)
    assert seen == [] and fetcher.refused == []
    assert f'<img src="{origin}/x.png">Art' in pdf_text(pdf)
