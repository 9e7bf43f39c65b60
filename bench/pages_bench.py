"""Family page benchmark: a 10,000-student district, the app under gunicorn (2 workers), many signed-in guardians.

Budget (DESIGN.md §9 and issue 5): home page and category page p50 ≤ 15 ms and p99 ≤ 50 ms of server
time, and at least 40 % of the requests per second of a bare Flask hello-world measured in the same run.

    .venv/bin/python bench/pages_bench.py [--students 10000] [--guardians 3000] [--seconds 20]
                                          [--connections 8] [--database-url URL]

Steps: the demo generator writes the district (CALPADS, CAASPP, ELPAC; four school years) and the real
importers load it into a fresh SQLite file (or the empty database given with --database-url); guardian
accounts are linked to one or two children each and given server-side sessions directly (the signed
cookie a passkey sign-in would leave). Then, for the app and for the hello-world in turn, gunicorn
serves on 127.0.0.1 and `wrk` (a second process) requests home and category pages with a different
guardian's cookie each time. A third run requests /healthz with the same cookies: the signed-in floor,
what every signed-in page pays before it reads any record (the server-side session check, Flask-Login,
CSRF, Babel, compression), so the report shows how much of the gap the pages themselves cause. Server
time is what gunicorn logs per request (%(D)s, microseconds, from the request read to the response
written), so the network and wrk's own queueing are not counted.
Exit 1 when a budget is missed or a page did not answer 200.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
P50_BUDGET_MS, P99_BUDGET_MS, RATIO_BUDGET = 15.0, 50.0, 0.40
CATEGORIES = ("attendance", "grades", "state_tests", "english_learning", "behavior")
SECRET = "pages-bench-secret"

WRK_SCRIPT = """
local rows = {}
local n = 0
init = function(args)
  for line in io.lines(args[1]) do
    local cookie, path = line:match("([^\\t]+)\\t([^\\t]+)")
    rows[#rows + 1] = {cookie, path}
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 1000)
end
request = function()
  n = n + 1
  local row = rows[math.random(#rows)]
  return wrk.format("GET", row[2], {["Cookie"] = "session=" .. row[1], ["Accept-Encoding"] = "br, gzip",
                                   ["Accept-Language"] = (n % 4 == 0) and "es" or "en"})
end
"""

HELLO_APP = '''
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, world!"
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--guardians", type=int, default=3_000)
    parser.add_argument("--seconds", type=int, default=20, help="wrk duration per target")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--database-url", help="an empty database to use instead of a new SQLite file")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="backpack-pages-bench-") as tmp:
        work = Path(tmp)
        url = args.database_url or f"sqlite:///{work / 'bench.sqlite3'}"
        started = time.perf_counter()
        loaded = load_district(url, work, args.students)
        print(f"district: {loaded:,} students generated and imported in {time.perf_counter() - started:.1f} s")
        rows = sign_in_guardians(url, work, args.guardians)
        print(f"guardians: {args.guardians:,} signed in, {len(rows):,} home and category pages to request")
        targets = work / "targets.tsv"
        targets.write_text("".join(f"{cookie}\t{path}\n" for cookie, path in rows))
        hello_rows = work / "hello.tsv"
        hello_rows.write_text("x\t/\n")
        env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET, "BACKPACK_INSTANCE": str(work / "instance")}
        app = measure("family pages", "webapp:create_app()", targets, env, work, args)
        floor_rows = work / "floor.tsv"
        floor_rows.write_text("".join(f"{cookie}\t/healthz\n" for cookie in dict.fromkeys(c for c, _ in rows)))
        floor = measure("signed-in floor", "webapp:create_app()", floor_rows, env, work, args)
        (work / "hello_app.py").write_text(HELLO_APP)
        hello = measure("hello-world", "hello_app:app", hello_rows, {**os.environ, "PYTHONPATH": str(work)}, work,
                        args)
    return report(app, floor, hello)


def load_district(url: str, work: Path, students: int) -> int:
    """Generate the demo district's files and import them for real; returns the number of students."""
    from sqlalchemy import func, select

    from webapp import create_app, db
    from webapp.demo import generate
    from webapp.importers import run_import
    from webapp.models import Base, Student

    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(work / "instance"), "SECRET_KEY": SECRET})
    with app.app_context():
        Base.metadata.create_all(db.engine())
        files = generate(work / "files", students_count=students)
        for kind, paths in files.by_kind():
            result = run_import(db.session(), paths, kind, imported_by="pages_bench")
            if result.exit_code:
                raise SystemExit(result.text())
        return db.session().scalar(select(func.count()).select_from(Student))


def sign_in_guardians(url: str, work: Path, guardians: int) -> list[tuple[str, str]]:
    """Guardian accounts with one or two linked children (under 18, so the guardian holds the rights) and a
    live session each: (cookie, path) pairs."""
    from sqlalchemy import select

    from webapp import create_app, db
    from webapp.auth.codes import new_token, token_hash
    from webapp.models import Account, AccountRole, GuardianLink, Student, UserSession

    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(work / "instance"), "SECRET_KEY": SECRET})
    serializer = app.session_interface.get_signing_serializer(app)
    chooser = random.Random(2025)
    rows: list[tuple[str, str]] = []
    with app.app_context():
        session = db.session()
        minors_since = date.today().replace(year=date.today().year - 18)  # rights pass to the student at 18
        students = session.execute(select(Student.id, Student.public_id).where(
            Student.birth_date > minors_since, Student.emancipated.is_(False)).order_by(Student.id)).all()
        chooser.shuffle(students)
        position = 0
        for index in range(guardians):
            children = students[position:position + (2 if index % 3 == 0 else 1)]
            position += len(children)
            account = Account(display_name=f"Bench Guardian {index}", locale=None)
            session.add(account)
            session.flush()
            session.add(AccountRole(account_id=account.id, role="guardian"))
            session.add_all(GuardianLink(account_id=account.id, student_id=child.id) for child in children)
            token = new_token()
            session.add(UserSession(token_hash=token_hash(token), account_id=account.id, method="passkey"))
            cookie = serializer.dumps({"_user_id": token, "_fresh": True})
            rows.append((cookie, "/home"))
            rows += [(cookie, f"/c/{child.public_id}/{chooser.choice(CATEGORIES)}") for child in children]
        session.commit()
    return rows


def measure(name: str, target: str, rows: Path, env: dict, work: Path, args) -> dict:
    """Serve `target` with gunicorn (2 workers), warm it up, drive it with wrk, read the access log."""
    port = _free_port()
    log = work / f"{name.replace(' ', '-')}.log"
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}",
         "--access-logfile", str(log), "--access-logformat", "%(U)s %(s)s %(D)s", "--log-level", "warning", target],
        cwd=ROOT, env=env)
    try:
        _wait_for(port)
        script = work / "driver.lua"
        script.write_text(WRK_SCRIPT)
        base = f"http://127.0.0.1:{port}"
        _wrk(script, rows, base, 5, args.connections)  # warm-up: imports, caches, first session touches
        time.sleep(0.5)
        measured_from = log.stat().st_size
        output = _wrk(script, rows, base, args.seconds, args.connections)
    finally:
        server.terminate()
        server.wait(timeout=30)
    with log.open("rb") as handle:
        handle.seek(measured_from)
        entries = [line.split() for line in handle.read().decode().splitlines() if line.strip()]
    requests_per_second = float(next(line.split(":")[1] for line in output.splitlines()
                                     if line.startswith("Requests/sec")))
    return {"name": name, "rps": requests_per_second, "entries": entries}


def _wrk(script: Path, rows: Path, base: str, seconds: int, connections: int) -> str:
    done = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "-s", str(script), base,
                           "--", str(rows)], capture_output=True, text=True, check=True)
    return done.stdout


def report(app: dict, floor: dict, hello: dict) -> int:
    failed = False
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"\n{'target':<26} {'requests':>9} {'p50 ms':>7} {'p99 ms':>7} {'req/s':>8}")
    groups = {
        "home page": [e for e in app["entries"] if e[0] == "/home"],
        "category page": [e for e in app["entries"] if e[0].startswith("/c/")],
    }
    for label, entries in groups.items():
        p50, p99 = _percentiles(entries)
        print(f"{label:<26} {len(entries):>9,} {p50:>7.2f} {p99:>7.2f}")
        failed |= p50 > P50_BUDGET_MS or p99 > P99_BUDGET_MS
    p50, p99 = _percentiles(app["entries"])
    print(f"{'family pages (all)':<26} {len(app['entries']):>9,} {p50:>7.2f} {p99:>7.2f} {app['rps']:>8.0f}")
    f50, f99 = _percentiles(floor["entries"])
    print(f"{'signed-in floor (/healthz)':<26} {len(floor['entries']):>9,} {f50:>7.2f} {f99:>7.2f} "
          f"{floor['rps']:>8.0f}")
    h50, h99 = _percentiles(hello["entries"])
    print(f"{'hello-world Flask':<26} {len(hello['entries']):>9,} {h50:>7.2f} {h99:>7.2f} {hello['rps']:>8.0f}")
    ratio = app["rps"] / hello["rps"] if hello["rps"] else 0.0
    print(f"\nratio (family pages req/s ÷ hello-world req/s): {ratio:.0%}  (budget ≥ {RATIO_BUDGET:.0%})")
    if hello["rps"]:
        print(f"signed-in floor ÷ hello-world: {floor['rps'] / hello['rps']:.0%} (no page can do better than this)")
    print(f"budgets: p50 ≤ {P50_BUDGET_MS:g} ms, p99 ≤ {P99_BUDGET_MS:g} ms server time per page kind")
    not_ok = [e for e in app["entries"] + floor["entries"] + hello["entries"] if e[1] != "200"]
    if not_ok:
        print(f"{len(not_ok)} responses were not 200, e.g. {not_ok[:3]}")
    failed |= ratio < RATIO_BUDGET or bool(not_ok)
    print("OVER BUDGET" if failed else "within budget")
    return 1 if failed else 0


def _percentiles(entries: list[list[str]]) -> tuple[float, float]:
    times = sorted(int(e[2]) / 1000 for e in entries)
    if not times:
        return 0.0, 0.0
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return cuts[49], cuts[98]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"gunicorn did not start on port {port}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
