"""Who may open which family page: every forbidden combination is a 404, never a 403.

Access is decided by webapp.policy; these tests hold the family pages to it on both databases.
"""
from __future__ import annotations

from datetime import date

import pytest

from consent.categories import CATEGORY_CODES
from tests.webapp.family_support import TODAY, add_live_grant, make_family, sign_in, site  # noqa: F401
from webapp.models import Account, AccountRole, Student

PAGES = ("", "/attendance", "/supports", "/early_warning", "/goals")


@pytest.fixture
def family(db_session):
    made = make_family(db_session, history_years=2)
    db_session.commit()
    return made


def _statuses(client, student: Student, pages=PAGES) -> set[int]:
    return {client.get(f"/c/{student.public_id}{page}").status_code for page in pages}


def test_a_guardian_opens_linked_children_only(site, db_session, family):
    rosa = sign_in(site, db_session, family.rosa)
    assert _statuses(rosa, family.maya) == {200}
    assert _statuses(rosa, family.leo, [f"/{c}" for c in CATEGORY_CODES]) == {200}
    assert _statuses(rosa, family.stranger) == {404}


def test_a_court_restricted_link_hides_the_child_entirely(site, db_session, family):
    rosa = sign_in(site, db_session, family.rosa)
    assert _statuses(rosa, family.hidden, [""] + [f"/{c}" for c in CATEGORY_CODES]) == {404}
    assert family.hidden.public_id not in rosa.get("/home").get_data(as_text=True)


def test_a_student_opens_only_their_own_record(site, db_session, family):
    leo = sign_in(site, db_session, family.leo_account)
    assert _statuses(leo, family.leo) == {200}
    assert _statuses(leo, family.maya) == {404}  # his sister
    assert _statuses(leo, family.stranger) == {404}


def test_another_guardian_gets_404_for_every_page(site, db_session, family):
    kim = sign_in(site, db_session, family.other_guardian)
    assert _statuses(kim, family.stranger) == {200}
    assert _statuses(kim, family.maya) == {404} and _statuses(kim, family.leo) == {404}


def test_staff_and_recipients_do_not_use_family_pages(site, db_session, family):
    staff = sign_in(site, db_session, family.staff)
    assert _statuses(staff, family.maya) == {404}
    tutor = Account(display_name="Ms. Lee")
    db_session.add(tutor)
    db_session.flush()
    db_session.add(AccountRole(account_id=tutor.id, role="recipient"))
    add_live_grant(db_session, family.maya, family.rosa, tutor, categories=("grades", "attendance"))
    db_session.commit()
    assert _statuses(sign_in(site, db_session, tutor), family.maya, ["", "/grades"]) == {404}


def test_a_guardian_who_is_also_a_recipient_still_cannot_open_a_shared_child_here(site, db_session, family):
    db_session.add(AccountRole(account_id=family.other_guardian.id, role="recipient"))
    add_live_grant(db_session, family.maya, family.rosa, family.other_guardian, categories=("grades",))
    db_session.commit()
    kim = sign_in(site, db_session, family.other_guardian)
    assert _statuses(kim, family.maya, ["", "/grades"]) == {404}
    assert "Maya" not in kim.get("/home").get_data(as_text=True)


def test_at_eighteen_the_guardian_loses_the_pages_and_the_student_keeps_them(site, db_session, family):
    db_session.get(Student, family.leo.id).birth_date = date(TODAY.year - 19, 1, 5)
    db_session.commit()
    rosa = sign_in(site, db_session, family.rosa)
    assert _statuses(rosa, family.leo) == {404}
    home = rosa.get("/home").get_data(as_text=True)
    assert family.leo.public_id not in home and family.maya.public_id in home
    assert _statuses(sign_in(site, db_session, family.leo_account), family.leo) == {200}


def test_after_eighteen_a_guardian_reads_what_the_student_shares_and_the_view_is_logged(site, db_session, family):
    from sqlalchemy import select

    from webapp.models import DisclosureEntry

    db_session.get(Student, family.leo.id).birth_date = date(TODAY.year - 19, 1, 5)
    add_live_grant(db_session, family.leo, family.leo_account, family.rosa, categories=("grades",), role="student")
    db_session.commit()
    rosa = sign_in(site, db_session, family.rosa)
    assert rosa.get(f"/c/{family.leo.public_id}/grades").status_code == 200
    assert _statuses(rosa, family.leo, ["/attendance", "/supports", "/demographics"]) == {404}
    backpack = rosa.get(f"/c/{family.leo.public_id}").get_data(as_text=True)
    assert f"/c/{family.leo.public_id}/grades" in backpack and "/attendance" not in backpack
    logged = db_session.scalars(select(DisclosureEntry).order_by(DisclosureEntry.seq)).all()
    assert [entry.categories for entry in logged] == [["grades"], ["grades"]]
    assert {entry.student_public_id for entry in logged} == {family.leo.public_id}


def test_unknown_ids_ssids_and_categories_are_404(site, db_session, family):
    rosa = sign_in(site, db_session, family.rosa)
    assert rosa.get("/c/nosuchstudent0000").status_code == 404
    assert rosa.get(f"/c/{family.maya.ssid}").status_code == 404  # URLs take opaque ids, never SSIDs
    assert rosa.get(f"/c/{family.maya.public_id}/secrets").status_code == 404
    assert rosa.get(f"/c/{family.maya.public_id}/CATEGORY_CODES").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in_the_same_way_for_any_id(site, family):
    client = site.test_client()
    known = client.get(f"/c/{family.maya.public_id}/attendance")
    unknown = client.get("/c/nosuchstudent0000/attendance")
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"].split("?")[0] == unknown.headers["Location"].split("?")[0] == "/sign-in"
    assert client.get("/home").status_code == 302
