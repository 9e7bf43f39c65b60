"""The consent receipt: what the family agreed to, as a deterministic JSON-ready dict.

It carries what FERPA 34 CFR 99.30 asks of a signed consent (the records, the purpose, to whom, the date,
the signature) and the fields of a Kantara Consent Receipt / ISO/IEC TS 27560 consent record.
"""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Iterable

from .categories import CATEGORY_CODES, category
from .dates import last_day, require_aware
from .events import Changed, Granted, GrantEvent
from .state import GrantState

RECEIPT_FORMAT = "family-backpack-consent-receipt/1"
MODELLED_ON = ("34 CFR 99.30", "Kantara Initiative Consent Receipt Specification v1.1", "ISO/IEC TS 27560:2023")
JURISDICTION = "US: FERPA (20 U.S.C. 1232g; 34 CFR Part 99)"
COLLECTION_METHOD = "passkey-signed consent"
_RECEIPT_NAMESPACE = uuid.UUID("6f1d5c1e-3b0a-5d0c-9a57-2f6c0b8e4d21")


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _codes(codes: Iterable[str]) -> list[str]:
    chosen = set(codes)
    return [code for code in CATEGORY_CODES if code in chosen]


def _event_record(event: GrantEvent) -> dict[str, Any]:
    record: dict[str, Any] = {"event": event.kind, "at": _iso(event.at), "by": event.by}
    if isinstance(event, Granted):
        grant = event.grant
        record.update(categories=_codes(grant.categories), starts_at=_iso(grant.starts_at),
                      ends_at=_iso(grant.ends_at), may_contribute=grant.may_contribute)
    elif isinstance(event, Changed):
        if event.categories is not None:
            record["categories"] = _codes(event.categories)
        if event.ends_at is not None:
            record["ends_at"] = _iso(event.ends_at)
        if event.may_contribute is not None:
            record["may_contribute"] = event.may_contribute
    record["signature"] = event.evidence.as_dict() if event.evidence else None
    return record


def receipt(
    grant_state: GrantState,
    events: Iterable[GrantEvent],
    student_name: str,
    district_name: str,
    signer_name: str,
    now: datetime,
) -> dict[str, Any]:
    """The receipt for a grant in `grant_state`, from the grant's ordered `events`, issued at `now`."""
    require_aware(now, "now")
    history = list(events)
    if not history or any(e.grant_id != grant_state.grant_id for e in history):
        raise ValueError(f"a receipt needs the events of grant {grant_state.grant_id} and no others")
    grant = grant_state.grant
    terms = [e for e in history if isinstance(e, (Granted, Changed)) and e.at <= grant_state.as_of]
    if not terms:
        raise ValueError(f"the events of grant {grant_state.grant_id} do not include its signing")
    signed = terms[-1]  # the event that set the terms in force
    records = [
        {"code": code, "label": category(code).label, "part": category(code).half, "sensitive": category(code).sensitive}
        for code in _codes(grant_state.categories)
    ]
    sensitive = [r["code"] for r in records if r["sensitive"]]
    recipient = grant.recipient
    return {
        "receipt_format": RECEIPT_FORMAT,
        "modelled_on": list(MODELLED_ON),
        "receipt_id": f"urn:uuid:{uuid.uuid5(_RECEIPT_NAMESPACE, f'{grant.grant_id}/{grant_state.version}')}",
        "receipt_version": grant_state.version,
        "issued_at": _iso(now),
        "consent_timestamp": _iso(signed.at),
        "language": "en",
        "jurisdiction": JURISDICTION,
        "collection_method": COLLECTION_METHOD,
        "controller": {"name": district_name, "role": "school district (educational agency)"},
        "grant_id": grant.grant_id,
        "subject": {"student_id": grant.student_id, "name": student_name},
        "signer": {
            "account_id": grant.granted_by.account_id,
            "name": signer_name,
            "role": grant.granted_by.role.value,
            "signed_at": _iso(signed.at),
            "signature": signed.evidence.as_dict() if signed.evidence else None,
        },
        "recipient": {
            "name": recipient.display_name,
            "kind": recipient.kind.value,
            "kind_label": recipient.kind.label,
            "account_id": recipient.account_id,
            "invitation_id": recipient.invitation_id,
        },
        "records": records,
        "sensitive": bool(sensitive),
        "sensitive_categories": sensitive,
        "purpose": grant.purpose,
        "period": {
            "starts_at": _iso(grant_state.starts_at),
            "ends_at": _iso(grant_state.ends_at),
            "last_day": last_day(grant_state.ends_at).isoformat(),
        },
        "may_contribute": grant_state.may_contribute,
        "status": grant_state.status_at(now).value,
        "how_to_revoke": (
            f"Open Sharing in Family Backpack and choose Stop sharing next to {recipient.display_name}. "
            "It takes effect at once. You can also ask the school district to stop it."
        ),
        "ferpa_99_30": {
            "records": [r["label"] for r in records],
            "purpose": grant.purpose,
            "disclosed_to": f"{recipient.display_name} ({recipient.kind.label})",
            "signed_by": signer_name,
            "date": signed.at.date().isoformat(),
            "signed_with": COLLECTION_METHOD if signed.evidence else None,
        },
        "history": [_event_record(e) for e in history],
    }
