"""The family's "Something looks wrong" form and their correction requests (FERPA 34 CFR 99.20–99.22).

Public API for other parts:
- `bp` (registered in `webapp._register_blueprints`); family pages link to
  `url_for("corrections.new", public_id=..., category=..., field=..., label=...)` (label optional:
  the field's name as the page shows it)
- statements the family adds reach pages, the recipient view and exports through the read model
  (webapp.store.notes)
- `workflow` for the school console's steps
"""
from . import routes  # noqa: F401  (routes)
from .blueprint import bp

__all__ = ["bp"]
