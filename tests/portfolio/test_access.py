"""Who sees what: private rows reach nobody but the student, family rows reach guardians but never
recipients, shareable rows reach a recipient only through consent.decide for the row's category; the file
route enforces all of it and logs recipients' views."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.portfolio.conftest import add_work
from tests.portfolio.files import jpeg_with_gps, pdf
from tests.webapp.family_support import sign_in
from tests.webapp.sharing_support import add_grant
from webapp.models import Activity, DisclosureEntry, PortfolioFile, PortfolioItem, utcnow


def _work(db_session, client, title, visibility, *, best=False, files=None, subject="Art"):
    form = {"title": title, "visibility": visibility, "subject": subject}
    if best:
        form["personal_best"] = "yes"
    response = add_work(client, files=files or [(jpeg_with_gps(), f"{title}.jpg")], **form)
    assert response.status_code == 303, response.get_data(as_text=True)
    db_session.expire_all()
    item = db_session.scalars(select(PortfolioItem).where(PortfolioItem.title == title)).one()
    file = db_session.scalars(select(PortfolioFile).where(PortfolioFile.item_id == item.id)).first()
    return item, file


def _url(student, file, size=""):
    return f"/portfolio/files/{student.public_id}/{file.public_id}" + (f"/{size}" if size else "")


def _entries(db_session) -> int:
    db_session.expire_all()
    return db_session.scalar(select(func.count()).select_from(DisclosureEntry))


def test_private_work_never_reaches_a_guardian(site, db_session, family, leo, rosa):
    secret, secret_file = _work(db_session, leo, "Secret sketch", "private", best=True)
    shown, shown_file = _work(db_session, leo, "Bridge model", "family", subject="Physics")
    mine = leo.get("/portfolio").get_data(as_text=True)
    assert "Secret sketch" in mine and "Bridge model" in mine
    for code in ("portfolio", "personal_bests"):
        page = rosa.get(f"/c/{family.leo.public_id}/{code}").get_data(as_text=True)
        assert "Secret sketch" not in page
    assert "Bridge model" in rosa.get(f"/c/{family.leo.public_id}/portfolio").get_data(as_text=True)
    assert rosa.get(_url(family.leo, secret_file)).status_code == 404
    assert rosa.get(_url(family.leo, secret_file, "preview")).status_code == 404
    assert rosa.get(_url(family.leo, shown_file, "preview")).status_code == 200
    assert leo.get(_url(family.leo, secret_file)).status_code == 200
    assert _entries(db_session) == 0  # the family's own views are not disclosures


def test_private_works_can_be_made_visible_and_hidden_again(site, db_session, family, leo, rosa):
    item, file = _work(db_session, leo, "Essay draft", "private")
    assert leo.post(f"/portfolio/work/{item.public_id}/visibility", data={"visibility": "family"}).status_code == 303
    assert rosa.get(_url(family.leo, file)).status_code == 200
    assert leo.post(f"/portfolio/work/{item.public_id}/visibility", data={"visibility": "private"}).status_code == 303
    assert rosa.get(_url(family.leo, file)).status_code == 404


def test_a_recipient_sees_only_shareable_rows_of_the_shared_category(site, db_session, family, leo, tutor):
    best, best_file = _work(db_session, leo, "Mural", "shareable", best=True)
    family_best, family_file = _work(db_session, leo, "Poem", "family", best=True, subject="Writing")
    private_best, private_file = _work(db_session, leo, "Diary", "private", best=True, subject="Music")
    other, other_file = _work(db_session, leo, "Lab notes", "shareable", subject="Biology")
    add_grant(db_session, family.leo, family.rosa, recipient=tutor, categories=["personal_bests"])
    db_session.commit()
    college = sign_in(site, db_session, tutor)
    page = college.get(f"/shared/{family.leo.public_id}").get_data(as_text=True)
    assert "Mural" in page
    for hidden in ("Poem", "Diary", "Lab notes"):
        assert hidden not in page
    before = _entries(db_session)
    response = college.get(_url(family.leo, best_file, "preview"))
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert _entries(db_session) == before + 1  # the file view is in the disclosure log
    entry = db_session.scalars(select(DisclosureEntry).order_by(DisclosureEntry.seq.desc())).first()
    assert entry.categories == ["personal_bests"] and entry.viewer_account_id == tutor.public_id
    for file in (family_file, private_file, other_file):  # family, private, and not a personal best
        assert college.get(_url(family.leo, file)).status_code == 404
    assert _entries(db_session) == before + 1


def test_the_file_route_follows_decide_grant_by_grant(site, db_session, family, leo, tutor):
    item, file = _work(db_session, leo, "Portfolio piece", "shareable", files=[(pdf(), "essay.pdf")])
    college = sign_in(site, db_session, tutor)
    assert college.get(_url(family.leo, file)).status_code == 404  # no grant at all
    grades = add_grant(db_session, family.leo, family.rosa, recipient=tutor, categories=["grades"])
    db_session.commit()
    assert college.get(_url(family.leo, file)).status_code == 404  # a grant, but not for the portfolio
    portfolio = add_grant(db_session, family.leo, family.rosa, recipient=tutor, categories=["portfolio"])
    db_session.commit()
    response = college.get(_url(family.leo, file))
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"]
    assert response.data == pdf()
    from webapp.models import GrantEvent

    db_session.add(GrantEvent(grant_id=portfolio.id, seq=2, kind="revoked", at=utcnow(),
                              by_account_id=family.rosa.id))
    db_session.commit()
    assert college.get(_url(family.leo, file)).status_code == 404  # revoked: the very next request
    assert grades is not None


def test_people_outside_the_family_get_nothing(site, db_session, family, leo):
    item, file = _work(db_session, leo, "Poster", "shareable")
    for account in (family.other_guardian, family.staff):
        client = sign_in(site, db_session, account)
        assert client.get(_url(family.leo, file)).status_code == 404
        assert client.get("/portfolio").status_code == 404
    assert site.test_client().get(_url(family.leo, file)).status_code in (302, 401)


def test_a_guardian_cannot_curate_the_students_portfolio(site, db_session, family, leo, rosa):
    item, _ = _work(db_session, leo, "Poster", "family")
    assert rosa.get("/portfolio").status_code == 404
    assert rosa.post(f"/portfolio/work/{item.public_id}/delete").status_code == 404
    assert rosa.post(f"/portfolio/work/{item.public_id}/visibility", data={"visibility": "shareable"}).status_code == 404


def test_a_program_allowed_to_contribute_confirms_service_hours(site, db_session, family, leo, tutor):
    assert leo.post("/portfolio/activities/new", data={
        "kind": "service", "title": "Food bank", "organization": "Eastside Pantry", "hours": "12",
        "visibility": "shareable"}).status_code == 303
    assert leo.post("/portfolio/activities/new", data={
        "kind": "service", "title": "Park cleanup", "hours": "3", "visibility": "family"}).status_code == 303
    db_session.expire_all()
    shared = db_session.scalars(select(Activity).where(Activity.title == "Food bank")).one()
    private = db_session.scalars(select(Activity).where(Activity.title == "Park cleanup")).one()
    program = sign_in(site, db_session, tutor)
    url = f"/portfolio/confirm/{family.leo.public_id}/{shared.public_id}"
    view_only = add_grant(db_session, family.leo, family.rosa, recipient=tutor, categories=["activities"])
    db_session.commit()
    assert program.post(url).status_code == 404  # may see, may not contribute
    db_session.add(__import__("webapp.models", fromlist=["GrantEvent"]).GrantEvent(
        grant_id=view_only.id, seq=2, kind="revoked", at=utcnow(), by_account_id=family.rosa.id))
    add_grant(db_session, family.leo, family.rosa, recipient=tutor, categories=["activities"], may_contribute=True,
              kind="afterschool_program", name="Eastside Pantry")
    db_session.commit()
    page = program.get(f"/shared/{family.leo.public_id}/activities").get_data(as_text=True)
    assert "Food bank" in page and "Park cleanup" not in page and "I confirm these hours" in page
    assert program.post(f"/portfolio/confirm/{family.leo.public_id}/{private.public_id}").status_code == 404
    assert program.post(url).status_code == 303
    db_session.expire_all()
    shared = db_session.get(Activity, shared.id)
    assert shared.confirmed_by_name == "Ms. Lee" and shared.confirmed_at is not None
    assert "Confirmed by Ms. Lee" in leo.get("/portfolio").get_data(as_text=True)
    assert db_session.get(Activity, private.id).confirmed_at is None
    for person in (leo, sign_in(site, db_session, family.rosa)):  # the family hears of it
        notices = person.get("/notifications").get_data(as_text=True)
        assert "Ms. Lee confirmed Leo&#39;s activity" in notices and "Food bank" in notices


def test_the_family_preview_shows_only_shareable_rows(site, db_session, family, leo):
    from webapp.recipient.pages import sections

    _work(db_session, leo, "Shared mural", "shareable", best=True)
    _work(db_session, leo, "Family poem", "family", best=True, subject="Writing")
    with site.test_request_context():
        found = sections(db_session, family.leo, ["personal_bests"])
    [section] = found[0] if isinstance(found, tuple) else found  # (sections, statements) once statements exist
    assert [b.title for b in section.portfolio] == ["Shared mural"]


@pytest.mark.parametrize("size", ["full", "preview"])
def test_unknown_files_and_sizes_are_404(site, db_session, family, leo, size):
    item, file = _work(db_session, leo, "Poster", "family")
    assert leo.get(f"/portfolio/files/{family.leo.public_id}/nope/{size}").status_code == 404
    assert leo.get(f"/portfolio/files/{family.maya.public_id}/{file.public_id}/{size}").status_code == 404
    assert leo.get(_url(family.leo, file, "huge")).status_code == 404
    assert timedelta(0) is not None
