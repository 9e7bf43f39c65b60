"""The security log: what an administrator needs to see after something odd happened."""
from __future__ import annotations

from flask import has_request_context, request
from sqlalchemy.orm import Session

from ..models import Account, SecurityEvent


def log_event(session: Session, kind: str, account: Account | int | None = None, **detail) -> SecurityEvent:
    """Add an event to the session; the caller's commit writes it with the change it explains."""
    account_id = account.id if isinstance(account, Account) else account
    event = SecurityEvent(
        kind=kind,
        account_id=account_id,
        detail=detail,
        ip=request.remote_addr if has_request_context() else None,
    )
    session.add(event)
    return event
