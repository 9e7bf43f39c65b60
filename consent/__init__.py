"""Consent rules in plain Python (stdlib only): categories, grants, decisions, receipts, audit chain.

Nothing here may import Flask, SQLAlchemy or the web app; tests/consent/test_purity.py enforces it.

The web layer loads events and facts, then asks:
  grant_window(...)                   -> Window for a new grant from the form's duration choice
  fold_grants(events, now)            -> {grant_id: GrantState}; appending an event that cannot follow
                                         raises ImpossibleSequence, so fold with the new event before storing it
  decide / decide_all / visible_categories / decide_contribution / may_share -> Decision(s)
  guardian_grants_ending(states, student, now) -> EndedAt18 events to store when rights pass at 18
  receipt(state, events, ...)         -> the consent receipt as a JSON-ready dict
  append(last_entry, Disclosure(...)) -> the next disclosure log entry; verify_chain(entries) -> ChainCheck
"""
from .audit import (  # noqa: F401
    GENESIS, ChainCheck, Disclosure, DisclosureEntry, append, canonical_json, chain, entry_hash, verify_chain,
)
from .categories import CATEGORIES, CATEGORY_CODES, Category, category  # noqa: F401
from .dates import last_day, long_date  # noqa: F401
from .decisions import (  # noqa: F401
    NOTHING_SHARED, Decision, decide, decide_all, decide_contribution, may_share, visible_categories,
)
from .durations import DURATION_CHOICES, Window, grant_window  # noqa: F401
from .events import SYSTEM, Changed, EndedAt18, Expired, Granted, GrantEvent, Revoked, SignatureEvidence  # noqa: F401
from .grants import Grant, clean_categories, clean_purpose  # noqa: F401
from .limits import MAX_MONTHS, PURPOSE_MAX_LENGTH, latest_end  # noqa: F401
from .parties import (  # noqa: F401
    RECIPIENT_KINDS, Grantor, Recipient, RecipientKind, Role, StudentFacts, Viewer, recipient_kind,
)
from .receipts import receipt  # noqa: F401
from .rights import eighteenth_birthday, guardian_grants_ending, rights_holder, student_holds_rights  # noqa: F401
from .state import GrantState, GrantStatus, ImpossibleSequence, fold_grants, grant_state  # noqa: F401
