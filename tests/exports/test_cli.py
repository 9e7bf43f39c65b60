"""`backpack export --ssid SSID --format pdf|clr|csv|json -o PATH [--lang en|es]` on both databases."""
from __future__ import annotations

import json
import zipfile

import pytest
from sqlalchemy import select

from tests.factories import make_student
from webapp import db
from webapp.cli import main
from webapp.credentials import verify_credential
from webapp.models import ExportLog


@pytest.fixture
def export(app, tmp_path):
    runner = app.test_cli_runner()

    def run(*args: str):
        return runner.invoke(main, ["export", *args])

    return run


def test_every_format_is_written_and_logged(k12, signing_key, export, tmp_path):
    ssid = k12.student.ssid
    for fmt in ("pdf", "csv", "json", "clr"):
        path = tmp_path / f"out.{fmt}"
        result = export("--ssid", ssid, "--format", fmt, "-o", str(path), "--lang", "es")
        assert result.exit_code == 0, result.stderr
        assert str(path) in result.output and "logged as download" in result.output
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    assert "grades.csv" in zipfile.ZipFile(tmp_path / "out.csv").namelist()
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["lang"] == "es"
    assert verify_credential(json.loads((tmp_path / "out.clr").read_text(encoding="utf-8"))).ok
    rows = db.session().scalars(select(ExportLog).order_by(ExportLog.id)).all()
    assert [(r.format, r.actor_role, r.lang, r.account_id) for r in rows] == \
        [(f, "cli", "es", None) for f in ("pdf", "csv", "json", "clr")]
    assert all(r.actor_name.endswith("(backpack export)") for r in rows)


@pytest.mark.parametrize("ssid", ["9999999999", "12345", "not-an-ssid"])
def test_unknown_or_malformed_ssid_does_nothing(app, export, tmp_path, ssid):
    path = tmp_path / "out.pdf"
    result = export("--ssid", ssid, "--format", "pdf", "-o", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error:")
    assert not path.exists()
    assert db.session().scalars(select(ExportLog)).all() == []


def test_clr_without_a_signing_key_or_without_achievements_does_nothing(app, db_session, k12, export, tmp_path):
    no_key = export("--ssid", k12.student.ssid, "--format", "clr", "-o", str(tmp_path / "a.json"))
    assert no_key.exit_code == 2 and "backpack keys create" in no_key.stderr
    newcomer = make_student(db_session, None, grade_level="KN")
    db_session.commit()
    from webapp.credentials.key_store import create_first_key

    create_first_key(db.session(), app.config["SECRET_KEY"])
    db.session().commit()
    empty = export("--ssid", newcomer.ssid, "--format", "clr", "-o", str(tmp_path / "b.json"))
    assert empty.exit_code == 2 and "no courses" in empty.stderr
    assert not (tmp_path / "a.json").exists() and not (tmp_path / "b.json").exists()
    assert db.session().scalars(select(ExportLog)).all() == []


def test_unknown_format_is_refused_by_the_command(app, export, tmp_path):
    result = export("--ssid", "4000000001", "--format", "docx", "-o", str(tmp_path / "x"))
    assert result.exit_code == 2  # click's usage error
