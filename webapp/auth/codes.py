"""Secrets people type or carry: invitation codes, recovery codes, session tokens.

Codes use an alphabet without look-alike characters (no 0/O, 1/I/L, U) and are grouped in
fours so they can be read aloud or typed from paper. Every secret is random enough (≥ 64 bits)
that a plain SHA-256 hash is a safe thing to store.
"""
from __future__ import annotations

import hashlib
import math
import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 16 × log2(30) ≈ 78.5 bits
CODE_BITS = CODE_LENGTH * math.log2(len(ALPHABET))


def new_code() -> str:
    """A fresh code, grouped for reading: "K7QM-4XPA-9RT2-HC3W"."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return group(raw)


def group(raw: str) -> str:
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def normalize(typed: str) -> str:
    """What the person typed, without spaces, dashes or case."""
    return re.sub(r"[^0-9A-Za-z]", "", typed or "").upper()


def looks_like_code(typed: str) -> bool:
    raw = normalize(typed)
    return len(raw) == CODE_LENGTH and all(ch in ALPHABET for ch in raw)


def code_hash(typed: str) -> str:
    return hashlib.sha256(normalize(typed).encode("ascii")).hexdigest()


def new_token() -> str:
    """A session token for the cookie (256 bits)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()
