"""Alembic migrations, kept inside the package (as Indico does)."""
