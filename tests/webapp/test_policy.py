"""webapp.policy: rows become consent values, one decision per category, rights at 18 settled on the
request, disclosure entries only for views under a grant, a fixed number of queries."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

import consent
from tests.factories import make_district, make_school, make_student
from tests.webapp.sharing_support import add_grant
from webapp import policy
from webapp.models import (
    Account, AccountRole, DisclosureEntry, DisclosureHead, GrantEvent, GuardianLink, Invitation, Notification, utcnow,
)


def _account(session, name, *roles, student=None, school=None, district=None, links=()):
    account = Account(display_name=name, email=f"{name.split()[0].lower()}@example.org", student_id=student.id if student else None)
    for role in roles:
        account.role_rows.append(AccountRole(role=role, school_id=school.id if school and role != "district_admin" else None,
                                             district_id=district.id if district and role == "district_admin" else None))
    for linked, restricted in links:
        account.guardian_links.append(GuardianLink(student_id=linked.id, court_restricted=restricted))
    session.add(account)
    session.flush()
    return account


@pytest.fixture
def world(app, db_session):
    """Maya (12) and her brother Leo at one school, Sam (adult) at another; Rosa guards Maya and Leo,
    Hugo is Maya's court-restricted parent; Ms. Lee is a tutor; Dana is staff at Maya's school."""
    s = db_session
    district = make_district(s)
    north, south = make_school(s, district), make_school(s, district)
    today = date.today()
    maya = make_student(s, north, first_name="Maya", birth_date=today.replace(year=today.year - 12))
    leo = make_student(s, north, first_name="Leo", birth_date=today.replace(year=today.year - 9))
    sam = make_student(s, south, first_name="Sam", birth_date=date(today.year - 19, 1, 1))
    w = {
        "district": district, "north": north, "south": south, "maya": maya, "leo": leo, "sam": sam,
        "rosa": _account(s, "Rosa Hernandez", "guardian", links=[(maya, False), (leo, False)]),
        "hugo": _account(s, "Hugo Hernandez", "guardian", links=[(maya, True)]),
        "lee": _account(s, "Ms Lee", "recipient"),
        "other": _account(s, "Mr Park", "recipient"),
        "dana": _account(s, "Dana Staff", "school_admin", school=north),
        "boss": _account(s, "Ada Admin", "district_admin", district=district),
        "maya_self": _account(s, "Maya Self", "student", student=maya),
        "sam_self": _account(s, "Sam Self", "student", student=sam),
        "sam_parent": _account(s, "Pat Chen", "guardian", links=[(sam, False)]),
    }
    s.commit()
    return w


def test_viewer_for_names_public_ids(world, db_session):
    rosa = policy.viewer_for(db_session, world["rosa"])
    assert rosa.account_id == world["rosa"].public_id and rosa.roles == {consent.Role.GUARDIAN}
    assert dict(rosa.guardian_links) == {world["maya"].public_id: False, world["leo"].public_id: False}
    assert policy.viewer_for(db_session, world["maya_self"]).own_student_id == world["maya"].public_id
    assert policy.viewer_for(db_session, world["dana"]).school_ids == {str(world["north"].id)}
    assert policy.viewer_for(db_session, world["boss"]).school_ids == {str(world["north"].id), str(world["south"].id)}


def test_facts_for_unknown_birth_date_keeps_rights_with_the_guardian(world):
    maya = world["maya"]
    maya.birth_date = None
    facts = policy.facts_for(maya)
    assert not consent.student_holds_rights(facts, policy.now())


def test_students_for_each_kind_of_account(world, db_session):
    s, now = db_session, policy.now()
    add_grant(s, world["sam"], world["sam_self"], recipient=world["lee"], role="student", categories=["grades"])
    s.commit()
    names = lambda account: [st.first_name for st in policy.students_for(s, account, now)]  # noqa: E731
    assert sorted(names(world["rosa"])) == ["Leo", "Maya"]
    assert names(world["hugo"]) == []  # court restricted: as if unknown
    assert names(world["maya_self"]) == ["Maya"]
    assert names(world["lee"]) == ["Sam"]
    assert names(world["other"]) == []
    assert sorted(names(world["dana"])) == ["Leo", "Maya"]
    assert sorted(names(world["boss"])) == ["Leo", "Maya", "Sam"]
    assert names(world["sam_parent"]) == []  # Sam is an adult and shared nothing with them


def test_students_for_costs_the_same_queries_for_one_or_many_grants(world, db_session, count_queries):
    s = db_session
    add_grant(s, world["maya"], world["rosa"], recipient=world["lee"])
    s.commit()
    s.expire_all()
    lee = s.get(Account, world["lee"].id)
    with count_queries() as one:
        assert len(policy.students_for(s, lee, policy.now())) == 1
    add_grant(s, world["leo"], world["rosa"], recipient=world["lee"])
    add_grant(s, world["sam"], world["sam_self"], recipient=world["lee"], role="student")
    s.commit()
    s.expire_all()
    lee = s.get(Account, world["lee"].id)
    with count_queries() as three:
        assert len(policy.students_for(s, lee, policy.now())) == 3
    assert one.count == three.count


def test_access_for_a_recipient_is_only_the_granted_categories(world, db_session):
    s = db_session
    add_grant(s, world["maya"], world["rosa"], recipient=world["lee"], categories=["grades", "attendance"])
    s.commit()
    found = policy.access(s, world["lee"], world["maya"].public_id, policy.now())
    assert found.visible == {"grades", "attendance"} and found.basis == "grant"
    assert set(found.grants_used) == {"grades", "attendance"}
    assert policy.access(s, world["other"], world["maya"].public_id, policy.now()) is None
    assert policy.access(s, world["hugo"], world["maya"].public_id, policy.now()) is None
    assert policy.access(s, world["lee"], "no-such-student", policy.now()) is None
    assert policy.access(s, world["rosa"], world["maya"].public_id, policy.now()).basis == "guardian-link"


def test_require_aborts_404(world, db_session, app):
    from werkzeug.exceptions import NotFound

    s = db_session
    add_grant(s, world["maya"], world["rosa"], recipient=world["lee"], categories=["grades"])
    s.commit()
    assert policy.require(s, world["lee"], world["maya"].public_id, "grades").visible == {"grades"}
    with pytest.raises(NotFound):
        policy.require(s, world["lee"], world["maya"].public_id, "behavior")
    with pytest.raises(NotFound):
        policy.require(s, world["other"], world["maya"].public_id)


def test_a_revoked_grant_leaves_a_known_student_with_nothing_visible(world, db_session):
    s = db_session
    add_grant(s, world["maya"], world["rosa"], recipient=world["lee"], events=[("revoked", utcnow())])
    s.commit()
    found = policy.access(s, world["lee"], world["maya"].public_id, policy.now())
    assert found is not None and found.visible == frozenset() and found.basis == "none"


def test_accepted_invitation_makes_the_grant_theirs(world, db_session):
    s = db_session
    invitation = Invitation(code_hash="x" * 64, purpose="recipient", role="recipient", created_by="test",
                            expires_at=utcnow() + timedelta(days=3), account_id=world["lee"].id, used_at=utcnow())
    pending = Invitation(code_hash="y" * 64, purpose="recipient", role="recipient", created_by="test",
                         expires_at=utcnow() + timedelta(days=3))
    s.add_all([invitation, pending])
    s.flush()
    add_grant(s, world["maya"], world["rosa"], invitation=invitation, categories=["grades"])
    add_grant(s, world["leo"], world["rosa"], invitation=pending, categories=["grades"])
    s.commit()
    assert [st.first_name for st in policy.students_for(s, world["lee"], policy.now())] == ["Maya"]


def test_rights_at_18_are_settled_on_the_request(world, db_session):
    """Emancipation passes the rights today: the guardian's live grant ends with an EndedAt18 event, the
    student and the guardian are told, and the guardian loses access."""
    s = db_session
    grant = add_grant(s, world["maya"], world["rosa"], recipient=world["lee"])
    world["maya"].emancipated = True
    s.commit()
    assert policy.access(s, world["rosa"], world["maya"].public_id, policy.now()).visible == frozenset()
    kinds = [e.kind for e in s.scalars(select(GrantEvent).where(GrantEvent.grant_id == grant.id).order_by(GrantEvent.seq))]
    assert kinds == ["granted", "ended_at_18"]
    notices = {(n.account_id, n.kind) for n in s.scalars(select(Notification))}
    assert (world["maya_self"].id, "rights_yours") in notices and (world["rosa"].id, "rights_passed") in notices
    assert policy.access(s, world["lee"], world["maya"].public_id, policy.now()).visible == frozenset()
    # Settling twice stores nothing new.
    policy.access(s, world["lee"], world["maya"].public_id, policy.now())
    assert s.query(GrantEvent).filter_by(grant_id=grant.id).count() == 2


def test_an_adult_student_can_let_a_parent_see_under_a_grant(world, db_session):
    s = db_session
    add_grant(s, world["sam"], world["sam_self"], recipient=world["sam_parent"], role="student",
              categories=["grades"], kind="relative", name="Pat Chen")
    s.commit()
    found = policy.access(s, world["sam_parent"], world["sam"].public_id, policy.now())
    assert found.visible == {"grades"} and found.basis == "grant"
    assert policy.record_disclosure(s, world["sam_parent"], found, ["grades"]) is not None


def test_record_disclosure_only_under_a_grant_and_chained(world, db_session):
    s = db_session
    add_grant(s, world["maya"], world["rosa"], recipient=world["lee"], categories=["grades", "state_tests"])
    s.commit()
    family = policy.access(s, world["rosa"], world["maya"].public_id, policy.now())
    assert policy.record_disclosure(s, world["rosa"], family, ["grades"]) is None
    staff = policy.access(s, world["dana"], world["maya"].public_id, policy.now())
    assert policy.record_disclosure(s, world["dana"], staff, ["grades"]) is None
    lee = policy.access(s, world["lee"], world["maya"].public_id, policy.now())
    first = policy.record_disclosure(s, world["lee"], lee, ["state_tests", "grades", "behavior"])
    second = policy.record_disclosure(s, world["lee"], lee, ["grades"])
    s.commit()
    assert (first.seq, second.seq) == (1, 2) and second.prev_hash == first.hash
    assert first.categories == ["grades", "state_tests"]  # behavior was not visible: not shown, not logged
    assert s.get(DisclosureHead, 1).hash == second.hash
    entries = [policy.chain_entry(r) for r in s.scalars(select(DisclosureEntry).order_by(DisclosureEntry.seq))]
    assert consent.verify_chain(entries).ok
    first_views = s.scalars(select(Notification).where(Notification.kind == "first_view")).all()
    assert {n.account_id for n in first_views} == {world["rosa"].id, world["maya_self"].id}  # once each, not twice


def test_stewardship(world, db_session):
    s, now = db_session, policy.now()
    assert policy.stewardship(s, world["rosa"], world["maya"].public_id, now).may_share.allowed
    assert policy.stewardship(s, world["hugo"], world["maya"].public_id, now) is None
    assert policy.stewardship(s, world["lee"], world["maya"].public_id, now) is None
    child = policy.stewardship(s, world["maya_self"], world["maya"].public_id, now)
    assert not child.may_share.allowed and child.sees_log
    adult = policy.stewardship(s, world["sam_self"], world["sam"].public_id, now)
    assert adult.may_share.allowed
    parent = policy.stewardship(s, world["sam_parent"], world["sam"].public_id, now)
    assert not parent.may_share.allowed and not parent.sees_log
