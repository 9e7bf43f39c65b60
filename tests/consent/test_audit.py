from dataclasses import fields, replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consent import GENESIS, Disclosure, DisclosureEntry, append, canonical_json, chain, entry_hash, verify_chain

from .factories import T0
from .strategies import code_sets


def disclosure(i: int, **overrides) -> Disclosure:
    values = dict(
        at=T0 + timedelta(minutes=i), viewer_account_id="acct-lee", viewer_name="Ms. Lee",
        student_id="s-maya", categories=("grades",), grant_id="g1", action="view",
    )
    values.update(overrides)
    return Disclosure(**values)


def test_chain_numbers_from_one_and_links_from_genesis():
    entries = chain(disclosure(i) for i in range(3))
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev_hash == GENESIS == "0" * 64
    assert entries[1].prev_hash == entries[0].hash and entries[2].prev_hash == entries[1].hash
    assert all(len(e.hash) == 64 for e in entries)
    assert verify_chain(entries).ok and verify_chain(entries).message == "OK: 3 entries, chain intact"
    assert verify_chain([]).ok


def test_append_continues_a_stored_chain():
    entries = chain(disclosure(i) for i in range(2))
    assert append(entries[-1], disclosure(2)) == chain(disclosure(i) for i in range(3))[-1]


def test_hash_covers_canonical_json_with_utc_time():
    entry = chain([disclosure(0, at=datetime(2026, 3, 1, 1, 0, tzinfo=ZoneInfo("America/Los_Angeles")))])[0]
    assert canonical_json(entry) == (
        '{"action":"view","at":"2026-03-01T09:00:00.000000+00:00","categories":["grades"],"grant_id":"g1",'
        f'"prev_hash":"{GENESIS}","seq":1,"student_id":"s-maya","viewer_account_id":"acct-lee","viewer_name":"Ms. Lee"}}'
    ).encode()
    same_moment = replace(entry, at=entry.at.astimezone(timezone.utc))
    assert entry_hash(same_moment) == entry.hash


def test_disclosure_content_is_checked_and_categories_put_in_display_order():
    assert disclosure(0, categories=["state_tests", "grades"]).categories == ("grades", "state_tests")
    with pytest.raises(ValueError, match="known categories"):
        disclosure(0, categories=())
    with pytest.raises(ValueError, match="known categories"):
        disclosure(0, categories=("shoe_size",))
    with pytest.raises(ValueError, match="export, view"):
        disclosure(0, action="delete")
    with pytest.raises(ValueError, match="timezone"):
        disclosure(0, at=datetime(2026, 3, 1))
    with pytest.raises(ValueError, match="names the viewer"):
        disclosure(0, viewer_name="")


def test_verify_names_the_first_bad_entry_and_why():
    entries = chain(disclosure(i) for i in range(5))
    edited = entries[:2] + [replace(entries[2], viewer_name="Someone else")] + entries[3:]
    assert (verify_chain(edited).seq, verify_chain(edited).problem) == (3, "hash mismatch")
    assert verify_chain(edited).message == "entry 3: hash mismatch"
    relinked = entries[:3] + [replace(entries[3], prev_hash="f" * 64)] + entries[4:]
    assert (verify_chain(relinked).seq, verify_chain(relinked).problem) == (4, "broken link")
    gap = entries[:2] + entries[3:]
    assert (verify_chain(gap).seq, verify_chain(gap).problem) == (4, "sequence gap")
    assert verify_chain(entries[1:]).problem == "sequence gap"


def test_a_rewritten_tail_with_fresh_hashes_still_breaks_at_the_link():
    entries = chain(disclosure(i) for i in range(3))
    forged = chain([disclosure(0), disclosure(1, viewer_name="Nobody")])[1]
    result = verify_chain([entries[0], replace(forged, prev_hash=entries[1].prev_hash), entries[2]])
    assert (result.seq, result.problem) == (3, "broken link")


def _tamper(entry: DisclosureEntry, name: str, new_value) -> DisclosureEntry:
    return replace(entry, **{name: new_value})


TAMPERED_VALUES = {
    "seq": lambda e: e.seq + 10,
    "at": lambda e: e.at + timedelta(microseconds=1),
    "viewer_account_id": lambda e: e.viewer_account_id + "x",
    "viewer_name": lambda e: e.viewer_name + " ",
    "student_id": lambda e: "s-other",
    "categories": lambda e: e.categories + ("behavior",) if "behavior" not in e.categories else e.categories[1:] or ("grades",),
    "grant_id": lambda e: None if e.grant_id else "g-forged",
    "action": lambda e: "export" if e.action == "view" else "view",
    "prev_hash": lambda e: "e" * 64,
    "hash": lambda e: "0" * 64,
}


def test_every_field_is_covered_by_a_tampering_case():
    assert set(TAMPERED_VALUES) == {f.name for f in fields(DisclosureEntry)}


log_contents = st.lists(
    st.builds(
        Disclosure,
        at=st.integers(min_value=0, max_value=10**7).map(lambda s: T0 + timedelta(seconds=s)),
        viewer_account_id=st.sampled_from(["acct-lee", "acct-kim"]),
        viewer_name=st.text(min_size=1, max_size=12),
        student_id=st.sampled_from(["s-maya", "s-luis"]),
        categories=code_sets.map(tuple),
        grant_id=st.one_of(st.none(), st.sampled_from(["g1", "g2"])),
        action=st.sampled_from(["view", "export"]),
    ),
    min_size=1,
    max_size=8,
)


@given(log_contents, st.data(), st.sampled_from(sorted(TAMPERED_VALUES)))
def test_any_single_field_tampering_is_detected_at_that_entry(contents, data, name):
    entries = chain(contents)
    index = data.draw(st.integers(min_value=0, max_value=len(entries) - 1))
    tampered = _tamper(entries[index], name, TAMPERED_VALUES[name](entries[index]))
    assert tampered != entries[index]
    result = verify_chain(entries[:index] + [tampered] + entries[index + 1:])
    assert not result.ok
    assert result.seq == tampered.seq


@given(log_contents.filter(lambda c: len(c) >= 2), st.data())
def test_deleting_any_entry_but_the_last_is_detected(contents, data):
    entries = chain(contents)
    index = data.draw(st.integers(min_value=0, max_value=len(entries) - 2))
    result = verify_chain(entries[:index] + entries[index + 1:])
    assert (result.ok, result.problem, result.seq) == (False, "sequence gap", entries[index + 1].seq)


@given(log_contents.filter(lambda c: len(c) >= 2), st.data())
def test_reordering_is_detected(contents, data):
    entries = chain(contents)
    order = data.draw(st.permutations(range(len(entries))).filter(lambda p: list(p) != sorted(p)))
    assert not verify_chain([entries[i] for i in order]).ok


@given(log_contents)
def test_an_untouched_chain_verifies(contents):
    assert verify_chain(chain(contents)).ok
