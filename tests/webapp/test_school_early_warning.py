"""The console's "Early warning" page: a district admin sets when families see a sign, the family's page follows
from the next request, a wrong value keeps what was typed and saves nothing, and nobody else may change it.
Both databases."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.factories import add_attendance, make_district
from webapp import db
from webapp.models import AdminAuditEntry, EarlyWarningSetting, Student

from .school_support import World, district_admin, guardian, make_world, person, school_admin, site, teacher  # noqa: F401

TODAY = date.today()
THIS_YEAR = TODAY.year if TODAY.month >= 7 else TODAY.year - 1  # the school year starting this (or last) summer
SETTINGS = {"attendance_percent": "8", "suspensions": "2", "low_marks": ["F"], "ag_off_track": "on"}


@pytest.fixture
def w(db_session) -> World:
    """Maya missed 17 of 180 days this year: 9.4 %, under the standard 10 %."""
    world = make_world(db_session)
    add_attendance(db_session, world.student, world.school, THIS_YEAR, expected_days=Decimal("180"),
                   days_attended=Decimal("163"))
    db_session.commit()
    return world


def url(w: World, tail: str = "") -> str:
    return f"/school/early-warning/{w.district.cds_code}{tail}"


def maya_signs(site, w: World, parent) -> str:
    with site.app_context():
        public_id = db.session().get(Student, w.student.id).public_id
    page = parent.client.get(f"/c/{public_id}/early_warning", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    return page.get_data(as_text=True)


def stored(site) -> tuple[list[EarlyWarningSetting], int]:
    with site.app_context():
        s = db.session()
        return (s.scalars(select(EarlyWarningSetting)).all(),
                s.scalar(select(func.count()).select_from(AdminAuditEntry).where(
                    AdminAuditEntry.action == "early_warning_changed")))


def test_the_district_admin_lowers_the_attendance_line_and_the_family_sees_the_sign(site, w):
    admin, parent = district_admin(site, w), guardian(site, w.student)
    page = admin.client.get("/school/early-warning", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Los Robles Unified" in page and "These are the standard settings." in page and 'value="10"' in page
    assert "missed 9.4% of school days" not in maya_signs(site, w, parent)

    saved = admin.client.post(url(w), data=SETTINGS)
    assert saved.status_code == 303 and saved.location.endswith(f"#district-{w.district.cds_code}")
    settings, audited = stored(site)
    assert [(s.attendance_percent, s.suspensions, s.low_marks, s.ag_off_track, s.updated_by_name)
            for s in settings] == [(Decimal("8.0"), 2, "F", True, "Dee District")]
    assert audited == 1
    assert "Maya missed 9.4% of school days" in maya_signs(site, w, parent)
    page = admin.client.get("/school/early-warning", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Set by Dee District on" in page and 'value="8"' in page and "Use the standard settings" in page

    assert admin.client.post(url(w, "/defaults")).status_code == 303
    assert stored(site) == ([], 2)
    assert "missed 9.4% of school days" not in maya_signs(site, w, parent)


@pytest.mark.parametrize("field, value, message", [
    ("attendance_percent", "ten", "Type a number from 1 to 50, like 10 or 7.5."),
    ("attendance_percent", "75", "Type a number from 1 to 50, like 10 or 7.5."),
    ("attendance_percent", "7.25", "Type a number from 1 to 50, like 10 or 7.5."),
    ("suspensions", "-1", "Type a whole number from 0 to 10. 0 turns this sign off."),
    ("suspensions", "11", "Type a whole number from 0 to 10. 0 turns this sign off."),
])
def test_a_wrong_value_keeps_what_was_typed_and_saves_nothing(site, w, field, value, message):
    admin = district_admin(site, w)
    answer = admin.client.post(url(w), data={**SETTINGS, field: value}, headers={"Accept-Language": "en"})
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert message in page and "Nothing was saved." in page and f'value="{value}"' in page
    assert 'aria-invalid="true"' in page
    assert stored(site) == ([], 0)


def test_a_percent_sign_or_a_decimal_comma_is_understood(site, w):
    admin = district_admin(site, w)
    assert admin.client.post(url(w), data={**SETTINGS, "attendance_percent": "7,5 %"}).status_code == 303
    assert stored(site)[0][0].attendance_percent == Decimal("7.5")


def test_ticking_no_grade_turns_that_sign_off(site, w):
    admin = district_admin(site, w)
    assert admin.client.post(url(w), data={"attendance_percent": "10", "suspensions": "0"}).status_code == 303
    setting = stored(site)[0][0]
    assert (setting.low_marks, setting.suspensions, setting.ag_off_track) == ("", 0, False)


def test_only_an_admin_of_the_whole_district_may_see_or_change_it(site, w, db_session):
    other = make_district(db_session, name="Valle Verde Unified")
    db_session.commit()
    outsiders = [school_admin(site, w), teacher(site, w), guardian(site, w.student),
                 person(site, role="district_admin", district=other, name="Otto Other")]
    for somebody in outsiders[:3]:
        assert somebody.client.get("/school/early-warning").status_code == 404
    for somebody in outsiders:
        assert somebody.client.post(url(w), data=SETTINGS).status_code == 404
        assert somebody.client.post(url(w, "/defaults")).status_code == 404
    assert "Los Robles Unified" not in outsiders[3].client.get("/school/early-warning").get_data(as_text=True)
    assert stored(site) == ([], 0)


def test_the_page_reads_in_spanish(site, w):
    admin = district_admin(site, w)
    admin.client.post("/language", data={"locale": "es"})  # remembered for the account, over the browser's
    page = admin.client.get("/school/early-warning")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Alerta temprana" in text and "Guardar" in text


def test_each_district_reads_only_its_own_changes_in_the_audit_log(site, w, db_session):
    """A district-wide entry names its district: another district's admin in the same deployment never reads
    it, and an admin of every school reads them all."""
    other = make_district(db_session, name="Valle Verde Unified")
    db_session.commit()
    ours = district_admin(site, w)
    theirs = person(site, role="district_admin", district=other, name="Otto Other")
    everywhere = person(site, role="district_admin", name="Ada All")
    assert ours.client.post(url(w), data=SETTINGS).status_code == 303
    assert theirs.client.post(f"/school/early-warning/{other.cds_code}", data=SETTINGS).status_code == 303

    def log(admin) -> str:
        return admin.client.get("/school/audit", headers={"Accept-Language": "en"}).get_data(as_text=True)

    assert "Dee District" in log(ours) and "Los Robles Unified" in log(ours)
    assert "Otto Other" not in log(ours) and "Valle Verde Unified" not in log(ours)
    assert "Otto Other" in log(theirs) and "Dee District" not in log(theirs)
    assert "Dee District" in log(everywhere) and "Otto Other" in log(everywhere)
