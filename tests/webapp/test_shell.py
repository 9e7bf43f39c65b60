"""The web shell: front page, health check, security headers, language choice."""


def test_home_page_says_what_the_app_is(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Family Backpack" in response.data
    assert b"plain words" in response.data


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_strict_csp_without_inline_script(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert b"<script>" not in response.data  # every script is a file under static/


def test_no_external_requests_on_home(client):
    html = client.get("/").get_data(as_text=True)
    for attr in ('src="http', "href=\"http", "src=\"//", "href=\"//"):
        assert attr not in html


def test_language_choice_is_remembered(client):
    response = client.post("/language", data={"locale": "es", "next": "/"})
    assert response.status_code == 303
    html = client.get("/").get_data(as_text=True)
    assert 'lang="es"' in html


def test_language_redirect_stays_on_site(client):
    response = client.post("/language", data={"locale": "en", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def test_pages_are_compressed(client):
    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"
    css = client.get("/static/css/app.css", headers={"Accept-Encoding": "gzip"})
    assert css.headers.get("Content-Encoding") == "gzip"
