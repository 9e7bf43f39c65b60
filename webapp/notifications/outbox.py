"""Email through an outbox table: notices are queued in the same transaction that caused them,
and `send_pending` delivers them when SMTP is configured (SMTP_HOST); otherwise they wait there."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app
from flask_babel import force_locale, gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Account, Notification, OutboxMessage, utcnow

MAX_ATTEMPTS = 5


def queue_email(session: Session, notification: Notification, account: Account) -> OutboxMessage | None:
    """An email for this notice in the account's language, when the account has an address."""
    if not account.email:
        return None
    from .messages import link, render

    with force_locale(account.locale or "en"):
        title, body = render(notification.kind, notification.params)
        page = current_app.config["ORIGIN"] + (link(notification.kind, notification.params) or "")
        footer = _("Open Family Backpack to see more: %(origin)s", origin=page)
    message = OutboxMessage(notification_id=notification.id, to_address=account.email, subject=title,
                            body=f"{body}\n\n{footer}\n")
    session.add(message)
    return message


def queue_invitation_email(session: Session, to_address: str, subject: str, body: str) -> OutboxMessage:
    """A message that is not a notice (a recipient's invitation link); the caller commits."""
    message = OutboxMessage(to_address=to_address, subject=subject, body=body)
    session.add(message)
    return message


def send_pending(session: Session, limit: int = 100) -> tuple[int, int]:
    """Send waiting emails through SMTP; returns (sent, failed). Does nothing without SMTP_HOST."""
    config = current_app.config
    if not config.get("SMTP_HOST"):
        return 0, 0
    pending = session.scalars(
        select(OutboxMessage).where(OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < MAX_ATTEMPTS)
        .order_by(OutboxMessage.id).limit(limit)
    ).all()
    sent = failed = 0
    if not pending:
        return 0, 0
    with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=30) as smtp:
        if config.get("SMTP_USER"):
            smtp.starttls()
            smtp.login(config["SMTP_USER"], config["SMTP_PASSWORD"] or "")
        for message in pending:
            message.attempts += 1
            try:
                smtp.send_message(_email(message, config["MAIL_FROM"]))
            except smtplib.SMTPException as exc:
                message.last_error = str(exc)[:300]
                failed += 1
            else:
                message.sent_at = utcnow()
                sent += 1
            session.commit()
    return sent, failed


def _email(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"], email["To"], email["Subject"] = sender, message.to_address, message.subject
    email.set_content(message.body)
    return email
