"""The family of tests/webapp/family_support (Leo, 16, has his own account; Rosa is his guardian) and a
tutor account, on both databases; clients hold real server-side sessions."""
from __future__ import annotations

import pytest

from tests.webapp.family_support import family, sign_in, site  # noqa: F401  (fixtures)
from webapp.models import Account, AccountRole


@pytest.fixture
def tutor(db_session) -> Account:
    account = Account(display_name="Ms. Lee")
    db_session.add(account)
    db_session.flush()
    db_session.add(AccountRole(account_id=account.id, role="recipient"))
    db_session.commit()
    return account


@pytest.fixture
def leo(site, db_session, family):
    """Leo's own browser session."""
    return sign_in(site, db_session, family.leo_account)


@pytest.fixture
def rosa(site, db_session, family):
    return sign_in(site, db_session, family.rosa)


def blobs(site) -> int:
    from webapp.portfolio.storage import LocalStorage

    return LocalStorage(site.config["UPLOAD_DIR"]).count()


def add_work(client, *, files=(), **form):
    """POST the "Add work" form; files are (bytes, filename) pairs."""
    import io

    data = {"title": "Poster", "subject": "Art", "visibility": "family", **form}
    if files:
        data["files"] = [(io.BytesIO(content), name) for content, name in files]
    return client.post("/portfolio/work/new", data=data, content_type="multipart/form-data")
