"""Encryption at rest for ID numbers and identity-document copies (CORE-3)."""
from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=4)
def _fernet(secret: str) -> Fernet:
    raw = secret.encode()
    try:
        key = base64.urlsafe_b64decode(raw)
        if len(key) == 32:
            return Fernet(raw)
    except (ValueError, TypeError):
        pass
    # Derive a key from a passphrase (or from SECRET_KEY in development).
    derived = hashlib.pbkdf2_hmac("sha256", raw, b"propdesk-field-key", 100_000)
    return Fernet(base64.urlsafe_b64encode(derived))


def _secret() -> str:
    """PROPDESK_FIELD_KEY; in development only, a key derived from SECRET_KEY (so that existing development
    data stays readable). Production never derives it: a SECRET_KEY leaked or left at the public default
    must not also open every ID number."""
    if settings.FIELD_ENCRYPTION_KEY:
        return settings.FIELD_ENCRYPTION_KEY
    if getattr(settings, "PRODUCTION", False):
        raise ImproperlyConfigured("PROPDESK_FIELD_KEY is not set: ID numbers cannot be encrypted or read.")
    return settings.SECRET_KEY


def encrypt_bytes(data: bytes) -> bytes:
    return _fernet(_secret()).encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return _fernet(_secret()).decrypt(token)
    except InvalidToken as exc:  # pragma: no cover - only with a wrong key
        raise ValueError("cannot decrypt: wrong PROPDESK_FIELD_KEY?") from exc


def encrypt_text(value: str) -> str:
    return encrypt_bytes(value.encode()).decode() if value else ""


def decrypt_text(value: str) -> str:
    return decrypt_bytes(value.encode()).decode() if value else ""


def digest(value: str) -> str:
    """Keyed digest for exact-match lookups of an encrypted value without decrypting."""
    return hmac.new(_secret().encode(), value.strip().upper().encode(), hashlib.sha256).hexdigest()
