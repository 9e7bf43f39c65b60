"""The family pages: a home card per child, the child's backpack, a page per category, the glossary.

Guardians and students read the same pages; the student's are worded "you". Who may see
what is decided by webapp.policy alone; these pages only choose the wording for the reader.
"""
from flask import Blueprint

bp = Blueprint("family", __name__)

from . import routes  # noqa: E402,F401  (routes attach themselves to bp)
