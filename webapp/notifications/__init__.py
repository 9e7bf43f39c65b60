"""Notices about sharing: an in-app list for every account, and email through an outbox table.

Creating a notice (`notices.py`) also queues an email when the account has an address; without
SMTP settings the email simply stays in the outbox (`outbox.py`). Text is rendered in the
reader's language when shown or sent (`messages.py`), never stored translated.
"""
from .notices import (  # noqa: F401
    already_sent, contribution_added, ending_soon, family, grant_ended, grant_new, hours_confirmed, notify,
    notify_first_view, rights_passed, rights_told,
)
