"""The in-app list of notices: newest first, rendered in the reader's language; opening it marks them read."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select, update

from .. import db
from ..access import requires
from ..models import Notification, utcnow
from .messages import link, render

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

SHOWN = 100


@bp.get("")
@requires()
def index():
    s = db.session()
    rows = s.scalars(select(Notification).where(Notification.account_id == current_user.id)
                     .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(SHOWN)).all()
    notices = [(row, *render(row.kind, row.params), link(row.kind, row.params)) for row in rows]
    return render_template("notifications/index.html", notices=notices)


@bp.post("/read")
@requires()
def mark_read():
    s = db.session()
    s.execute(update(Notification).where(Notification.account_id == current_user.id, Notification.read_at.is_(None))
              .values(read_at=utcnow()))
    s.commit()
    return redirect(url_for("notifications.index"), code=303)


@bp.app_context_processor
def _unread() -> dict:
    """`unread_notices()` for pages that link to the list; it asks the database only when called."""
    return {"unread_notices": lambda: unread_count(current_user) if current_user.is_authenticated else 0}


def unread_count(account) -> int:
    return db.session().scalar(select(func.count(Notification.id)).where(
        Notification.account_id == account.id, Notification.read_at.is_(None))) or 0
