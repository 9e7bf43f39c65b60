"""`backpack maintenance` removes upload files no record names any more (left by a server that stopped between
writing a file and committing its row), but never a file in use, and never one young enough to belong to an
upload still in progress."""
from __future__ import annotations

import os
import time

from sqlalchemy import select

from tests.portfolio.conftest import add_work, blobs
from tests.portfolio.files import png
from webapp.cli import main
from webapp.models import PortfolioFile
from webapp.portfolio.storage import LocalStorage

TWO_HOURS = 2 * 3600


def _age(store: LocalStorage, digest: str, seconds: int) -> None:
    path = store._path(digest)
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_maintenance_removes_only_old_files_nothing_names(site, db_session, leo):
    store = LocalStorage(site.config["UPLOAD_DIR"])
    assert add_work(leo, title="Poster", files=[(png(size=(40, 30)), "poster.png")]).status_code == 303
    kept = db_session.scalars(select(PortfolioFile.sha256)).one()
    orphan = store.put(b"left behind by a crash before the commit")
    fresh = store.put(b"an upload whose row is about to commit")
    _age(store, kept, TWO_HOURS)
    _age(store, orphan, TWO_HOURS)

    result = site.test_cli_runner().invoke(main, ["maintenance"])

    assert result.exit_code == 0, result.output
    assert "unused upload files removed: 1" in result.output
    assert not store.exists(orphan)
    assert store.exists(kept) and store.exists(fresh)
    assert blobs(site) == 2


def test_uploading_the_same_bytes_again_makes_an_old_unused_file_young(site):
    store = LocalStorage(site.config["UPLOAD_DIR"])
    digest = store.put(b"the same poster, sent again")
    _age(store, digest, TWO_HOURS)
    assert digest in set(store.written_before(time.time() - 3600))
    store.put(b"the same poster, sent again")  # a new upload, its row not yet committed
    assert digest not in set(store.written_before(time.time() - 3600))
