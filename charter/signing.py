"""Ed25519 keys for the evidence log's checkpoints: plain functions, no Django.

The private key never enters the database. It is read from a PEM file or from an
environment variable (PEM, or the 32-byte seed in base64); the public half is shown on
the board page, in every board pack and on the public "about this record" page as a
fingerprint the board writes into its minutes.
"""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tools.verify_record import key_fingerprint

__all__ = ["key_fingerprint", "load_private_key", "new_private_key_pem", "public_key_b64",
           "sign"]


def load_private_key(text: str) -> Ed25519PrivateKey:
    """Read a key given as PEM (PKCS#8) or as its 32-byte seed in base64.

    Raises ``ValueError`` for anything else, including a key of another type.
    """
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.encode("ascii"), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("The evidence signing key must be an Ed25519 key.")
        return key
    seed = base64.b64decode(text, validate=True)
    if len(seed) != 32:
        raise ValueError("The evidence signing key must be 32 bytes (base64) or a PEM file.")
    return Ed25519PrivateKey.from_private_bytes(seed)


def new_private_key_pem() -> str:
    """A fresh key as unencrypted PKCS#8 PEM (keep the file readable by the portal only)."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode("ascii")


def public_key_b64(key: Ed25519PrivateKey) -> str:
    """The raw 32-byte public key in base64: what verify_record.py --public-key takes."""
    raw = key.public_key().public_bytes(serialization.Encoding.Raw,
                                        serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def sign(key: Ed25519PrivateKey, note: str) -> str:
    """The base64 Ed25519 signature of ``note`` (UTF-8)."""
    return base64.b64encode(key.sign(note.encode("utf-8"))).decode("ascii")
