"""Recovery codes: ten single-use codes, shown once, for when every passkey is lost.

Signing in with one ends in "add a new passkey now" (see `sessions.sign_in(must_add_passkey=True)`).
"""
from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ..models import Account, RecoveryCode, utcnow
from .codes import code_hash, looks_like_code, new_code
from .events import log_event

RECOVERY_CODE_COUNT = 10


def make_recovery_codes(s: Session, account: Account) -> list[str]:
    """Replace the account's codes with ten new ones; the plain codes are returned once and never stored."""
    s.execute(delete(RecoveryCode).where(RecoveryCode.account_id == account.id))
    codes = [new_code() for _ in range(RECOVERY_CODE_COUNT)]
    s.add_all(RecoveryCode(account_id=account.id, code_hash=code_hash(code)) for code in codes)
    log_event(s, "recovery_codes_made", account)
    s.commit()
    return codes


def remaining_recovery_codes(s: Session, account: Account) -> int:
    return s.scalar(
        select(func.count()).select_from(RecoveryCode)
        .where(RecoveryCode.account_id == account.id, RecoveryCode.used_at.is_(None))
    )


def use_recovery_code(s: Session, typed: str) -> Account | None:
    """The account the code belongs to, if the code is real and unused; the code is then spent."""
    if not looks_like_code(typed):
        return None
    row = s.scalar(select(RecoveryCode).where(RecoveryCode.code_hash == code_hash(typed)))
    if row is None:
        return None
    spent = s.execute(
        update(RecoveryCode)
        .where(RecoveryCode.id == row.id, RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if spent != 1:
        log_event(s, "recovery_code_reused", row.account_id)
        s.commit()
        return None
    account = s.get(Account, row.account_id)
    log_event(s, "recovery_code_used", account, remaining=remaining_recovery_codes(s, account))
    s.commit()
    return account
