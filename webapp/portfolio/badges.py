"""Importing an Open Badges 3.0 credential the student received.

Three steps: the JSON must have the shape of an OB 3.0 OpenBadgeCredential (the data model's required
parts, checked here because no 1EdTech JSON Schema ships offline); its eddsa-rdfc-2022 proof is verified
with webapp.credentials; then it is stored with an honest label:

- "verified": the signature holds and the key belongs to the issuer (a did:key issuer);
- "signature_only": the signature holds, but the key is read from the issuer's web address, which
  cannot be tied to the issuer without the network;
- "not_verified": the badge carries no proof at all. It is kept, labelled "not verified", because many
  real badges arrive unsigned and the student should still be able to list them.

A badge whose proof is present but fails is refused: it was changed after signing, or is not what it
claims, and keeping it with any label would invite people to trust it.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp.credentials import verify_credential
from webapp.credentials.timestamps import parse_timestamp
from webapp.models import Badge, Student

VC_CONTEXTS = ("https://www.w3.org/ns/credentials/v2", "https://www.w3.org/2018/credentials/v1")
OB_CONTEXT_PREFIX = "https://purl.imsglobal.org/spec/ob/v3p0/context"
BADGE_TYPES = ("OpenBadgeCredential", "AchievementCredential")
MAX_BADGE_BYTES = 512 * 1024


class BadgeRefused(ValueError):
    """The badge cannot be kept; the message says why (translated)."""


@dataclass(frozen=True)
class BadgeFacts:
    name: str
    description: Optional[str]
    criteria: Optional[str]
    achievement_type: Optional[str]
    issuer_name: str
    issuer_id: Optional[str]
    issuer_url: Optional[str]
    issued_on: Optional[date]


def _types(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> Optional[str]:
    """A plain string, or the English/first entry of a JSON-LD language map."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        if "@value" in value:
            return _text(value["@value"])
        for key in ("en", "en-US", *value.keys()):
            if isinstance(value.get(key), str):
                return value[key].strip() or None
    return None


def structure_problems(doc: Any) -> list[str]:
    """What is missing from the OB 3.0 data model (OpenBadgeCredential, Profile, AchievementSubject,
    Achievement, Criteria), in plain words; empty when the shape is right."""
    if not isinstance(doc, dict):
        return [_("it is not a JSON object")]
    problems = []
    contexts = _types(doc.get("@context"))
    if not contexts or contexts[0] not in VC_CONTEXTS:
        problems.append(_("its @context does not start with the W3C credentials context"))
    if not any(isinstance(c, str) and c.startswith(OB_CONTEXT_PREFIX) for c in contexts):
        problems.append(_("its @context does not include the Open Badges 3.0 context"))
    types = _types(doc.get("type"))
    if "VerifiableCredential" not in types or not any(t in types for t in BADGE_TYPES):
        problems.append(_("its type is not OpenBadgeCredential"))
    if not isinstance(doc.get("id"), str):
        problems.append(_("it has no id"))
    if not _text(doc.get("name")):
        problems.append(_("it has no name"))
    issuer = doc.get("issuer")
    if isinstance(issuer, dict):
        if not isinstance(issuer.get("id"), str) or "Profile" not in _types(issuer.get("type")):
            problems.append(_("its issuer is not a Profile with an id"))
    elif not isinstance(issuer, str):
        problems.append(_("it names no issuer"))
    dated = doc.get("validFrom") or doc.get("issuanceDate")
    if not isinstance(dated, str):
        problems.append(_("it has no issue date (validFrom)"))
    else:
        try:
            parse_timestamp(dated)
        except ValueError:
            problems.append(_("its issue date is not a valid date and time"))
    subject = doc.get("credentialSubject")
    if isinstance(subject, list):
        subject = subject[0] if subject else None
    if not isinstance(subject, dict) or "AchievementSubject" not in _types(subject.get("type")):
        problems.append(_("its credentialSubject is not an AchievementSubject"))
        return problems
    achievement = subject.get("achievement")
    if not isinstance(achievement, dict) or "Achievement" not in _types(achievement.get("type")):
        problems.append(_("it does not say which Achievement was earned"))
        return problems
    if not isinstance(achievement.get("id"), str):
        problems.append(_("its achievement has no id"))
    if not _text(achievement.get("name")):
        problems.append(_("its achievement has no name"))
    if not _text(achievement.get("description")):
        problems.append(_("its achievement has no description"))
    criteria = achievement.get("criteria")
    if not isinstance(criteria, dict) or not (criteria.get("id") or _text(criteria.get("narrative"))):
        problems.append(_("its achievement has no criteria"))
    return problems


def facts(doc: dict) -> BadgeFacts:
    """What the badge says: its name, what it means, who gave it and when."""
    subject = doc["credentialSubject"]
    subject = subject[0] if isinstance(subject, list) else subject
    achievement = subject["achievement"]
    issuer = doc["issuer"]
    issuer_obj = issuer if isinstance(issuer, dict) else {"id": issuer}
    criteria = achievement.get("criteria") or {}
    dated = doc.get("validFrom") or doc.get("issuanceDate")
    url = issuer_obj.get("url") if isinstance(issuer_obj.get("url"), str) else None
    if url is None and str(issuer_obj.get("id", "")).startswith("https://"):
        url = issuer_obj["id"]
    return BadgeFacts(
        name=(_text(achievement.get("name")) or _text(doc.get("name")) or "")[:200],
        description=_text(achievement.get("description")) or _text(doc.get("description")),
        criteria=_text(criteria.get("narrative")) or (criteria.get("id") if isinstance(criteria.get("id"), str) else None),
        achievement_type=_text(achievement.get("achievementType")),
        issuer_name=(_text(issuer_obj.get("name")) or issuer_obj.get("id") or "")[:200],
        issuer_id=issuer_obj.get("id"),
        issuer_url=url[:500] if url else None,
        issued_on=parse_timestamp(dated).date() if isinstance(dated, str) else None,
    )


def read_badge(raw: bytes | str) -> dict:
    """The JSON text as a dict, or BadgeRefused in plain words."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_BADGE_BYTES:
            raise BadgeRefused(_("That file is too big to be a badge."))
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BadgeRefused(_("That file is not a badge: badges are JSON text files.")) from None
    try:
        doc = json.loads(raw)
    except ValueError:
        raise BadgeRefused(_("That is not a badge: badges are JSON text, and this could not be read as JSON.")) from None
    problems = structure_problems(doc)
    if problems:
        raise BadgeRefused(_("This is not an Open Badges 3.0 badge: %(problems)s.", problems="; ".join(problems)))
    return doc


def check(doc: dict) -> tuple[str, str]:
    """(label, technical note from the verifier): verified, signature_only or not_verified.
    BadgeRefused when a proof is present but fails."""
    if not doc.get("proof"):
        return "not_verified", ""
    result = verify_credential(doc)
    if result.ok:
        return "verified", result.note
    relaxed = verify_credential(doc, trust_url_keys=True)
    if relaxed.ok:
        return "signature_only", result.reason
    raise BadgeRefused(_("This badge's signature does not check out (%(reason)s). It may have been changed after "
                         "it was issued, so it was not added.", reason=relaxed.reason))


def check_label(label: str) -> str:
    """The short label shown next to a badge, in the reader's language."""
    return {"verified": _("Verified"), "signature_only": _("Signature checked"),
            "not_verified": _("Not verified")}.get(label, _("Not verified"))


def check_explained(label: str) -> str:
    """What the label means, in plain words."""
    if label == "verified":
        return _("The signature was checked: this issuer gave this badge and it was not changed.")
    if label == "signature_only":
        return _("The signature matches the badge, so it was not changed after signing. That the signing key "
                 "belongs to the issuer could not be checked from here.")
    return _("This badge has no digital signature, so nobody can check that it is real.")


def import_badge(session: Session, student: Student, raw: bytes | str, visibility: str) -> tuple[Badge, bool]:
    """Read, check and store a badge; (badge, created). The same credential twice is stored once."""
    doc = read_badge(raw)
    digest = hashlib.sha256(json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    existing = session.scalars(select(Badge).where(Badge.student_id == student.id,
                                                   Badge.credential_sha256 == digest)).first()
    if existing is not None:
        return existing, False
    label, note = check(doc)
    about = facts(doc)
    badge = Badge(student_id=student.id, credential=doc, credential_sha256=digest, check=label, check_note=note,
                  visibility=visibility, **about.__dict__)
    session.add(badge)
    session.flush()
    return badge, True
