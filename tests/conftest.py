"""Shared fixtures: every suite runs on a real SQLite file and on a real PostgreSQL database.

The PostgreSQL database is created for this run on 127.0.0.1:5432 (user postgres) and dropped
afterwards. Under CI=true an unreachable server fails the run instead of skipping.
"""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from webapp import create_app
from webapp.db import make_engine
from webapp.models import Base

PG_ADMIN_URL = os.environ.get("BACKPACK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def _pg_admin():
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    """A fresh, empty database of each kind for the whole run."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'backpack.sqlite3'}"
        return
    name = f"backpack_test_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    quoted = admin.dialect.identifier_preparer.quote(name)
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {quoted}"))
    except OperationalError as exc:
        admin.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI but unreachable at {PG_ADMIN_URL}: {exc}")
        pytest.skip(f"PostgreSQL unreachable at {PG_ADMIN_URL}")
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(scope="session")
def engine(database_url):
    eng = make_engine(database_url)
    Base.metadata.create_all(eng)
    yield eng
    eng.dispose()


def _empty_all_tables(eng) -> None:
    tables = list(reversed(Base.metadata.sorted_tables))
    with eng.begin() as conn:
        if eng.dialect.name == "postgresql":
            names = ", ".join(eng.dialect.identifier_preparer.quote(t.name) for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())


@pytest.fixture
def clean_db(engine):
    """Every test starts from empty tables and leaves them empty."""
    _empty_all_tables(engine)
    yield engine
    _empty_all_tables(engine)


@pytest.fixture
def db_session(clean_db):
    with Session(clean_db, expire_on_commit=False) as s:
        yield s


def app_config(database_url, engine, tmp_path, **extra) -> dict:
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "ENGINE": engine,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test-secret-key",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": True,
        **extra,
    }


@pytest.fixture
def app(database_url, clean_db, tmp_path):
    """The app with CSRF checks off for route tests; journeys and CSRF tests turn them on."""
    application = create_app(app_config(database_url, clean_db, tmp_path))
    with application.app_context():
        yield application


@pytest.fixture
def csrf_app(database_url, clean_db, tmp_path):
    application = create_app(app_config(database_url, clean_db, tmp_path, WTF_CSRF_ENABLED=True))
    with application.app_context():
        yield application


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def count_queries(engine):
    """`with count_queries() as counter: ...` then `counter.count` is the number of SQL statements."""

    @contextmanager
    def counting():
        class Counter:
            count = 0
            statements: list[str] = []

        counter = Counter()
        counter.statements = []

        def before(conn, cursor, statement, parameters, context, executemany):
            counter.count += 1
            counter.statements.append(statement)

        event.listen(engine, "before_cursor_execute", before)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", before)

    return counting


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
