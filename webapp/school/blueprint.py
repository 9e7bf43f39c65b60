"""The school console blueprint and what its routes share: the signed-in staff account, its scope, paging."""
from __future__ import annotations

from flask import Blueprint, g, request
from flask_login import current_user

from .. import db
from ..models import Account
from .scope import StaffScope, staff_scope

bp = Blueprint("school", __name__, url_prefix="/school")

ADMINS = ("district_admin", "school_admin")
PAGE_SIZE = 50


def me() -> Account:
    return current_user._get_current_object()


def current_scope() -> StaffScope:
    """The signed-in account's console scope, read once per request."""
    if "staff_scope" not in g:
        g.staff_scope = staff_scope(db.session(), me())
    return g.staff_scope


def page_number() -> int:
    try:
        return max(1, int(request.args.get("page", 1)))
    except ValueError:
        return 1


@bp.context_processor
def _console_globals() -> dict:
    return {"console_scope": current_scope}
