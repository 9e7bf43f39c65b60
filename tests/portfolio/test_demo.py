"""The demo gives the showcase student a learner profile through the portfolio's own functions."""
from __future__ import annotations

from webapp.portfolio.demo import seed_leo
from webapp.store.backpack import load_backpack


def test_the_demo_profile(site, db_session, family):
    with site.app_context():
        assert seed_leo(db_session, family.leo.ssid)
        db_session.commit()
        assert not seed_leo(db_session, family.leo.ssid)  # running the demo again adds nothing
    backpack = load_backpack(db_session, family.leo.id)
    [best] = backpack.personal_bests
    assert best.title == "Watershed poster" and [h.title for h in best.history] == ["First poster sketch"]
    assert best.files and best.files[0].kind == "image" and best.files[0].has_preview
    assert backpack.goals[0].check_ins and backpack.activities and backpack.badges[0].check == "verified"
    assert any(a.kind == "service" and a.hours == 12 for a in backpack.activities)
