"""Each family page costs the same number of SQL queries with a 1-year and a 5-year history (DESIGN.md §9)."""
from __future__ import annotations

from tests.conftest import _empty_all_tables
from tests.webapp.family_support import make_family, sign_in, site  # noqa: F401


def _counts(site, db_session, count_queries, years: int) -> dict[str, int]:
    family = make_family(db_session, history_years=years)
    db_session.commit()
    client = sign_in(site, db_session, family.rosa)
    leo = family.leo.public_id
    counts = {}
    for url in ("/home", f"/c/{leo}", f"/c/{leo}/grades", f"/c/{leo}/state_tests", f"/c/{leo}/attendance",
                f"/c/{leo}/early_warning"):
        assert client.get(url).status_code == 200  # warm: the session's first touch is not the page's cost
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        counts[url.replace(leo, "LEO")] = counter.count
    return counts


def test_query_count_does_not_grow_with_history(site, db_session, clean_db, count_queries):
    one_year = _counts(site, db_session, count_queries, 1)
    db_session.close()
    _empty_all_tables(clean_db)
    five_years = _counts(site, db_session, count_queries, 5)
    assert one_year == five_years, (one_year, five_years)
    assert max(one_year.values()) <= 40, one_year  # a handful per child plus one read-model load
