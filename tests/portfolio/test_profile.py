"""Personal bests with history, ordering, goals with check-ins, and the read model (a fixed number of
queries whatever the number of students or rows)."""
from __future__ import annotations

from sqlalchemy import select

from tests.portfolio.conftest import add_work
from tests.portfolio.files import jpeg_with_gps
from webapp.models import Goal, PersonalBestMark, PortfolioItem
from webapp.store.backpack import load_backpack, load_backpacks, to_json
from webapp.store.portfolio import load_profiles


def _item(db_session, title):
    db_session.expire_all()
    return db_session.scalars(select(PortfolioItem).where(PortfolioItem.title == title)).one()


def test_one_current_best_per_subject_and_the_history_stays(site, db_session, family, leo):
    add_work(leo, title="Still life", subject="Art", personal_best="yes", files=[(jpeg_with_gps(), "a.jpg")])
    add_work(leo, title="Portrait", subject=" art ", personal_best="yes", files=[(jpeg_with_gps(), "b.jpg")])
    add_work(leo, title="Essay", subject="Writing", personal_best="yes", reflection="My best argument yet.")
    backpack = load_backpack(db_session, family.leo.id)
    bests = {b.subject.casefold(): b for b in backpack.personal_bests}
    assert bests["art"].title == "Portrait" and [h.title for h in bests["art"].history] == ["Still life"]
    assert bests["writing"].description == "My best argument yet."
    open_marks = db_session.scalars(select(PersonalBestMark).where(PersonalBestMark.until.is_(None))).all()
    assert len(open_marks) == 2
    page = leo.get(f"/portfolio/work/{_item(db_session, 'Portrait').public_id}").get_data(as_text=True)
    assert "Still life" in page  # the history on the work's page
    portrait = _item(db_session, "Portrait")
    assert leo.post(f"/portfolio/work/{portrait.public_id}/best", data={"on": "no"}).status_code == 303
    bests = {b.subject.casefold() for b in load_backpack(db_session, family.leo.id).personal_bests}
    assert bests == {"writing"}
    assert db_session.scalars(select(PersonalBestMark)).all().__len__() == 3  # nothing deleted
    data = to_json(load_backpack(db_session, family.leo.id), "en", ["personal_bests"])
    assert data["personal_bests"][0]["title"] == "Essay"


def test_up_and_down_buttons_change_the_order(site, db_session, family, leo):
    for title in ("One", "Two", "Three"):
        add_work(leo, title=title, reflection="x")
    order = lambda: [w.title for w in load_backpack(db_session, family.leo.id).portfolio]  # noqa: E731
    assert order() == ["Three", "Two", "One"]  # newest first
    assert leo.post(f"/portfolio/work/{_item(db_session, 'One').public_id}/move", data={"direction": "up"}
                    ).status_code == 303
    db_session.expire_all()
    assert order() == ["Three", "One", "Two"]
    leo.post(f"/portfolio/work/{_item(db_session, 'Three').public_id}/move", data={"direction": "down"})
    db_session.expire_all()
    assert order() == ["One", "Three", "Two"]
    leo.post(f"/portfolio/work/{_item(db_session, 'One').public_id}/move", data={"direction": "up"})  # already first
    db_session.expire_all()
    assert order() == ["One", "Three", "Two"]


def test_goals_and_check_ins(site, db_session, family, leo, rosa):
    response = leo.post("/portfolio/goals/new", data={"title": "Read 20 books this year", "visibility": "family"})
    assert response.status_code == 303
    url = response.headers["Location"]
    assert leo.post(url, data={"note": "Finished book 5.", "progress": "25"}).status_code == 303
    assert leo.post(url, data={"note": "", "progress": "250"}).status_code == 400
    assert leo.post(url, data={"note": "Book 20 done!", "progress": "100", "done": "yes"}).status_code == 303
    db_session.expire_all()
    assert db_session.scalars(select(Goal)).one().status == "done"
    page = rosa.get(f"/c/{family.leo.public_id}/goals").get_data(as_text=True)
    assert "Read 20 books this year" in page and "Book 20 done!" in page


def test_the_work_form_explains_what_is_missing(site, leo):
    response = add_work(leo, title="", subject="")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Give it a short title." in page and 'capture="environment"' in page
    assert 'accept="image/*,application/pdf,text/plain"' in page
    assert add_work(leo, title="Link only", link_url="javascript:alert(1)").status_code == 400


def test_the_read_model_costs_a_fixed_number_of_queries(site, db_session, family, leo, count_queries):
    add_work(leo, title="Poster", personal_best="yes", files=[(jpeg_with_gps(), "p.jpg")])
    leo.post("/portfolio/goals/new", data={"title": "Run a 5k", "visibility": "family"})
    leo.post("/portfolio/activities/new", data={"kind": "service", "title": "Library", "hours": "4",
                                                "visibility": "family"})
    ids = [family.leo.id, family.maya.id, family.stranger.id]
    db_session.expire_all()
    with count_queries() as one:
        load_profiles(db_session, ids[:1])
    with count_queries() as many:
        load_profiles(db_session, ids)
    assert one.count == many.count <= 7
    assert len(load_backpacks(db_session, [family.leo.id])[family.leo.id].activities) == 1


def test_the_student_removes_a_goal_an_activity_and_a_badge(site, db_session, family, leo, rosa, tmp_path):
    from webapp.models import Activity, Badge, GoalCheckIn
    from webapp.portfolio.demo import seed_leo
    from webapp.portfolio.storage import LocalStorage

    assert seed_leo(db_session, family.leo.ssid, blobs=LocalStorage(tmp_path / "uploads"))
    db_session.commit()
    goal = db_session.scalars(select(Goal)).one()
    badge = db_session.scalars(select(Badge)).one()
    club = db_session.scalars(select(Activity).where(Activity.title == "Robotics club")).one()
    rows = {"goal": goal.public_id, "badge": badge.public_id, "activity": club.public_id}
    for kind, public_id in rows.items():
        assert rosa.post(f"/portfolio/{kind}/{public_id}/delete").status_code == 404  # the student's own
    assert leo.post(f"/portfolio/student/{goal.public_id}/delete").status_code == 404
    anchors = {"goal": "#goals", "badge": "#badges", "activity": "#activities"}
    for kind, public_id in rows.items():
        response = leo.post(f"/portfolio/{kind}/{public_id}/delete")
        assert response.status_code == 303 and response.headers["Location"].endswith(anchors[kind])
    db_session.expire_all()
    assert db_session.scalars(select(Goal)).all() == [] and db_session.scalars(select(GoalCheckIn)).all() == []
    assert db_session.scalars(select(Badge)).all() == []
    assert [a.title for a in db_session.scalars(select(Activity))] == ["Food bank volunteer"]
