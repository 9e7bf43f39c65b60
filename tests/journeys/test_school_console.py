"""School console journeys in real headless Chromium at 360 × 740 with a virtual passkey: a district admin
uploads the demo district's CALPADS and score files, watches the progress bar (htmx polling, no page
reload) until the report, then uploads a file with planted bad rows and downloads the rejected-rows CSV;
the console pages, the early-warning settings, the bulk invitation preview and a family's "Something looks wrong" form pass axe-core
with 0 violations and never scroll sideways. Screenshots go to test-artifacts/."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.webapp.school_support import invitation_code, make_world
from webapp import db
from webapp.demo import generate
from webapp.models import Student

pytestmark = pytest.mark.browser

BIG_ENOUGH_TO_WATCH = 1500  # students: loading takes a few seconds, so the progress bar is seen


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("demo"), students_count=BIG_ENOUGH_TO_WATCH, years=1)


@pytest.fixture
def world(db_session):
    return make_world(db_session)


@pytest.fixture
def check(checker):
    return checker("school")


SPANISH = {"Your name": "Su nombre", "Make my passkey": "Crear mi llave de acceso"}


def sign_in_with_invitation(page, origin: str, code: str, name: str, yes: str = "Continue", lang: str = "en") -> None:
    word = (lambda text: SPANISH[text]) if lang == "es" else (lambda text: text)  # noqa: E731
    page.goto(f"{origin}/i/{code}")
    page.get_by_label(word("Your name")).fill(name)
    page.get_by_role("button", name=yes).click()
    page.get_by_role("button", name=word("Make my passkey")).click()
    expect(page).to_have_url(re.compile(r"/account/recovery-codes\?first=1$"))


def with_bad_rows(source: Path, target: Path) -> Path:
    lines = source.read_text(encoding="utf-8").splitlines()
    fields = lines[0].split("^")
    fields[7] = "12345"  # SSID (SENR field 8)
    lines.insert(1, "^".join(fields))
    target.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return target


def test_upload_watch_progress_and_download_rejected_rows(page, live_server, authenticator, world, demo_files, check,
                                                          tmp_path):
    origin = live_server.config["ORIGIN"]
    code = invitation_code(live_server, role="district_admin", district=world.district, name="Dee District")
    sign_in_with_invitation(page, origin, code, "Dee District")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="School").click()
    expect(page.get_by_role("heading", name="School console")).to_be_visible()
    check(page, "console")
    page.get_by_role("navigation", name="School console").get_by_role("link", name="Imports").click()
    check(page, "imports")

    page.get_by_label("CALPADS files").set_input_files([str(p) for p in demo_files.calpads])
    page.get_by_label("CAASPP files").set_input_files([str(p) for p in demo_files.caaspp])
    page.get_by_label("ELPAC files").set_input_files([str(p) for p in demo_files.elpac])
    page.get_by_role("button", name="Upload and load").click()
    expect(page.get_by_role("heading", name="Loading…")).to_be_visible()
    expect(page.locator("progress#import-bar")).to_be_visible()
    check(page, "import-loading")
    page.evaluate("window.sameDocument = true")  # a reload would lose this
    expect(page.get_by_role("heading", name="Done: everything is saved")).to_be_visible(timeout=120_000)
    assert page.evaluate("window.sameDocument === true"), "the progress was not updated in place"
    check(page, "import-done")
    with live_server.app_context():
        assert db.session().query(Student).count() == BIG_ENOUGH_TO_WATCH + 3

    senr = next(p for p in demo_files.calpads if p.name.endswith("SENR.txt"))
    bad = with_bad_rows(senr, tmp_path / "senr-fixed-by-hand.txt")
    page.goto(f"{origin}/school/imports")
    page.get_by_label("CALPADS files").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and load").click()
    expect(page.get_by_role("heading", name="Done, with problems")).to_be_visible(timeout=120_000)
    expect(page.get_by_text("Nothing in this run was saved.")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download rejected rows (CSV)").click()
    download = download_info.value
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["file", "line", "field", "reason"]
    assert rows[1][:3] == ["senr-fixed-by-hand.txt", "2", "1.08 SSID"] and "12345" in rows[1][3]
    assert len(rows) == 2
    page.get_by_role("link", name="Full report").click()
    expect(page.get_by_role("heading", name="Import report")).to_be_visible()
    check(page, "import-report")


def test_console_pages_bulk_preview_and_the_family_correction_form(browser, page, live_server, authenticator, world,
                                                                   check, tmp_path):
    origin = live_server.config["ORIGIN"]
    code = invitation_code(live_server, role="school_admin", school=world.school, name="Sol School")
    sign_in_with_invitation(page, origin, code, "Sol School")
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("SSID,Guardian name,Relationship,Email,Preferred language\n"
                        f"{world.student.ssid},Ana Lopez,Mother,ana@example.org,Spanish\n"
                        "12345,,Aunt,nope,Klingon\n", encoding="utf-8")
    page.goto(f"{origin}/school/invitations/bulk")
    check(page, "bulk-invitations")
    page.get_by_label("Contacts file (CSV)").set_input_files(str(contacts))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("4 problems found.")).to_be_visible()
    check(page, "bulk-preview")
    page.get_by_role("button", name="Make 1 invitation").click()
    expect(page.get_by_role("heading", name="1 invitation made")).to_be_visible()
    check(page, "invitations-made")
    family_code = page.locator("code.code").inner_text()
    for path, name in (("/school/invitations", "invitations"), ("/school/invitations/new", "invite-one"),
                       ("/school/students?q=Lopez", "students"), ("/school/notes", "notes"),
                       ("/school/audit", "audit")):
        page.goto(origin + path)
        check(page, name)

    family = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2)
    phone = family.new_page()
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})
    sign_in_with_invitation(phone, origin, family_code, "Ana Lopez", yes="Sí, es mi hijo o hija", lang="es")
    with live_server.app_context():
        public_id = db.session().get(Student, world.student.id).public_id
    phone.goto(f"{origin}/students/{public_id}/corrections/new?category=attendance"
               "&field=attendance.2024-2025.days_absent&label=D%C3%ADas+de+ausencia")
    expect(phone.get_by_role("heading", name="Algo parece incorrecto")).to_be_visible()
    check(phone, "correction-form-es")
    phone.get_by_label("¿Qué está mal?").fill("Maya fue a la escuela el 3 de marzo.")
    phone.get_by_role("button", name="Enviar a la escuela").click()
    expect(phone.get_by_role("heading", name="Solicitud de corrección")).to_be_visible()
    check(phone, "correction-sent-es")
    family.close()

    page.goto(f"{origin}/school/corrections")
    page.get_by_role("link", name=re.compile("Días de ausencia")).click()
    check(page, "correction-staff")
    page.get_by_label("Decline: why is the record right?").fill("The teacher's sheet shows Maya absent that day.")
    page.get_by_role("button", name="Decline").click()
    expect(page.get_by_text("Declined. The family was told and may add a statement.")).to_be_visible()


def test_a_district_admin_sets_the_early_warning_lines(page, live_server, authenticator, world, check):
    origin = live_server.config["ORIGIN"]
    code = invitation_code(live_server, role="district_admin", district=world.district, name="Dee District")
    sign_in_with_invitation(page, origin, code, "Dee District")
    page.goto(f"{origin}/school/")
    page.get_by_role("link", name="Early warning").first.click()
    expect(page.get_by_role("heading", name="Early warning", exact=True)).to_be_visible()
    check(page, "early-warning")
    page.get_by_label("Share of school days missed (percent)").fill("60")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Type a number from 1 to 50, like 10 or 7.5.")).to_be_visible()
    expect(page.get_by_label("Share of school days missed (percent)")).to_have_value("60")
    check(page, "early-warning-error")
    page.get_by_label("Share of school days missed (percent)").fill("8")
    page.get_by_label("F", exact=True).uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. Families of Los Robles Unified see signs")).to_be_visible()
    expect(page.get_by_text("Set by Dee District on")).to_be_visible()
    check(page, "early-warning-saved")
