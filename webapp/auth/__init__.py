"""Passkey accounts: invitations, sign-in, several passkeys, recovery codes, sessions, step-up.

Public API for other parts:
- `bp` (registered in `webapp._register_blueprints`)
- `sessions.sign_in(account)`, `sessions.sign_out_everywhere(account)`, `home_for(account)`
- `invitations.create_invitation(...)`, `invitations.invitation_link(code)`, `invitations.letter_pdf(...)`
- `stepup.require_fresh_passkey(purpose=..., payload_hash=...)`, `stepup.payload_hash(obj)`
- `demo_links(session, ...)` for `backpack demo`
"""
from . import routes_account, routes_invitation, routes_passkeys, routes_signin  # noqa: F401  (routes)
from .blueprint import bp
from .demo import demo_links
from .sessions import home_for

__all__ = ["bp", "demo_links", "home_for"]
