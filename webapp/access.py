"""Every route states who may call it.

Views are wrapped with `public` or `requires(...)`; tests/webapp/test_routes_declare_access.py
fails if a route has neither. Role names: guardian, student, recipient, staff, district_admin,
school_admin, teacher. `current_user.has_role(name)` is provided by the accounts model.
"""
from __future__ import annotations

from functools import wraps
from typing import Callable

from flask import abort
from flask_login import current_user


def public(view: Callable) -> Callable:
    """Anyone may call this route, signed in or not."""
    view.access = ("public",)
    return view


def requires(*roles: str) -> Callable[[Callable], Callable]:
    """Signed in, holding at least one of `roles` (or any role when none are given)."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                from flask import current_app

                return current_app.login_manager.unauthorized()
            if roles and not any(current_user.has_role(r) for r in roles):
                abort(404)
            return view(*args, **kwargs)

        wrapped.access = roles or ("signed-in",)
        return wrapped

    return decorate
