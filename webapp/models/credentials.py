"""Signing keys of the district, the issuer of exported credentials (CLR 2.0)."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class IssuerKey(Base):
    """One Ed25519 key; the newest unretired one signs, retired ones are kept for the record."""

    __tablename__ = "issuer_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    did: Mapped[str] = mapped_column(String(100), unique=True)  # did:key:z6Mk…
    public_key_multibase: Mapped[str] = mapped_column(String(60))
    encrypted_private_key: Mapped[bytes] = mapped_column(LargeBinary)  # AES-GCM nonce + ciphertext
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[Optional[datetime]] = mapped_column()
