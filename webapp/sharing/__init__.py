"""Sharing for families (DESIGN.md §3): who can see what, share with someone, receipts, revoke, who looked.

Access decisions live in `webapp.policy`; this package writes grant events (`ledger`), drives the
pages (`routes`), and registers the sharing, recipient and notification blueprints with `register(app)`.
Importing the package loads no routes, so `webapp.policy` may use `ledger` freely.
"""
from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """The sharing pages, the recipient portal and the notification list."""
    from ..notifications.routes import bp as notifications_bp
    from ..recipient.routes import bp as recipient_bp
    from .routes import bp as sharing_bp

    for blueprint in (sharing_bp, recipient_bp, notifications_bp):
        app.register_blueprint(blueprint)
