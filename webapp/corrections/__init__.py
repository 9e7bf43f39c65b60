"""The family's "Something looks wrong" form and their correction requests (FERPA 34 CFR 99.20–99.22).

Public API for other parts:
- `bp` (registered in `webapp._register_blueprints`); family pages link to
  `url_for("corrections.new", public_id=..., category=..., field=..., label=...)` (label optional:
  the field's name as the page shows it)
- `statements_for(session, student_ids) -> {student_id: [statement dict]}` for the read model,
  the recipient view and the exports
- `workflow` for the school console's steps
"""
from . import routes  # noqa: F401  (routes)
from .blueprint import bp
from .workflow import statements_for

__all__ = ["bp", "statements_for"]
