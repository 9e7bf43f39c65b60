"""The corrections blueprint (family side)."""
from flask import Blueprint

bp = Blueprint("corrections", __name__)
