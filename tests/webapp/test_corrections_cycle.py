"""Correction requests (FERPA 34 CFR 99.20–99.22) end to end: a guardian taps "Something looks wrong",
the school reviews and declines with a reason, the guardian adds a statement that is then kept with the
record (in the read model, so in the recipient view and the exports); an accepted request;
steps that cannot follow; the family told by email at each step; who may ask. Both databases."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from webapp import db
from webapp.corrections import workflow
from webapp.models import AdminAuditEntry, CorrectionRequest, GuardianLink, OutboxMessage, Student
from webapp.policy import now
from webapp.store.backpack import load_backpack, to_json

from .school_support import World, account_of, guardian, make_world, person, school_admin, site  # noqa: F401

FIELD = "attendance.2024-2025.days_absent"


@pytest.fixture
def w(db_session) -> World:
    return make_world(db_session)


@pytest.fixture
def ana(site, w):
    return guardian(site, w.student, email="ana@example.org")


def public_id(site, student) -> str:
    with site.app_context():
        return db.session().get(Student, student.id).public_id


def ask(person, pid: str, category: str = "attendance", field: str = FIELD, label: str = "Days+absent+in+2024-25",
        **form):
    url = f"/students/{pid}/corrections/new?category={category}&field={field}&label={label}"
    if not form:
        return person.client.get(url)
    return person.client.post(url, data=form)


def the_request(site) -> CorrectionRequest:
    with site.app_context():
        return db.session().scalars(select(CorrectionRequest).order_by(CorrectionRequest.id.desc())).first()


def test_full_cycle_with_a_decline_and_a_statement_kept_with_the_record(site, w, ana):
    guardian(site, w.student, name="Luis Lopez", email="luis@example.org", language="es")  # the other parent
    pid = public_id(site, w.student)
    form = ask(ana, pid)
    assert form.status_code == 200 and "Days absent in 2024-25" in form.get_data(as_text=True)
    sent = ask(ana, pid, what_is_wrong="Maya was at school on 3 March.", should_be="4 days absent, not 5")
    assert sent.status_code == 303
    item = the_request(site)
    assert (item.state, item.category, item.field_key, item.requested_by_name) == ("submitted", "attendance", FIELD,
                                                                                   "Ana Lopez")
    assert item.due_on == (item.created_at + timedelta(days=45)).date()
    assert "Answer due by" in ana.client.get(sent.headers["Location"]).get_data(as_text=True)

    sol = school_admin(site, w)
    queue = sol.client.get("/school/corrections").get_data(as_text=True)
    assert "Lopez, Maya: Days absent in 2024-25" in queue
    assert sol.client.post(f"/school/corrections/{item.public_id}/review").status_code == 303
    missing = sol.client.post(f"/school/corrections/{item.public_id}/decline", data={"reason": " "})
    assert missing.status_code == 422 and "Give the reason for declining" in missing.get_data(as_text=True)
    reason = "The attendance sheet for 3 March, signed by the teacher, shows Maya absent."
    assert sol.client.post(f"/school/corrections/{item.public_id}/decline", data={"reason": reason}).status_code == 303
    assert the_request(site).state == "declined"

    page = ana.client.get(f"/corrections/{item.public_id}").get_data(as_text=True)
    assert reason in page and 'name="statement"' in page
    statement = "Maya was at the dentist until 10 and then at school; the note was handed in."
    assert ana.client.post(f"/corrections/{item.public_id}/statement", data={"statement": statement}).status_code == 303
    item = the_request(site)
    assert item.state == "statement_added"
    with site.app_context():
        s = db.session()
        student_id = w.student.id
        record = to_json(load_backpack(s, student_id))
        assert [item | {"written_on": None} for item in record["statements"]] == [{
            "category": "attendance", "record": "Days absent in 2024-25", "statement": statement,
            "written_by": "Ana Lopez", "written_on": None, "school_reason": reason}]
        assert to_json(load_backpack(s, student_id), categories=["grades"])["statements"] == []  # not its record
        assert load_backpack(s, w.classmate.id).statements == ()
        steps = [e.state for e in s.get(CorrectionRequest, item.id).events]
        assert steps == ["submitted", "under_review", "declined", "statement_added"]
        audit = [e.action for e in s.scalars(select(AdminAuditEntry).order_by(AdminAuditEntry.id))]
        assert audit == ["correction_review_started", "correction_declined"]
        mail = {to: [m for m in s.scalars(select(OutboxMessage).where(OutboxMessage.to_address == to)
                                          .order_by(OutboxMessage.id))] for to in ("ana@example.org", "luis@example.org")}
    assert [len(m) for m in mail.values()] == [4, 4]  # both parents told at every step, each in their language
    assert mail["ana@example.org"][2].subject == "The school declined your correction request"
    assert mail["luis@example.org"][2].subject == "La escuela rechazó su solicitud de corrección"
    assert reason in mail["luis@example.org"][2].body and f"/corrections/{item.public_id}" in mail["ana@example.org"][0].body
    notices = ana.client.get("/notifications").get_data(as_text=True)  # the same steps, in the app too
    assert "The school declined your correction request" in notices and "Your statement was added" in notices
    assert f'href="/corrections/{item.public_id}"' in notices
    staff_view = sol.client.get(f"/school/corrections/{item.public_id}").get_data(as_text=True)
    assert statement in staff_view and "The family's statement" in staff_view


def test_an_accepted_request_says_what_the_school_fixes_and_takes_no_statement(site, w, ana):
    ask(ana, public_id(site, w.student), what_is_wrong="Wrong birth date", category="demographics",
        field="demographics.birth_date", label="")
    item = the_request(site)
    sol = school_admin(site, w)
    note = "We fixed the birth date in the student information system; it shows after the next import."
    assert sol.client.post(f"/school/corrections/{item.public_id}/accept", data={"note": note}).status_code == 303
    page = ana.client.get(f"/corrections/{item.public_id}").get_data(as_text=True)
    assert note in page and 'name="statement"' not in page
    refused = ana.client.post(f"/corrections/{item.public_id}/statement", data={"statement": "x"})
    assert refused.status_code == 422 and "already moved on" in refused.get_data(as_text=True)
    again = sol.client.post(f"/school/corrections/{item.public_id}/decline", data={"reason": "no"})
    assert again.status_code == 422
    assert the_request(site).state == "accepted"
    with site.app_context():
        assert load_backpack(db.session(), w.student.id).statements == ()
    listed = ana.client.get("/corrections").get_data(as_text=True)
    assert "Basic information — Birth date" in listed and "Accepted" in listed  # a label made from the field key


def test_the_answer_window_is_configurable_and_overdue_requests_are_marked(site, w, ana):
    site.config["CORRECTION_DAYS"] = 30
    ask(ana, public_id(site, w.student), what_is_wrong="Wrong")
    item = the_request(site)
    assert item.due_on == (item.created_at + timedelta(days=30)).date()
    with site.app_context():
        s = db.session()
        s.get(CorrectionRequest, item.id).due_on = now().date() - timedelta(days=1)
        s.commit()
    sol = school_admin(site, w)
    assert "Answer was due" in sol.client.get("/school/corrections").get_data(as_text=True)
    assert "1 is overdue." in sol.client.get("/school/").get_data(as_text=True)


def test_only_the_family_may_ask(site, w, ana):
    pid = public_id(site, w.student)
    assert ask(ana, pid, category="nonsense").status_code == 404
    assert ask(ana, pid, field="bad key!").status_code == 404
    assert ask(ana, public_id(site, w.classmate)).status_code == 404  # not her child
    assert ask(school_admin(site, w), pid).status_code == 404  # staff answer requests, they do not make them
    restricted = guardian(site, w.student, name="Bo Lopez")
    with site.app_context():
        s = db.session()
        link = s.scalar(select(GuardianLink).where(GuardianLink.account_id == account_of(site, "Bo Lopez").id))
        link.court_restricted = True
        s.commit()
    assert ask(restricted, pid).status_code == 404
    empty = ask(ana, pid, what_is_wrong="   ")
    assert empty.status_code == 422 and "Tell the school what is wrong." in empty.get_data(as_text=True)
    assert the_request(site) is None


def test_the_student_may_ask_about_their_own_record(site, w):
    maya = person(site, role="student", student=w.student, name="Maya Lopez")
    assert ask(maya, public_id(site, w.student), what_is_wrong="I was there").status_code == 303
    assert the_request(site).requested_by_name == "Maya Lopez"


def test_steps_out_of_order_are_refused(site, w, ana):
    ask(ana, public_id(site, w.student), what_is_wrong="Wrong")
    with site.test_request_context():
        s = db.session()
        item = s.get(CorrectionRequest, the_request(site).id)
        staff = account_of(site, "Ana Lopez")
        with pytest.raises(workflow.CorrectionError):
            workflow.add_statement(s, item, staff, "too early", now())
        workflow.start_review(s, item, s.merge(staff), now())
        with pytest.raises(workflow.CorrectionError):
            workflow.start_review(s, item, s.merge(staff), now())


def test_a_statement_goes_to_the_recipient_view_and_the_pdf_with_its_record(site, w, ana, db_session):
    """The end of the cycle: after a decline the family's statement travels with the attendance record,
    to a tutor who was shared attendance and into the PDF download, read back with pdftotext."""
    import subprocess

    from webapp.exports.pdf import render_pdf
    from webapp.exports.record import gather_record
    from webapp.models import Account

    from .family_support import _account, add_live_grant, sign_in

    ask(ana, public_id(site, w.student), what_is_wrong="Maya was at school on 3 March.")
    item = the_request(site)
    sol = school_admin(site, w)
    sol.client.post(f"/school/corrections/{item.public_id}/decline", data={"reason": "The sheet shows her absent."})
    statement = "Maya was at the dentist in the morning and at school after 10."
    assert ana.client.post(f"/corrections/{item.public_id}/statement", data={"statement": statement}).status_code == 303

    tutor = _account(db_session, "Ms. Lee", "recipient")
    parent = db_session.scalars(select(Account).where(Account.display_name == "Ana Lopez")).one()
    add_live_grant(db_session, db_session.get(Student, w.student.id), parent, tutor, categories=("attendance",))
    db_session.commit()
    page = sign_in(site, db_session, tutor).get(f"/shared/{public_id(site, w.student)}").get_data(as_text=True)
    assert statement in page and "statement about this record" in page
    with site.app_context():
        pdf = render_pdf(gather_record(db.session(), w.student.id))
    text = " ".join(subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
                    .stdout.decode().split())
    assert statement in text and "The sheet shows her absent." in text
