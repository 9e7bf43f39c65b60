"""`backpack import calpads|caaspp|elpac FILE... [--accept-partial] [--by NAME]` and its exit codes."""
from __future__ import annotations

from sqlalchemy import func, select

from webapp import db
from webapp.cli import main
from webapp.importers.commands import import_command
from webapp.models import Enrollment, ImportBatch

from . import files as f

A, B, _C = f.SSIDS


def invoke(app, *args):
    return app.test_cli_runner().invoke(import_command, [str(a) for a in args])


def enrollments() -> int:
    return db.session().scalar(select(func.count()).select_from(Enrollment))


def test_the_command_is_registered():
    assert main.commands["import"] is import_command


def test_exit_0_when_everything_is_saved(app, tmp_path):
    path = f.write(tmp_path, "senr.txt", [f.senr(A), f.senr(B)])
    result = invoke(app, "calpads", path, "--by", "Dana at the district office")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "CALPADS import by Dana at the district office: saved.",
        "senr.txt (SENR): loaded — 2 rows read: 2 loaded, 0 unchanged, 0 rejected.",
        "All rows are saved.",
    ]
    assert enrollments() == 2
    assert db.session().scalars(select(ImportBatch)).one().imported_by == "Dana at the district office"
    again = invoke(app, "calpads", path, "--by", "Dana")
    assert again.exit_code == 0 and "nothing changed" in again.output


def test_exit_1_when_rows_are_rejected(app, tmp_path):
    path = f.write(tmp_path, "senr.txt", [f.senr(A), f.senr(B, start="20230230")])
    result = invoke(app, "calpads", path)
    assert result.exit_code == 1
    assert ("senr.txt:2:1.22 Enrollment Start Date — “20230230” is not a real date (expected CCYYMMDD)"
            in result.output.splitlines())
    assert "nothing was saved" in result.output
    assert enrollments() == 0

    partial = invoke(app, "calpads", path, "--accept-partial")
    assert partial.exit_code == 1
    assert "senr.txt (SENR): partly loaded — 2 rows read: 1 loaded, 0 unchanged, 1 rejected." in partial.output
    assert enrollments() == 1


def test_exit_2_when_nothing_can_be_read(app, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = invoke(app, "caaspp", empty)
    assert result.exit_code == 2
    assert "empty.txt: could not be read — 0 rows read: 0 loaded, 0 unchanged, 0 rejected." in result.output
    assert "The file is empty." in result.output


def test_kind_and_files_are_required(app):
    assert invoke(app, "sat", "x.txt").exit_code == 2
    assert invoke(app, "calpads").exit_code == 2
