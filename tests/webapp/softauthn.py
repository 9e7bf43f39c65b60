"""A software WebAuthn authenticator (ES256, "none" attestation) for route tests without a browser.

It is a real authenticator as far as the server can tell: it makes a P-256 key per credential,
builds authenticatorData and attestationObject byte for byte as the WebAuthn spec says, and
signs assertions. Knobs let tests produce the faulty responses a server must reject.
"""
from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass, field

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

FLAG_UP, FLAG_UV, FLAG_BE, FLAG_BS, FLAG_AT = 0x01, 0x04, 0x08, 0x10, 0x40
AAGUID = bytes(16)


@dataclass
class Credential:
    credential_id: bytes
    private_key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    sign_count: int = 0


@dataclass
class SoftAuthenticator:
    origin: str = "http://localhost:5000"
    counts_signatures: bool = True  # False behaves like a synced passkey: the count stays 0
    credentials: dict[bytes, Credential] = field(default_factory=dict)

    def create(self, options: dict, *, origin: str | None = None, rp_id: str | None = None,
               user_verified: bool = True) -> dict:
        """navigator.credentials.create(): returns what PublicKeyCredential.toJSON() gives."""
        rp_id = rp_id or options["rp"]["id"]
        credential = Credential(
            credential_id=os.urandom(32), private_key=ec.generate_private_key(ec.SECP256R1()),
            rp_id=rp_id, user_handle=base64url_to_bytes(options["user"]["id"]),
        )
        self.credentials[credential.credential_id] = credential
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        flags = FLAG_UP | FLAG_AT | (FLAG_UV if user_verified else 0)
        attested = AAGUID + struct.pack(">H", len(credential.credential_id)) + credential.credential_id + self._cose_key(credential)
        auth_data = self._auth_data(rp_id, flags, 0) + attested
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": bytes_to_base64url(credential.credential_id),
            "rawId": bytes_to_base64url(credential.credential_id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": bytes_to_base64url(client_data),
                "attestationObject": bytes_to_base64url(attestation),
                "transports": ["internal"],
            },
        }

    def get(self, options: dict, *, credential_id: bytes | None = None, origin: str | None = None,
            rp_id: str | None = None, user_verified: bool = True, sign_count: int | None = None,
            user_handle: bytes | None = None, tamper_client_data: bool = False) -> dict:
        """navigator.credentials.get(): an assertion from the given (or the only matching) credential."""
        credential = self._pick(options, credential_id)
        if sign_count is None:
            if self.counts_signatures:
                credential.sign_count += 1
            sign_count = credential.sign_count
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        flags = FLAG_UP | (FLAG_UV if user_verified else 0)
        auth_data = self._auth_data(rp_id or credential.rp_id, flags, sign_count)
        signature = credential.private_key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        if tamper_client_data:  # signed first, changed afterwards: the signature no longer matches
            client_data = client_data.replace(b'"crossOrigin":false', b'"crossOrigin":false,"extra":1')
        return {
            "id": bytes_to_base64url(credential.credential_id),
            "rawId": bytes_to_base64url(credential.credential_id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": bytes_to_base64url(client_data),
                "authenticatorData": bytes_to_base64url(auth_data),
                "signature": bytes_to_base64url(signature),
                "userHandle": bytes_to_base64url(user_handle or credential.user_handle),
            },
        }

    def _pick(self, options: dict, credential_id: bytes | None) -> Credential:
        if credential_id is not None:
            return self.credentials[credential_id]
        allowed = [base64url_to_bytes(c["id"]) for c in options.get("allowCredentials") or []]
        matches = [c for c in self.credentials.values() if not allowed or c.credential_id in allowed]
        if len(matches) != 1:
            raise LookupError(f"{len(matches)} credentials match; pass credential_id")
        return matches[0]

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": origin or self.origin, "crossOrigin": False},
                          separators=(",", ":")).encode()

    @staticmethod
    def _auth_data(rp_id: str, flags: int, sign_count: int) -> bytes:
        return hashlib.sha256(rp_id.encode()).digest() + bytes([flags]) + struct.pack(">I", sign_count)

    @staticmethod
    def _cose_key(credential: Credential) -> bytes:
        numbers = credential.private_key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})
