"""Family pages for guardians and students: home cards, the backpack, every category page, the glossary.

Runs on SQLite and PostgreSQL. People sign in through real server-side sessions (family_support.sign_in).
"""
from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from sqlalchemy import func, select

from consent.categories import CATEGORY_CODES
from tests.webapp.family_support import family, sign_in, site  # noqa: F401
from webapp.models import DisclosureEntry


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def test_guardian_home_has_one_card_per_linked_child_and_a_switcher(site, db_session, family):
    page = _text(sign_in(site, db_session, family.rosa).get("/home"))
    assert page.count('class="card child-card"') == 2
    assert 'aria-label="Choose a child"' in page
    assert f'href="#child-{family.maya.public_id}"' in page and f'href="#child-{family.leo.public_id}"' in page
    assert family.hidden.public_id not in page and "Ana" not in page  # court restricted
    assert "Maya missed 18 school days (10%)." in page
    assert "Missing 10% of school days or more is called chronic absence." in page
    assert "Maya has been an English learner (EL) since" in page
    assert "To be reclassified (RFEP), a student needs level 4 on the ELPAC." in page
    assert "Maya scored 2,380 on the English test. That is level 2 of 4: Standard nearly met." in page
    assert "Maya takes part in 1 program now." in page and "Free school meals" in page  # supports: guardians
    assert "Leo has passed" in page  # readiness for grade 11 only
    assert "Maya has passed" not in page
    assert "Things to look at" in page and "Maya has a grade of D or F in 1 class this term." in page
    assert "What you can do next:" in page


def test_student_home_says_you_and_leaves_out_supports(site, db_session, family):
    page = _text(sign_in(site, db_session, family.leo_account).get("/home"))
    assert page.count('class="card child-card"') == 1
    assert "Choose a child" not in page and "Maya" not in page
    assert "You (Leo)" in page and "you missed 5 school days" in page
    assert "Leo missed" not in page
    assert "/supports" not in page and "programs now" not in page
    assert "See your whole backpack" in page


def test_sign_in_lands_each_person_where_their_work_is(site, db_session, family):
    from webapp.auth.sessions import home_for
    from webapp.models import Account

    from .family_support import _account

    tutor = _account(db_session, "Ms. Lee", "recipient")
    nobody = Account(display_name="No Role")
    db_session.add(nobody)
    db_session.commit()
    with site.test_request_context():
        assert home_for(db_session.get(Account, family.rosa.id)) == "/home"
        assert home_for(db_session.get(Account, family.leo_account.id)) == "/home"
        assert home_for(db_session.get(Account, family.staff.id)) == "/school/"
        assert home_for(db_session.get(Account, tutor.id)) == "/shared"
        assert home_for(db_session.get(Account, nobody.id)) == "/"
    response = sign_in(site, db_session, family.staff).get("/home")
    assert response.status_code == 302 and response.headers["Location"] == "/school/"


@pytest.mark.parametrize("who", ["rosa", "leo_account"])
def test_every_category_page_opens_with_its_summary_first(site, db_session, family, who):
    client = sign_in(site, db_session, getattr(family, who))
    backpack = _text(client.get(f"/c/{family.leo.public_id}"))
    assert backpack.index("Official school record") < backpack.index("Learner profile")
    for code in CATEGORY_CODES:
        page = _text(client.get(f"/c/{family.leo.public_id}/{code}"))
        assert page.index("In short") < page.index("The details"), code
        assert f'href="/c/{family.leo.public_id}/{code}"' in backpack, code
        assert 'style="' not in page and "<script>" not in page, code


def test_category_pages_say_what_the_numbers_mean(site, db_session, family):
    client = sign_in(site, db_session, family.rosa)
    attendance = _text(client.get(f"/c/{family.maya.public_id}/attendance"))
    assert "Talk to Maya's teacher or the school office" in attendance.replace("&#39;", "'")
    assert "Chronic absence" in attendance  # the glossary words of the page
    assert "Who to contact:" in attendance
    tests = _text(client.get(f"/c/{family.leo.public_id}/state_tests"))
    assert "It means: did better than the goal for this grade." in tests
    assert "That is 20 points higher than in" in tests
    english = _text(client.get(f"/c/{family.maya.public_id}/english_learning"))
    assert "Level 2 means: uses some English and is still learning." in english
    assert "Skills on the latest ELPAC" in english and "Writing:" in english
    grades = _text(client.get(f"/c/{family.maya.public_id}/grades"))
    assert "Grade 4 Math" in grades


def test_charts_are_inline_svg_with_a_title_and_a_table(site, db_session, family):
    client = sign_in(site, db_session, family.rosa)
    html = client.get(f"/c/{family.leo.public_id}/state_tests").get_data(as_text=True)
    svgs = re.findall(r"<svg class=\"chart\".*?</svg>", html, flags=re.S)
    assert len(svgs) == 2  # English and math; the ELPAC has no Smarter Balanced bands
    for svg in svgs:
        root = ElementTree.fromstring(svg)
        assert root.get("role") == "img" and root.get("aria-labelledby")
        assert root.find("{http://www.w3.org/2000/svg}title").text
    assert html.count("Show the numbers as a table") == 2
    attendance = client.get(f"/c/{family.maya.public_id}/attendance").get_data(as_text=True)
    assert 'class="threshold"' in attendance and "<th scope=\"col\">Share missed</th>" in attendance


def test_spanish_from_the_phone_and_remembered_per_account(site, db_session, family):
    client = sign_in(site, db_session, family.rosa)
    page = _text(client.get("/home", headers={"Accept-Language": "es-MX,es;q=0.9"}))
    assert 'lang="es"' in page and "Maya faltó 18 días de clases (10 %)." in page
    assert "Things to look at" not in page
    chosen = sign_in(site, db_session, family.leo_account, locale="es")
    page = _text(chosen.get(f"/c/{family.leo.public_id}/english_learning", headers={"Accept-Language": "en"}))
    assert 'lang="es"' in page and "de septiembre de" in page  # a Spanish date, from the account's choice


def test_glossary_is_public_and_anchored(site):
    page = _text(site.test_client().get("/glossary"))
    for anchor in ("scale-score", "rfep", "a-g", "chronic-absence", "elpac"):
        assert f'id="{anchor}"' in page


def test_family_views_are_not_disclosures(site, db_session, family):
    client = sign_in(site, db_session, family.rosa)
    client.get("/home")
    client.get(f"/c/{family.maya.public_id}/grades")
    assert db_session.scalar(select(func.count()).select_from(DisclosureEntry)) == 0


def test_the_menu_offers_only_pages_the_person_can_use(site, db_session, family):
    from .family_support import _account

    tutor = _account(db_session, "Ms. Lee", "recipient")
    db_session.commit()

    def menu(account) -> list[str]:
        page = sign_in(site, db_session, account).get("/account").get_data(as_text=True)
        nav = page[page.index('<nav class="site"'):page.index("</nav>", page.index('<nav class="site"'))]
        return [label for label in ("Home", "My portfolio", "Sharing", "Download", "Shared with me", "School",
                                    "Account") if f">{label}</a>" in nav]

    assert menu(family.rosa) == ["Home", "Sharing", "Download", "Account"]
    assert menu(family.staff) == ["School", "Account"]
    assert menu(tutor) == ["Shared with me", "Account"]
    assert menu(family.leo_account) == ["Home", "My portfolio", "Sharing", "Download", "Account"]
