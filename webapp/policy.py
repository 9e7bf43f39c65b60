"""The one place that turns rows into consent values and asks `consent.decide()` (DESIGN.md §3–4).

Blueprints never check access on their own: a page that shows student data calls
`require(...)` (or `access(...)`), renders only `access.visible`, and calls `record_disclosure(...)`
in the same transaction as the read. Everything here costs a fixed number of SQL queries.

    now() -> aware datetime (UTC)
    viewer_for(session, account) -> consent.Viewer
    facts_for(student) -> consent.StudentFacts
    students_for(session, account, now) -> [Student]          every student this account may open
    access(session, account, student_public_id, now) -> StudentAccess | None   (None: answer 404)
    access_many(session, account, students, now) -> {public id: StudentAccess | None}   (a family's pages)
    require(session, account, student_public_id, category=None, now=None) -> StudentAccess (or 404)
    record_disclosure(session, account, access, categories, action="view") -> DisclosureEntry | None
    grant_records(session, now, student_ids=..., recipient=...) -> {grant public id: GrantRecord}
"""
from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import cache
from typing import Iterable, Optional

from flask import abort
from sqlalchemy import bindparam, false, or_, select, update
from sqlalchemy.orm import Session, aliased, joinedload

import consent
from consent import Role

from .models import (
    STAFF_ROLES, Account, DisclosureEntry, DisclosureHead, Grant, GrantEvent, Invitation, School,
    Student, as_utc,
)
from .school.scope import staff_scope
from .school.teaching import taught_student_ids

# Rights stay with the guardian until the school records a birth date (a far-future stand-in).
UNKNOWN_BIRTH_DATE = date(9000, 1, 1)
ROLES = {"guardian": Role.GUARDIAN, "student": Role.STUDENT, "recipient": Role.RECIPIENT}


def now() -> datetime:
    return datetime.now(timezone.utc)


# --- consent values from rows ---------------------------------------------------------------------

def viewer_for(session: Session, account: Account) -> consent.Viewer:
    """The account as consent sees it: roles, guardian links (by student public id), schools, own record,
    and the sharing invitations it accepted. Two or three queries."""
    roles = {ROLES[r] for r in account.roles if r in ROLES}
    if account.roles & STAFF_ROLES:
        roles.add(Role.STAFF)
    links = {link.student_id: link.court_restricted for link in account.guardian_links}
    taught = taught_student_ids(session, account) if account.has_role("teacher") else set()
    wanted = set(links) | taught | ({account.student_id} if account.student_id else set())
    public = {}
    if wanted:
        public = dict(session.execute(select(Student.id, Student.public_id).where(Student.id.in_(wanted))).all())
    return consent.Viewer(
        account_id=account.public_id,
        roles=frozenset(roles),
        guardian_links={public[sid]: restricted for sid, restricted in links.items() if sid in public},
        school_ids=frozenset(str(i) for i in staff_school_ids(session, account)),
        teacher_student_ids=frozenset(public[sid] for sid in taught if sid in public),
        own_student_id=public.get(account.student_id) if account.student_id else None,
        accepted_invitation_ids=frozenset(session.scalars(
            select(Invitation.public_id).where(
                Invitation.account_id == account.id, Invitation.role == "recipient", Invitation.used_at.is_not(None))
        )) if account.has_role("recipient") else frozenset(),
    )


def staff_school_ids(session: Session, account: Account) -> set[int]:
    """Schools whose whole records the account may read: the ones it administers, by the same rules as
    the school console (webapp.school.scope). Teachers are not school-wide readers: they reach only
    their own students' teacher notes (Viewer.teacher_student_ids)."""
    if not account.roles & STAFF_ROLES:
        return set()
    scope = staff_scope(session, account)
    if scope.all_schools:
        return set(session.scalars(select(School.id)))
    return set(scope.school_ids)


def facts_for(student: Student) -> consent.StudentFacts:
    return consent.StudentFacts(
        student_id=student.public_id,
        birth_date=student.birth_date or UNKNOWN_BIRTH_DATE,
        emancipated=bool(student.emancipated),
        school_id=str(student.school_id or ""),
    )


def signature_evidence(stored: dict | None) -> consent.SignatureEvidence | None:
    """The consent view of a stored step-up assertion (webapp.auth.stepup.StepUpEvidence as a dict)."""
    if not stored:
        return None
    encoded = stored["authenticator_data"]
    authenticator_data = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    return consent.SignatureEvidence(
        credential_id=stored["credential_id"],
        authenticator_data_sha256=hashlib.sha256(authenticator_data).hexdigest(),
        signature=stored["signature"],
        client_data_sha256=stored["client_data_hash"],
        user_verified=bool(stored["user_verified"]),
    )


@dataclass(frozen=True)
class GrantRecord:
    """A grant row with its consent value, its ordered consent events and its state at `now`
    (state is None only for a grant signed after `now`)."""

    row: Grant
    grant: consent.Grant
    events: tuple
    state: Optional[consent.GrantState]
    student_public_id: str


def grant_records(
    session: Session, now: datetime, *, student_ids: Iterable[int] | None = None,
    recipient: consent.Viewer | None = None, account: Account | None = None,
) -> dict[str, GrantRecord]:
    """Grants (with events and state at `now`) of these students, or made out to this recipient; one query."""
    query = _grants_query()
    if student_ids is not None:
        query = query.where(Grant.student_id.in_(list(student_ids)))
    if recipient is not None:
        query = query.where(_made_out_to(recipient, account))
    grouped: dict[int, list] = {}
    for row in session.execute(query):
        grouped.setdefault(row[0].id, []).append(row)
    records = {}
    for rows in grouped.values():
        grant_row, _, student_pid, granter_pid, receiver_pid, invitation_pid, _ = rows[0]
        value = _grant_value(grant_row, student_pid, granter_pid, receiver_pid, invitation_pid)
        events = tuple(_event_value(value, ev, actor_pid) for _, ev, _, _, _, _, actor_pid in rows)
        state = consent.grant_state(events, now)
        records[grant_row.public_id] = GrantRecord(grant_row, value, events, state, student_pid)
    return records


@cache
def _grants_query():
    """Grants joined with their events and the public ids consent needs; built once (it is on every page)."""
    granter, receiver, actor = aliased(Account), aliased(Account), aliased(Account)
    return (
        select(Grant, GrantEvent, Student.public_id, granter.public_id, receiver.public_id, Invitation.public_id,
               actor.public_id)
        .join(GrantEvent, GrantEvent.grant_id == Grant.id)
        .join(Student, Student.id == Grant.student_id)
        .join(granter, granter.id == Grant.granted_by_account_id)
        .outerjoin(receiver, receiver.id == Grant.recipient_account_id)
        .outerjoin(Invitation, Invitation.id == Grant.invitation_id)
        .outerjoin(actor, actor.id == GrantEvent.by_account_id)
        .order_by(Grant.id, GrantEvent.seq)
    )


def unsigned_record(row: Grant) -> GrantRecord:
    """A grant row about to be signed, as a record without events (to fold its "granted" event onto)."""
    invitation_pid = row.invitation.public_id if row.invitation is not None else None
    receiver_pid = row.recipient_account.public_id if row.recipient_account is not None else None
    value = _grant_value(row, row.student.public_id, row.granted_by.public_id, receiver_pid, invitation_pid)
    return GrantRecord(row, value, (), None, row.student.public_id)


def _made_out_to(viewer: consent.Viewer, account: Account | None):
    conditions = [Grant.invitation_id.in_(
        select(Invitation.id).where(Invitation.public_id.in_(viewer.accepted_invitation_ids)))] \
        if viewer.accepted_invitation_ids else []
    if account is not None:
        conditions.append(Grant.recipient_account_id == account.id)
    return or_(*conditions) if conditions else false()


def _grant_value(row: Grant, student_pid: str, granter_pid: str, receiver_pid: str | None,
                 invitation_pid: str | None) -> consent.Grant:
    return consent.Grant(
        grant_id=row.public_id,
        student_id=student_pid,
        granted_by=consent.Grantor(granter_pid, Role(row.granted_by_role), row.granted_by_name),
        recipient=consent.Recipient(row.recipient_kind, row.recipient_name, receiver_pid, invitation_pid),
        categories=frozenset(row.categories),
        purpose=row.purpose,
        starts_at=as_utc(row.starts_at),
        ends_at=as_utc(row.ends_at),
        may_contribute=row.may_contribute,
        created_at=as_utc(row.created_at),
    )


def _event_value(grant: consent.Grant, row: GrantEvent, actor_pid: str | None):
    common = dict(at=as_utc(row.at), by=actor_pid or consent.SYSTEM, evidence=signature_evidence(row.evidence))
    if row.kind == "granted":
        return consent.Granted(grant=grant, **common)
    if row.kind == "changed":
        payload = row.payload or {}
        ends_at = payload.get("ends_at")
        return consent.Changed(
            grant_id=grant.grant_id,
            categories=frozenset(payload["categories"]) if "categories" in payload else None,
            ends_at=as_utc(datetime.fromisoformat(ends_at)) if ends_at else None,
            may_contribute=payload.get("may_contribute"),
            **common,
        )
    kinds = {"revoked": consent.Revoked, "expired": consent.Expired, "ended_at_18": consent.EndedAt18}
    return kinds[row.kind](grant_id=grant.grant_id, **common)


# --- who may open what ------------------------------------------------------------------------------

def students_for(session: Session, account: Account, now: datetime) -> list[Student]:
    """Every student this account may open now, by name: linked children (not court restricted) while the
    guardian holds the rights or under the student's grant, the own record, live grants, the staff's schools."""
    viewer = viewer_for(session, account)
    records = grant_records(session, now, recipient=viewer, account=account)
    linked = [link.student_id for link in account.guardian_links if not link.court_restricted]
    explicit = set(linked) | ({account.student_id} if account.student_id else set())
    explicit |= {r.row.student_id for r in records.values()}
    conditions = [Student.id.in_(explicit)] if explicit else []
    if Role.STAFF in viewer.roles and viewer.school_ids:
        conditions.append(Student.school_id.in_([int(i) for i in viewer.school_ids]))
    if not conditions:
        return []
    students = session.scalars(
        select(Student).where(or_(*conditions)).options(joinedload(Student.school))
        .order_by(Student.last_name, Student.first_name, Student.id)
    ).all()
    states: dict[str, list] = {}
    for record in records.values():
        if record.state is not None:
            states.setdefault(record.student_public_id, []).append(record.state)
    return [s for s in students if _may_open(states.get(s.public_id, []), viewer, facts_for(s), now)]


def _may_open(states: list, viewer: consent.Viewer, facts: consent.StudentFacts, now: datetime) -> bool:
    return any(consent.decide(states, viewer, facts, code, now).allowed for code in consent.CATEGORY_CODES)


@dataclass(frozen=True)
class StudentAccess:
    """What one viewer may see of one student now, and why, category by category.

    basis: how the first visible category is allowed ('guardian-link', 'self', 'staff-school',
    'staff-teacher', 'grant'), or 'none' when nothing is visible (a known grant ended or rights passed).
    grants_used: category -> the GrantState it is shown under (grant-based categories only).
    """

    student: Student
    facts: consent.StudentFacts
    viewer: consent.Viewer
    decisions: dict
    visible: frozenset
    basis: str
    grants_used: dict
    grants: tuple = ()  # every GrantState of the student, for decide_contribution


def access(session: Session, account: Account, student_public_id: str, now: datetime) -> StudentAccess | None:
    """What `account` may see of this student at `now`; None when the student is unknown to them.

    Checks rights at 18 (and lapsed grants) on every call: due EndedAt18/Expired events are stored
    and the family notified, in a small transaction of their own, before deciding.
    """
    student = _student(session, student_public_id)
    if student is None:
        return None
    return _decided(student, viewer_for(session, account), settled_records(session, student, now), now)


def access_many(session: Session, account: Account, students: list[Student], now: datetime
                ) -> dict[str, StudentAccess | None]:
    """access() for several students at once (a family's home page), by public id: one viewer and one
    grants query for all of them, however many children."""
    if not students:
        return {}
    viewer = viewer_for(session, account)
    everyone = grant_records(session, now, student_ids=[student.id for student in students])
    out = {}
    for student in students:
        records = {key: r for key, r in everyone.items() if r.student_public_id == student.public_id}
        out[student.public_id] = _decided(student, viewer, _settled(session, student, records, now), now)
    return out


def _decided(student: Student, viewer: consent.Viewer, records: dict[str, GrantRecord], now: datetime
             ) -> StudentAccess | None:
    facts = facts_for(student)
    states = [r.state for r in records.values() if r.state is not None]
    decisions = consent.decide_all(states, viewer, facts, now)
    visible = frozenset(code for code, d in decisions.items() if d.allowed)
    if not visible and not _knows_of(viewer, facts, states):
        return None
    allowed = [d for d in decisions.values() if d.allowed]
    return StudentAccess(
        student=student,
        facts=facts,
        viewer=viewer,
        decisions=decisions,
        visible=visible,
        basis=allowed[0].basis if allowed else "none",
        grants_used={code: d.grant for code, d in decisions.items() if d.allowed and d.grant is not None},
        grants=tuple(states),
    )


def may_contribute(access: StudentAccess, now: datetime) -> consent.Decision:
    """May this viewer add to the student's learner profile now (consent.decide_contribution)?"""
    return consent.decide_contribution(access.grants, access.viewer, access.facts, now)


def _student(session: Session, public_id: str) -> Student | None:
    return session.scalars(_STUDENT_BY_PUBLIC_ID, {"public_id": public_id}).one_or_none()


_STUDENT_BY_PUBLIC_ID = (  # every student page asks it; built once
    select(Student).where(Student.public_id == bindparam("public_id")).options(joinedload(Student.school)))


def settled_records(session: Session, student: Student, now: datetime) -> dict[str, GrantRecord]:
    """The student's grants after storing what the calendar made due (rights at 18, lapsed windows)."""
    return _settled(session, student, grant_records(session, now, student_ids=[student.id]), now)


def _settled(session: Session, student: Student, records: dict[str, GrantRecord], now: datetime
             ) -> dict[str, GrantRecord]:
    """`records` (the student's grants), read again if storing what the calendar made due changed any."""
    from .sharing.ledger import settle

    if settle(session, student, records, now):
        return grant_records(session, now, student_ids=[student.id])
    return records


def _knows_of(viewer: consent.Viewer, facts: consent.StudentFacts, states: list) -> bool:
    """Whether the viewer legitimately knows this student exists though they may see nothing now."""
    if viewer.guardian_links.get(facts.student_id) is True:
        return False
    if facts.student_id in viewer.guardian_links:
        return True
    return any(viewer.is_recipient_of(s.grant.recipient) for s in states)


def require(session: Session, account: Account, student_public_id: str, category: str | None = None,
            now: datetime | None = None) -> StudentAccess:
    """access(), or abort(404) when the category (or, without one, anything at all) is not visible."""
    result = access(session, account, student_public_id, now if now is not None else datetime.now(timezone.utc))
    if result is None or not result.visible or (category is not None and category not in result.visible):
        abort(404)
    return result


# --- who looks after sharing -------------------------------------------------------------------------

def family_students(session: Session, account: Account) -> list[Student]:
    """The students whose sharing this account looks after or follows: linked children (not court
    restricted) and the account's own record, by name."""
    ids = [link.student_id for link in account.guardian_links if not link.court_restricted]
    if account.student_id:
        ids.append(account.student_id)
    if not ids:
        return []
    return list(session.scalars(select(Student).where(Student.id.in_(ids)).options(joinedload(Student.school))
                                .order_by(Student.last_name, Student.first_name, Student.id)))


@dataclass(frozen=True)
class Stewardship:
    """A family member's view of one student's sharing: every grant, and whether they may change it.

    may_share is consent.may_share's decision (the guardian while the student is a minor, then the student);
    sees_log says whether the "Who looked" timeline is theirs to read (guardians while they hold the rights,
    and the student).
    """

    student: Student
    facts: consent.StudentFacts
    viewer: consent.Viewer
    may_share: consent.Decision
    records: dict
    sees_log: bool


def stewardship(session: Session, account: Account, student_public_id: str, now: datetime) -> Stewardship | None:
    """None unless the account is this student's guardian (link not court restricted) or the student."""
    student = _student(session, student_public_id)
    if student is None:
        return None
    viewer = viewer_for(session, account)
    facts = facts_for(student)
    is_self = Role.STUDENT in viewer.roles and viewer.own_student_id == facts.student_id
    if not is_self and viewer.guardian_links.get(facts.student_id) is not False:
        return None
    records = settled_records(session, student, now)
    decision = consent.may_share(viewer, facts, now)
    return Stewardship(student, facts, viewer, decision, records, sees_log=is_self or decision.allowed)


# --- the disclosure log -------------------------------------------------------------------------------

def record_disclosure(session: Session, account: Account, access: StudentAccess, categories: Iterable[str],
                      action: str = "view") -> DisclosureEntry | None:
    """Append a hash-chained entry for the shown categories that rest on a grant (recipients, or a guardian
    after 18 under the student's grant), one per grant used; never for the family's or school's own views.

    Adds to the caller's transaction, which must commit before the page is sent. Returns the last entry.
    """
    shown = [c for c in dict.fromkeys(categories) if c in access.visible and access.decisions[c].basis == "grant"]
    if not shown:
        return None
    by_grant: dict[str, list[str]] = {}
    for code in shown:
        by_grant.setdefault(access.decisions[code].grant.grant_id, []).append(code)
    at = now()
    previous = _lock_chain(session)
    first_views = _grants_never_viewed(session, by_grant)
    row = None
    for grant_id, codes in by_grant.items():
        entry = consent.append(previous, consent.Disclosure(
            at=at, viewer_account_id=account.public_id, viewer_name=account.display_name,
            student_id=access.student.public_id, categories=tuple(codes), grant_id=grant_id, action=action,
        ))
        row = DisclosureEntry(
            seq=entry.seq, at=entry.at, viewer_account_id=entry.viewer_account_id, viewer_name=entry.viewer_name,
            student_public_id=entry.student_id, categories=list(entry.categories), grant_public_id=entry.grant_id,
            action=entry.action, prev_hash=entry.prev_hash, hash=entry.hash,
        )
        session.add(row)
        previous = entry
    session.execute(update(DisclosureHead).where(DisclosureHead.id == 1).values(seq=previous.seq, hash=previous.hash))
    session.flush()
    if first_views:
        from .notifications import notify_first_view

        notify_first_view(session, access.student, first_views, account, shown)
    return row


def _lock_chain(session: Session) -> consent.DisclosureEntry | None:
    """Take the chain's write lock (an UPDATE of the head row, which waits for any other writer), then
    return the newest entry. The very first append creates the head row."""
    locked = session.execute(
        update(DisclosureHead).where(DisclosureHead.id == 1).values(seq=DisclosureHead.seq)
    ).rowcount
    if not locked:
        session.add(DisclosureHead(id=1, seq=0, hash=consent.GENESIS))
        session.flush()
    last = session.scalars(select(DisclosureEntry).order_by(DisclosureEntry.seq.desc()).limit(1)).first()
    return None if last is None else chain_entry(last)


def _grants_never_viewed(session: Session, by_grant: dict[str, list[str]]) -> list[str]:
    seen = set(session.scalars(
        select(DisclosureEntry.grant_public_id).where(DisclosureEntry.grant_public_id.in_(list(by_grant))).distinct()
    ))
    return [g for g in by_grant if g not in seen]


def chain_entry(row: DisclosureEntry) -> consent.DisclosureEntry:
    """A stored row as consent's chain entry (for append and verify_chain)."""
    return consent.DisclosureEntry(
        seq=row.seq, at=as_utc(row.at), viewer_account_id=row.viewer_account_id, viewer_name=row.viewer_name,
        student_id=row.student_public_id, categories=tuple(row.categories), grant_id=row.grant_public_id,
        action=row.action, prev_hash=row.prev_hash, hash=row.hash,
    )
