"""Rate limits on invitation codes and sign-in (a clear 429 page), and CSRF on every POST."""
import re

from tests.webapp.auth_support import Person, csrf_site, invite, school, site  # noqa: F401


def test_guessing_invitation_codes_hits_the_limit_with_a_clear_page(site):
    client = site.test_client()
    statuses = [client.get(f"/i/2222-3333-4444-{n:04d}").status_code for n in range(10)]
    assert statuses == [404] * 10
    response = client.get("/i/2222-3333-4444-5555")
    page = response.get_data(as_text=True)
    assert response.status_code == 429 and "Too many tries" in page and "Wait a minute" in page
    assert client.post("/i", data={"code": "2222-3333-4444-5555"}).status_code == 404  # typed codes count apart
    spanish = client.get("/i/2222-3333-4444-5555", headers={"Accept-Language": "es"})
    assert spanish.status_code == 429 and 'lang="es"' in spanish.get_data(as_text=True)


def test_sign_in_attempts_hit_the_limit_with_a_json_message(site):
    person = Person(site)
    for _ in range(10):
        assert person.post_json("/passkeys/sign-in/verify", {"rawId": "AAAA"}).status_code == 400
    response = person.post_json("/passkeys/sign-in/verify", {"rawId": "AAAA"})
    assert response.status_code == 429 and "Too many tries" in response.get_json()["error"]


def test_recovery_code_guesses_hit_the_limit(site):
    client = site.test_client()
    for _ in range(10):
        assert client.post("/sign-in/recovery", data={"code": "2222-3333-4444-5555"}).status_code == 400
    assert client.post("/sign-in/recovery", data={"code": "2222-3333-4444-5555"}).status_code == 429


def test_the_limit_is_configurable(database_url, clean_db, tmp_path):
    from tests.conftest import app_config
    from webapp import create_app

    app = create_app(app_config(database_url, clean_db, tmp_path, AUTH_RATE_LIMIT="2/minute"))
    client = app.test_client()
    assert [client.get("/i/x").status_code for _ in range(3)] == [404, 404, 429]


def _csrf_token(client, path="/sign-in") -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


def test_json_posts_without_the_csrf_header_are_refused(csrf_site):
    client = csrf_site.test_client()
    assert client.post("/passkeys/sign-in/options", json={}).status_code == 400
    token = _csrf_token(client)
    response = client.post("/passkeys/sign-in/options", json={}, headers={"X-CSRFToken": token})
    assert response.status_code == 200 and response.get_json()["userVerification"] == "required"


def test_form_posts_without_the_csrf_token_are_refused(csrf_site, school):
    client = csrf_site.test_client()
    code = invite(csrf_site, "guardian", school[1][0])
    assert client.post("/i", data={"code": code}).status_code == 400
    assert client.post("/sign-in/recovery", data={"code": code}).status_code == 400
    assert client.post("/sign-out").status_code == 400
    token = _csrf_token(client, "/i")
    assert client.post("/i", data={"code": code, "csrf_token": token}).status_code == 303


def test_a_whole_registration_works_with_csrf_on(csrf_site, school):
    person = Person(csrf_site)
    person.open_invitation(invite(csrf_site, "guardian", school[1][0]))
    token = _csrf_token(person.client, "/welcome")
    assert person.client.post("/welcome", data={"answer": "yes", "name": "Ana", "csrf_token": token}).status_code == 303
    headers = {"X-CSRFToken": token}
    options = person.post_json("/passkeys/register/options", {"for": "invitation"}, headers=headers).get_json()
    response = person.post_json("/passkeys/register/verify", person.device.create(options), headers=headers)
    assert response.status_code == 200
    account_page = person.client.get("/account").get_data(as_text=True)
    token = re.search(r'name="csrf-token" content="([^"]+)"', account_page).group(1)
    assert person.client.post("/account/sign-out-everywhere").status_code == 400
    assert person.client.post("/account/sign-out-everywhere", data={"csrf_token": token}).status_code == 303
