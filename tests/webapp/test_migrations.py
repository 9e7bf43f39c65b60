"""Migrations build the whole schema from nothing, and the models match them."""
import uuid

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from tests.conftest import _pg_admin
from webapp.db import make_engine
from webapp.migrate import upgrade
from webapp.models import Base


def _fresh_url(database_url, tmp_path):
    """An empty database of the same kind as this run's, for the migration alone."""
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'migrate.sqlite3'}", None
    name = f"backpack_migrate_{uuid.uuid4().hex[:10]}"
    admin = _pg_admin()
    quoted = admin.dialect.identifier_preparer.quote(name)
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {quoted}"))
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", (admin, quoted)


def test_upgrade_from_nothing_to_head_matches_models(database_url, tmp_path):
    url, pg = _fresh_url(database_url, tmp_path)
    engine = make_engine(url)
    try:
        upgrade(engine)
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        upgrade(engine)  # a second upgrade is a no-op
    finally:
        engine.dispose()
        if pg:
            admin, quoted = pg
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
            admin.dispose()
