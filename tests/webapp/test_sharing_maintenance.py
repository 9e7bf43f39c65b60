"""`backpack maintenance`: lapsed grants end, rights pass at 18, ending-soon notices go out once, and
waiting emails are delivered through SMTP when it is configured (here a small real SMTP server)."""
from __future__ import annotations

import socketserver
import threading
from datetime import date, timedelta
from email import message_from_bytes

import pytest
from sqlalchemy import select

from tests.conftest import app_config
from tests.factories import make_district, make_school, make_student
from tests.webapp.sharing_support import add_grant
from webapp import create_app, db
from webapp.cli import main
from webapp.models import Account, AccountRole, GrantEvent, GuardianLink, Notification, OutboxMessage, utcnow


def _people(s, student):
    rosa = Account(display_name="Rosa Hernandez", email="rosa@example.org", locale="es")
    rosa.role_rows.append(AccountRole(role="guardian"))
    rosa.guardian_links.append(GuardianLink(student_id=student.id))
    lee = Account(display_name="Ms. Lee", email="lee@example.org")
    lee.role_rows.append(AccountRole(role="recipient"))
    s.add_all([rosa, lee])
    s.flush()
    return rosa, lee


def _minor(s, **fields):
    today = date.today()
    return make_student(s, make_school(s, make_district(s)), first_name="Maya",
                        birth_date=today.replace(year=today.year - 12), **fields)


def run(app):
    return app.test_cli_runner().invoke(main, ["maintenance"])


def test_lapsed_grants_end_once_and_everyone_is_told(app, db_session):
    s = db_session
    maya = _minor(s)
    rosa, lee = _people(s, maya)
    now = utcnow()
    grant = add_grant(s, maya, rosa, recipient=lee, starts_at=now - timedelta(days=40), ends_at=now - timedelta(days=1))
    s.commit()
    result = run(app)
    assert result.exit_code == 0, result.output
    assert "grants ended: 1;" in result.output
    kinds = db.session().scalars(select(GrantEvent.kind).where(GrantEvent.grant_id == grant.id).order_by(GrantEvent.seq)).all()
    assert kinds == ["granted", "expired"]
    notices = {(n.account_id, n.kind) for n in db.session().scalars(select(Notification))}
    assert notices == {(rosa.id, "grant_ended"), (lee.id, "no_longer_shared")}
    assert "grants ended: 0;" in run(app).output


def test_ending_soon_is_sent_once_in_the_readers_language(app, db_session):
    s = db_session
    maya = _minor(s)
    rosa, lee = _people(s, maya)
    add_grant(s, maya, rosa, recipient=lee, ends_at=utcnow() + timedelta(days=3))
    add_grant(s, maya, rosa, recipient=lee, ends_at=utcnow() + timedelta(days=20))
    s.commit()
    assert "ending-soon notices: 1;" in run(app).output
    assert "ending-soon notices: 0;" in run(app).output
    mail = db.session().scalars(select(OutboxMessage).where(OutboxMessage.to_address == "rosa@example.org")).one()
    assert mail.subject == "Pronto termina lo que comparte con Ms. Lee (Tutor)" and mail.sent_at is None


def test_rights_pass_at_18(app, db_session):
    """An emancipated student: the guardian's live grant ends at once; an adult without grants is told too."""
    s = db_session
    maya = _minor(s, emancipated=True)
    rosa, lee = _people(s, maya)
    grant = add_grant(s, maya, rosa, recipient=lee)
    sam = make_student(s, maya.school, first_name="Sam", birth_date=date.today().replace(year=date.today().year - 19))
    sam_account = Account(display_name="Sam Chen", student_id=sam.id)
    sam_account.role_rows.append(AccountRole(role="student"))
    s.add(sam_account)
    s.commit()
    result = run(app)
    assert "grants ended: 1; students told they now decide: 2;" in result.output, result.output
    assert db.session().scalars(select(GrantEvent.kind).where(GrantEvent.seq == 2, GrantEvent.grant_id == grant.id)).one() == "ended_at_18"
    kinds = {(n.account_id, n.kind) for n in db.session().scalars(select(Notification))}
    assert {(rosa.id, "rights_passed"), (sam_account.id, "rights_yours"), (rosa.id, "grant_ended")} <= kinds
    assert "students told they now decide: 0;" in run(app).output


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough of RFC 5321 to receive messages: EHLO, MAIL, RCPT, DATA, QUIT."""

    def handle(self):
        self.wfile.write(b"220 test SMTP\r\n")
        while line := self.rfile.readline():
            command = line.strip().upper()
            if command.startswith((b"EHLO", b"HELO")):
                self.wfile.write(b"250 test\r\n")
            elif command == b"DATA":
                self.wfile.write(b"354 go ahead\r\n")
                data = b""
                while (chunk := self.rfile.readline()) != b".\r\n":
                    data += chunk
                self.server.received.append(message_from_bytes(data))
                self.wfile.write(b"250 queued\r\n")
            elif command == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_waiting_emails_go_out_through_smtp(database_url, clean_db, tmp_path, smtp_server, db_session):
    app = create_app(app_config(database_url, clean_db, tmp_path, SMTP_HOST="127.0.0.1",
                                SMTP_PORT=smtp_server.server_address[1], MAIL_FROM="backpack@district.example"))
    s = db_session
    maya = _minor(s)
    rosa, lee = _people(s, maya)
    add_grant(s, maya, rosa, recipient=lee, ends_at=utcnow() + timedelta(days=2))
    s.commit()
    with app.app_context():
        result = app.test_cli_runner().invoke(main, ["maintenance"])
        assert "emails sent: 1, failed: 0" in result.output, result.output
        assert db.session().scalars(select(OutboxMessage)).one().sent_at is not None
    (mail,) = smtp_server.received
    assert mail["To"] == "rosa@example.org" and mail["From"] == "backpack@district.example"
    assert "Maya" in mail.get_payload(decode=True).decode("utf-8")
