"""Import benchmark: a generated district of 25k, 50k and 100k students into SQLite and PostgreSQL.

Budget (DESIGN.md §9): the 100,000-student district imports in 60 s or less on SQLite, and
peak memory stays flat as the district doubles. Each size and database is imported by a
fresh child process, so the peak RSS printed is that import's own.

    .venv/bin/python bench/import_bench.py [--sizes 25000,50000,100000] [--seed N] [--sqlite-only]

The files (one school year: SINF, SENR, SPRG, SELA, STAS, CRSC, SCSC and CAASPP) come from
the demo generator. PostgreSQL runs on a new database `backpack_bench_<random>` at
BACKPACK_BENCH_PG_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/postgres), which
is dropped afterwards; it is skipped with a message when the server cannot be reached.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PG_ADMIN_URL = os.environ.get("BACKPACK_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
BUDGET_SECONDS = 60
BUDGET_SIZE = 100_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="25000,50000,100000", help="comma-separated student counts")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--sqlite-only", action="store_true", help="skip PostgreSQL")
    sub = parser.add_subparsers(dest="child")
    child = sub.add_parser("import", help=argparse.SUPPRESS)
    child.add_argument("url")
    child.add_argument("directory", type=Path)
    args = parser.parse_args()
    if args.child == "import":
        print(json.dumps(import_once(args.url, args.directory)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    return run(sizes, args.seed, not args.sqlite_only)


def run(sizes: list[int], seed: int, with_postgres: bool) -> int:
    pg_admin = _postgres_admin() if with_postgres else None
    print(f"{'students':>9} {'database':<10} {'rows':>9} {'seconds':>8} {'rows/s':>8} {'peak RSS':>9}  (generate s)")
    over_budget = False
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="backpack-bench-") as tmp:
            started = time.perf_counter()
            generated = _generate(Path(tmp) / "files", size, seed)
            made = time.perf_counter() - started
            with tempfile.TemporaryDirectory(prefix="backpack-bench-db-") as dbdir:
                result = _child(f"sqlite:///{Path(dbdir) / 'bench.sqlite3'}", generated)
                _print_row(size, "sqlite", result, made)
                over_budget |= size >= BUDGET_SIZE and result["seconds"] > BUDGET_SECONDS
            if pg_admin is not None:
                url = _create_pg_database(pg_admin)
                try:
                    _print_row(size, "postgresql", _child(url, generated), made)
                finally:
                    _drop_pg_database(pg_admin, url)
    if with_postgres and pg_admin is None:
        print(f"PostgreSQL skipped: no server at {PG_ADMIN_URL}")
    if over_budget:
        print(f"Over budget: the {BUDGET_SIZE:,}-student import took more than {BUDGET_SECONDS} s on SQLite.")
    return 1 if over_budget else 0


def _generate(directory: Path, size: int, seed: int) -> Path:
    from webapp.demo import BENCH_FILES, generate

    generate(directory, students_count=size, seed=seed, years=1, files=BENCH_FILES)
    return directory


def _child(url: str, directory: Path) -> dict:
    """Import in a fresh interpreter so its peak RSS belongs to this one import."""
    done = subprocess.run([sys.executable, __file__, "import", url, str(directory)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"import into {url} failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def import_once(url: str, directory: Path) -> dict:
    """Create the schema, import CALPADS then CAASPP, and report rows, seconds and peak RSS."""
    from webapp import create_app, db
    from webapp.importers import run_import
    from webapp.models import Base

    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(directory.parent / "instance"),
                      "SECRET_KEY": "bench"})
    rows = 0
    with app.app_context():
        Base.metadata.create_all(db.engine())
        started = time.perf_counter()
        for kind in ("calpads", "caaspp"):
            paths = sorted((directory / kind).glob("*.txt"))
            report = run_import(db.session(), paths, kind, imported_by="import_bench")
            if report.exit_code:
                raise SystemExit(report.text())
            rows += sum(f.rows_read for f in report.files)
        seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kibibytes on Linux
    return {"rows": rows, "seconds": seconds, "peak_rss_mib": peak_kib / 1024}


def _print_row(size: int, database: str, result: dict, generated_in: float) -> None:
    rate = result["rows"] / result["seconds"] if result["seconds"] else 0
    print(f"{size:>9,} {database:<10} {result['rows']:>9,} {result['seconds']:>8.1f} {rate:>8,.0f} "
          f"{result['peak_rss_mib']:>7.0f} MiB  ({generated_in:.1f})", flush=True)


def _postgres_admin():
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError:
        admin.dispose()
        return None
    return admin


def _create_pg_database(admin) -> str:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    name = f"backpack_bench_{secrets.token_hex(6)}"
    with admin.connect() as conn:  # DDL takes no bound parameters; the name is ours and quoted
        conn.execute(text(f"CREATE DATABASE {admin.dialect.identifier_preparer.quote(name)}"))
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(admin, url: str) -> None:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    name = admin.dialect.identifier_preparer.quote(make_url(url).database)
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


if __name__ == "__main__":
    sys.exit(main())
