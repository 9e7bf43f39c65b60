"""The authorization matrix: every recipient-visible route × every category × every grant state.

For each state, sixteen students each have one grant covering one category, in that state. The tutor
then opens every route for every student and category. Data shows only for an active grant covering
the category; a disclosure entry is written exactly when data was shown, never otherwise.
"""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

import consent
from tests.factories import make_district, make_school, make_student, make_student_with_history
from tests.webapp.auth_support import Person, invite, site  # noqa: F401  (fixture)
from tests.webapp.sharing_support import account_named, add_grant
from webapp import db
from webapp.models import Account, AccountRole, DisclosureEntry, GuardianLink, utcnow

STATES = ("none", "active", "not yet started", "expired", "revoked", "other student", "other recipient")
ROUTES = ("/shared/{s}", "/shared/{s}/{c}", "/shared/{s}/add")


def _family(session, school, n):
    today = date.today()
    student = make_student_with_history(session, school, years=1, last_grade="10", first_name=f"Kid{n}",
                                        birth_date=today.replace(year=today.year - 15))
    parent = Account(display_name=f"Parent {n}")
    parent.role_rows.append(AccountRole(role="guardian"))
    parent.guardian_links.append(GuardianLink(student_id=student.id))
    session.add(parent)
    session.flush()
    return student, parent


def _grant_in_state(session, state, student, sibling, parent, tutor, other, category):
    now = utcnow()
    if state == "none":
        return
    target, recipient = (sibling, tutor) if state == "other student" else (student, other if state == "other recipient" else tutor)
    window = {"starts_at": now - timedelta(days=1), "ends_at": now + timedelta(days=20)}
    events = ()
    if state == "not yet started":
        window = {"starts_at": now + timedelta(days=2), "ends_at": now + timedelta(days=20)}
    elif state == "expired":
        window = {"starts_at": now - timedelta(days=40), "ends_at": now - timedelta(days=10)}
    elif state == "revoked":
        events = (("revoked", now - timedelta(minutes=5)),)
    add_grant(session, target, parent, recipient=recipient, categories=[category], events=events,
              may_contribute=True, **window)


@pytest.fixture
def tutor(site):
    person = Person(site)
    person.redeem(invite(site, "recipient", name="Ms. Lee"), name="Ms. Lee")
    return person


def _entries() -> int:
    return db.session().scalar(select(func.count(DisclosureEntry.id)))


@pytest.mark.parametrize("state", STATES)
def test_matrix(site, db_session, tutor, state):
    s = db_session
    school = make_school(s, make_district(s))
    lee = s.get(Account, account_named(site, "Ms. Lee").id)
    other = Account(display_name="Mr. Park")
    other.role_rows.append(AccountRole(role="recipient"))
    s.add(other)
    students = {}
    for n, code in enumerate(consent.CATEGORY_CODES):
        student, parent = _family(s, school, n)
        sibling = make_student(s, school, first_name=f"Sib{n}", birth_date=student.birth_date)
        parent.guardian_links.append(GuardianLink(student_id=sibling.id))
        _grant_in_state(s, state, student, sibling, parent, lee, other, code)
        students[code] = student
    s.commit()

    expected_entries = 0
    with site.app_context():
        assert _entries() == 0
    portal = tutor.client.get("/shared").get_data(as_text=True)
    for code, student in students.items():
        assert (f'href="/shared/{student.public_id}"' in portal) == (state == "active")
        mentioned = state in ("active", "not yet started", "expired", "revoked")  # names only, once known
        assert (f"Kid{list(students).index(code)} " in portal) == mentioned
        shown_here = state == "active"
        for route in ROUTES:
            for asked in (consent.CATEGORY_CODES if "{c}" in route else ("-",)):
                url = route.format(s=student.public_id, c=asked)
                response = tutor.client.get(url)
                body = response.get_data(as_text=True)
                if route.endswith("/add"):
                    visible = shown_here  # every grant here lets the tutor contribute
                    assert response.status_code == (200 if visible else 404 if state in ("none", "other student", "other recipient") else 403), url
                    continue
                visible = shown_here and (asked in ("-", code))
                if visible:
                    assert response.status_code == 200, url
                    assert f'id="{code}-title"' in body
                    assert body.count('class="card category"') == 1
                    expected_entries += 1
                else:
                    assert response.status_code in (403, 404), url
                    assert 'class="card category"' not in body and student.ssid not in body, url
                    if state in ("none", "other student", "other recipient"):
                        assert response.status_code == 404, url
                with site.app_context():
                    assert _entries() == expected_entries, url
    with site.app_context():
        rows = db.session().scalars(select(DisclosureEntry).order_by(DisclosureEntry.seq)).all()
        for row in rows:
            assert len(row.categories) == 1 and row.viewer_name == "Ms. Lee"
            assert students[row.categories[0]].public_id == row.student_public_id
    assert expected_entries == (2 * len(consent.CATEGORY_CODES) if state == "active" else 0)


def test_family_pages_are_not_for_recipients(site, db_session, tutor):
    s = db_session
    school = make_school(s, make_district(s))
    student, parent = _family(s, school, 99)
    add_grant(s, student, parent, recipient=s.get(Account, account_named(site, "Ms. Lee").id), categories=["grades"])
    s.commit()
    for url in ("/sharing/{s}", "/sharing/{s}/new", "/sharing/{s}/looked", "/sharing/{s}/preview",
                "/sharing/{s}/confirm"):
        assert tutor.client.get(url.format(s=student.public_id)).status_code == 404, url
