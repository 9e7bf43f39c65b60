"""Times are stored in UTC and shown in the district's time zone (BACKPACK_TIMEZONE), never as bare UTC:
a parent in Fresno reads "8:02 PST", not "16:02 UTC"."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.conftest import app_config
from webapp import create_app, settings
from webapp.exports.presenting import moment
from webapp.models import Notification
from webapp.sharing.labels import at_time

from .family_support import _account, sign_in, site  # noqa: F401

SENT = datetime(2027, 3, 3, 16, 2, tzinfo=timezone.utc)  # 08:02 in California (standard time)


def test_the_default_zone_is_californias():
    assert settings.load({"SECRET_KEY": "x"})["BABEL_DEFAULT_TIMEZONE"] == "America/Los_Angeles"


def test_a_wrong_zone_name_stops_start_up_with_what_to_set(monkeypatch):
    monkeypatch.setenv("BACKPACK_TIMEZONE", "Pacific Time")
    with pytest.raises(ValueError, match="BACKPACK_TIMEZONE='Pacific Time' is not a time zone name"):
        settings.load({"SECRET_KEY": "x"})


@pytest.mark.parametrize("lang, expected", [("en", "3 March 2027, 08:02 PST"), ("es", "3 de marzo de 2027, 08:02")])
def test_notice_times_are_local(site, lang, expected):
    with site.test_request_context(headers={"Accept-Language": lang}):
        assert at_time(SENT).startswith(expected)


def test_export_times_are_local_and_name_the_zone(site):
    """SQLite hands back naive UTC values; they are converted the same way as aware ones."""
    with site.test_request_context(headers={"Accept-Language": "en"}):
        assert moment(SENT) == moment(SENT.replace(tzinfo=None)) == "3/3/27, 8:02\u202fAM PST"


def test_another_district_sets_its_own_zone(database_url, clean_db, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKPACK_TIMEZONE", "America/New_York")
    app = create_app(app_config(database_url, clean_db, tmp_path))
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert at_time(SENT) == "3 March 2027, 11:02 EST"


def test_the_notices_page_shows_the_local_time(site, db_session):
    rosa = _account(db_session, "Rosa", "guardian")
    db_session.add(Notification(account_id=rosa.id, kind="hours_confirmed", dedupe_key="tz-test", created_at=SENT,
                                params={"student": "Maya", "hours": "3", "activity": "Food bank"}))
    db_session.commit()
    page = sign_in(site, db_session, rosa).get("/notifications", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "3 March 2027, 08:02 PST" in text and "16:02" not in text
