"""The family's sharing pages: the form's checks, the preview, the recipient's summary-first page, the passkey
signature, one-tap revoke (htmx and plain), either guardian, the student before and after 18, hiding contributions, notices."""
from __future__ import annotations

import re
from datetime import date, timedelta

from markupsafe import escape
from sqlalchemy import select

from tests.factories import add_year_of_history, make_staff
from tests.webapp.auth_support import Person, invite, make_school, site  # noqa: F401  (fixture)
from tests.webapp.sharing_support import FORM, PAYLOAD_HASH, account_named, guardian_of, recipient_from, share
from webapp import db
from webapp.models import Contribution, Grant, GrantEvent, GuardianLink, Notification, Student
from webapp.store.backpack import load_backpack
from webapp.summaries import summarize

SECTIONS = re.compile(r'<section class="card category".*?</section>', re.S)


def _maya(db_session):
    school, students = make_school(db_session)
    maya = students[0]
    add_year_of_history(db_session, maya, school, 2023, "03", make_staff(db_session))
    db_session.commit()
    return maya


def test_form_checks_every_field(site, db_session):
    maya = _maya(db_session)
    rosa = guardian_of(site, maya)
    page = rosa.client.get(f"/sharing/{maya.public_id}/new").get_data(as_text=True)
    for code in ("behavior", "supports", "early_warning"):  # sensitive: never pre-ticked, marked as private
        assert re.search(rf'value="{code}"\s+aria-describedby="sensitive-{code}"', page)
    assert "checked" not in re.search(r'name="categories".*?</fieldset>', page, re.S).group(0)
    response = rosa.client.post(f"/sharing/{maya.public_id}/new", data={"categories": ["behavior"]})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    for message in ("Choose who you are sharing with.", "Type their name.", "Tick the box to confirm",
                    "Say why you are sharing", "Choose how long to share."):
        assert message in text, message
    response = rosa.client.post(f"/sharing/{maya.public_id}/new",
                                data={**FORM, "duration": "until", "until": (date.today() + timedelta(days=500)).isoformat()})
    assert response.status_code == 400 and "Choose a last day from today up to" in response.get_data(as_text=True)
    response = rosa.client.post(f"/sharing/{maya.public_id}/new", data={**FORM, "email": "not an email"})
    assert response.status_code == 400 and "Check the email address" in response.get_data(as_text=True)


def test_confirming_needs_a_fresh_passkey_for_exactly_these_terms(site, db_session):
    maya = _maya(db_session)
    rosa = guardian_of(site, maya)
    rosa.client.post(f"/sharing/{maya.public_id}/new", data=FORM)
    assert rosa.client.post(f"/sharing/{maya.public_id}/confirm").status_code == 403  # no passkey check
    page = rosa.client.get(f"/sharing/{maya.public_id}/confirm").get_data(as_text=True)
    signed = PAYLOAD_HASH.search(page).group(1)
    rosa.step_up("grant", signed)
    rosa.client.post(f"/sharing/{maya.public_id}/new", data={**FORM, "categories": ["grades", "attendance"]})
    assert rosa.client.post(f"/sharing/{maya.public_id}/confirm").status_code == 403  # terms changed after signing
    with site.app_context():
        assert db.session().scalar(select(Grant.id)) is None


def test_preview_is_the_recipients_page(site, db_session):
    maya = _maya(db_session)
    rosa = guardian_of(site, maya)
    form = {**FORM, "categories": ["attendance", "grades", "state_tests"], "may_contribute": "yes"}
    rosa.client.post(f"/sharing/{maya.public_id}/new", data=form)
    preview = rosa.client.get(f"/sharing/{maya.public_id}/preview").get_data(as_text=True)
    assert "Preview: this is exactly what Ms. Lee will see. Nothing is shared yet." in preview
    with site.app_context():
        assert db.session().scalar(select(Grant.id)) is None
    _, code = share(rosa, maya, **form)
    lee = recipient_from(site, code)
    page = lee.client.get(f"/shared/{maya.public_id}").get_data(as_text=True)
    assert SECTIONS.findall(preview) == SECTIONS.findall(page) and len(SECTIONS.findall(page)) == 3
    assert re.search(r'class="shared-by">(.*?)<', preview).group(1) == re.search(r'class="shared-by">(.*?)<', page).group(1)


def test_the_recipient_reads_the_summary_first_then_every_detail(site, db_session):
    """The same plain-language summary the family reads (about the student, with no "what you can do": that is
    the family's to decide), and the full record folded below it."""
    maya = _maya(db_session)
    rosa = guardian_of(site, maya)
    _, code = share(rosa, maya, **{**FORM, "categories": ["attendance", "grades"]})
    page = recipient_from(site, code).client.get(f"/shared/{maya.public_id}", headers={"Accept-Language": "en"})
    html = page.get_data(as_text=True)
    with site.test_request_context(headers={"Accept-Language": "en"}):
        expected = summarize(load_backpack(db.session(), maya.id), "recipient", ["attendance", "grades"])
    for code in ("attendance", "grades"):
        section = re.search(rf'<section class="card category" id="{code}".*?</section>', html, re.S).group(0)
        headline = escape(expected[code].headline)
        assert headline and headline in section
        assert section.index(headline) < section.index("<details class=\"record-details\">")
        assert "Every detail of the record" in section
    assert "What you can do:" not in html


def test_revoke_with_htmx_and_without(site, db_session):
    maya = _maya(db_session)
    rosa = guardian_of(site, maya)
    first, code = share(rosa, maya)
    second, _ = share(rosa, maya, name="Sunrise Club", kind="afterschool_program", email="")
    lee = recipient_from(site, code)
    assert lee.client.get(f"/shared/{maya.public_id}").status_code == 200
    response = rosa.client.post(f"/sharing/{maya.public_id}/grants/{first}/revoke", headers={"HX-Request": "true"})
    assert response.status_code == 200
    card = response.get_data(as_text=True).strip()
    assert card.startswith("<li") and "Stopped" in card and "Stop sharing" not in card and 'role="status"' in card
    assert lee.client.get(f"/shared/{maya.public_id}").status_code == 403  # the very next request
    response = rosa.client.post(f"/sharing/{maya.public_id}/grants/{second}/revoke")
    assert response.status_code == 303
    page = rosa.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You stopped sharing with Sunrise Club." in page and "Nobody else can see Maya's records right now." in page
    # Revoking again changes nothing.
    rosa.client.post(f"/sharing/{maya.public_id}/grants/{second}/revoke")
    with site.app_context():
        kinds = db.session().scalars(select(GrantEvent.kind).order_by(GrantEvent.id)).all()
    assert kinds == ["granted", "granted", "revoked", "revoked"]


def test_either_guardian_sees_and_revokes(site, db_session):
    maya = _maya(db_session)
    rosa = guardian_of(site, maya)
    grant, _ = share(rosa, maya)
    marco = guardian_of(site, maya, name="Marco Lopez")
    page = marco.client.get(f"/sharing/{maya.public_id}").get_data(as_text=True)
    assert "Ms. Lee" in page and "Shared by Rosa Hernandez" in page
    assert marco.client.post(f"/sharing/{maya.public_id}/grants/{grant}/revoke").status_code == 303
    with site.app_context():
        notices = db.session().scalars(select(Notification).where(Notification.kind == "grant_ended")).all()
        assert {n.account_id for n in notices} == {account_named(site, "Rosa Hernandez").id,
                                                   account_named(site, "Marco Lopez").id}


def test_a_court_restricted_parent_sees_nothing(site, db_session):
    maya = _maya(db_session)
    rosa = guardian_of(site, maya)
    share(rosa, maya)
    hugo = guardian_of(site, maya, name="Hugo Lopez")
    with site.app_context():
        s = db.session()
        link = s.scalars(select(GuardianLink).where(GuardianLink.account_id == account_named(site, "Hugo Lopez").id)).one()
        link.court_restricted = True
        s.commit()
    for url in ("/sharing/{s}", "/sharing/{s}/looked", "/sharing/{s}/new", "/shared/{s}"):
        assert hugo.client.get(url.format(s=maya.public_id)).status_code == 404, url


def test_the_student_reads_but_does_not_share_until_18(site, db_session):
    school, students = make_school(db_session)
    sam = students[2]  # 17 years old
    parent = guardian_of(site, sam, name="Pat Chen")
    share(parent, sam)
    me = Person(site)
    me.redeem(invite(site, "student", sam), name="Sammy Chen")
    page = me.client.get(f"/sharing/{sam.public_id}").get_data(as_text=True)
    assert "Until you turn 18, your parent or guardian decides what to share." in page
    assert "Ms. Lee" in page and "Stop sharing" not in page
    assert me.client.get(f"/sharing/{sam.public_id}/looked").status_code == 200
    assert me.client.get(f"/sharing/{sam.public_id}/new").status_code == 403
    with site.app_context():
        s = db.session()
        s.get(Student, sam.id).emancipated = True
        s.commit()
    page = me.client.get(f"/sharing/{sam.public_id}").get_data(as_text=True)
    assert "Share with someone" in page and "Ended at 18" in page
    grant, _ = share(me, sam, kind="relative", name="Pat Chen", email="", categories=["grades"])
    notices = me.client.get("/notifications").get_data(as_text=True)
    assert "You now decide who sees your school records" in notices
    parent_page = parent.client.get(f"/sharing/{sam.public_id}").get_data(as_text=True)
    assert "now decides what to share" in parent_page and "Share with someone" not in parent_page
    assert parent.client.get(f"/sharing/{sam.public_id}/looked").status_code == 404


def test_contributions_show_author_and_can_be_hidden(site, db_session):
    maya = _maya(db_session)
    rosa = guardian_of(site, maya)
    _, code = share(rosa, maya, may_contribute="yes", categories=["grades", "activities", "badges"])
    lee = recipient_from(site, code)
    response = lee.client.post(f"/shared/{maya.public_id}/add",
                               data={"kind": "activity_hours", "title": "Math club", "hours": "12.5",
                                     "occurred_on": date.today().isoformat()})
    assert response.status_code == 303
    assert lee.client.post(f"/shared/{maya.public_id}/add", data={"kind": "activity_hours", "title": "x",
                                                                  "hours": "lots"}).status_code == 400
    page = lee.client.get(f"/shared/{maya.public_id}").get_data(as_text=True)
    assert "Math club" in page and "Added by Ms. Lee (Tutor)" in page
    family = rosa.client.get(f"/sharing/{maya.public_id}").get_data(as_text=True)
    assert "Math club" in family and "12.50 hours" in family
    with site.app_context():
        item = db.session().scalars(select(Contribution)).one()
    response = rosa.client.post(f"/sharing/{maya.public_id}/added/{item.public_id}", data={"hidden": "yes"},
                                headers={"HX-Request": "true"})
    assert "Hidden: only your family can see it." in response.get_data(as_text=True)
    assert "Math club" not in lee.client.get(f"/shared/{maya.public_id}").get_data(as_text=True)
    assert "contribution" in [n.kind for n in _notices(site)]


def test_a_recipient_without_contribute_rights_cannot_add(site, db_session):
    maya = _maya(db_session)
    rosa = guardian_of(site, maya)
    _, code = share(rosa, maya)
    lee = recipient_from(site, code)
    assert lee.client.get(f"/shared/{maya.public_id}/add").status_code == 404
    assert lee.client.post(f"/shared/{maya.public_id}/add", data={"kind": "note", "title": "Hi"}).status_code == 404


def test_an_existing_recipient_gets_a_second_child_without_invitation(site, db_session):
    school, students = make_school(db_session)
    maya, leo = students[0], students[1]
    rosa = guardian_of(site, maya)
    with site.app_context():
        s = db.session()
        s.add(GuardianLink(account_id=account_named(site, "Rosa Hernandez").id, student_id=leo.id))
        s.commit()
    _, code = share(rosa, maya)
    lee = recipient_from(site, code)
    lee_id = account_named(site, "Ms. Lee").public_id
    page = rosa.client.get(f"/sharing/{leo.public_id}/new").get_data(as_text=True)
    assert f'value="{lee_id}"' in page
    grant, new_code = share(rosa, leo, existing=lee_id, kind="", name="", email="")
    assert new_code is None
    assert f"/shared/{leo.public_id}" in lee.client.get("/shared").get_data(as_text=True)
    assert "shared_with_you" in [n.kind for n in _notices(site)]


def test_notices_list_and_mark_read(site, db_session):
    maya = _maya(db_session)
    rosa = guardian_of(site, maya)
    share(rosa, maya)
    page = rosa.client.get("/notifications").get_data(as_text=True)
    assert "Maya&#39;s records are now shared with Ms. Lee (Tutor)" in page and "New" in page
    assert "Notices (1 new)" in rosa.client.get(f"/sharing/{maya.public_id}").get_data(as_text=True)
    assert rosa.client.post("/notifications/read").status_code == 303
    assert "Notices (1 new)" not in rosa.client.get(f"/sharing/{maya.public_id}").get_data(as_text=True)


def test_spanish_pages(site, db_session):
    maya = _maya(db_session)
    rosa = guardian_of(site, maya)
    share(rosa, maya)
    rosa.client.post("/language", data={"locale": "es"})
    page = rosa.client.get(f"/sharing/{maya.public_id}").get_data(as_text=True)
    assert "Quién puede ver" in page and "Dejar de compartir" in page


def _notices(site):
    with site.app_context():
        return db.session().scalars(select(Notification).order_by(Notification.id)).all()
