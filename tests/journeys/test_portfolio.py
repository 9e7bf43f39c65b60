"""The portfolio in real headless Chromium at 360 × 740, on both databases: a student adds a photo as a
personal best and sees it, then their guardian sees it; axe-core finds nothing, nothing scrolls sideways."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.portfolio.files import jpeg_with_gps
from tests.webapp.family_support import family  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def check(checker):
    return checker("portfolio")


def _loaded(image) -> bool:
    return image.evaluate("img => img.complete && img.naturalWidth > 0")


def test_a_student_adds_a_photo_as_a_personal_best_and_the_guardian_sees_it(page, signed_in, family, check):
    origin = signed_in(family.leo_account)
    page.goto(f"{origin}/home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My portfolio").click()
    expect(page).to_have_url(f"{origin}/portfolio")
    check(page, "empty")
    page.get_by_role("link", name="Add work", exact=True).click()
    check(page, "add-work")
    photo = page.get_by_label("Take a photo")  # the phone's camera; PDFs and saved photos use the other field
    expect(photo).to_have_attribute("capture", "environment")
    expect(page.get_by_label("Photo or file")).not_to_have_attribute("capture", re.compile(".*"))
    photo.set_input_files({"name": "IMG_2041.jpg", "mimeType": "image/jpeg",
                           "buffer": jpeg_with_gps(size=(1600, 1200))})
    page.get_by_label("Title").fill("Volcano poster")
    page.get_by_label("Subject or skill").fill("Science")
    page.get_by_label("What are you proud of? (optional)").fill("I drew every layer of the volcano myself.")
    page.get_by_label("This is my personal best in this subject").check()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/portfolio/work/"))
    expect(page.get_by_role("heading", name="Volcano poster")).to_be_visible()
    expect(page.get_by_text("Your personal best in Science")).to_be_visible()
    image = page.get_by_role("img", name="Photo: IMG_2041.jpg")
    expect(image).to_be_visible()
    assert _loaded(image)
    check(page, "work")
    page.get_by_role("link", name="My portfolio").first.click()
    expect(page.locator("#bests").get_by_role("link", name="Volcano poster")).to_be_visible()
    check(page, "mine")

    origin = signed_in(family.rosa)
    page.goto(f"{origin}/c/{family.leo.public_id}/personal_bests")
    expect(page.get_by_role("heading", name="Science: Volcano poster")).to_be_visible()
    expect(page.get_by_text("I drew every layer of the volcano myself.")).to_be_visible()
    image = page.get_by_role("img", name="Photo: IMG_2041.jpg")
    expect(image).to_be_visible()
    assert _loaded(image)
    check(page, "guardian-personal-bests")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="My portfolio")).to_have_count(0)


def test_a_college_sees_only_the_shareable_personal_best(page, signed_in, family, check, db_session, live_server):
    from tests.portfolio.files import pdf
    from tests.webapp.sharing_support import add_grant
    from webapp.models import Account, AccountRole
    from webapp.portfolio import entries, works
    from webapp.portfolio.storage import LocalStorage
    from webapp.portfolio.uploads import check_upload

    store = LocalStorage(live_server.config["UPLOAD_DIR"])
    limits = {"max_bytes": 10 * 1024 * 1024, "max_pixels": 40_000_000}
    with live_server.test_request_context():
        for title, visibility, best, upload in (("Volcano poster", "shareable", True, (jpeg_with_gps(), "v.jpg")),
                                                ("Poem", "family", True, (pdf(), "poem.pdf")),
                                                ("Lab notes", "shareable", False, (pdf(), "lab.pdf"))):
            item = works.create(db_session, family.leo, {
                "title": title, "subject": title, "standard_code": None, "made_on": None, "reflection": None,
                "link_url": None, "visibility": visibility})
            works.attach(db_session, store, item, [check_upload(upload[0], upload[1], **limits)])
            if best:
                works.set_personal_best(db_session, item, True)
        entries.add_activity(db_session, family.leo, {
            "kind": "service", "title": "Food bank", "organization": None, "started_on": None, "ended_on": None,
            "hours": 12, "description": None, "visibility": "shareable"})
    college = Account(display_name="Valley College")
    db_session.add(college)
    db_session.flush()
    db_session.add(AccountRole(account_id=college.id, role="recipient"))
    add_grant(db_session, family.leo, family.rosa, recipient=college, categories=["personal_bests", "activities"],
              kind="college", name="Valley College", may_contribute=True)
    db_session.commit()
    origin = signed_in(college)
    page.goto(f"{origin}/shared/{family.leo.public_id}")
    expect(page.get_by_role("heading", name="Volcano poster: Volcano poster")).to_be_visible()
    assert _loaded(page.get_by_role("img", name="Photo: v.jpg"))
    expect(page.get_by_text("Poem")).to_have_count(0)
    expect(page.get_by_text("Lab notes")).to_have_count(0)
    check(page, "college")
    page.get_by_role("button", name="I confirm these hours").click()
    expect(page.get_by_text("Confirmed by Valley College")).to_be_visible()
    check(page, "college-confirmed")
