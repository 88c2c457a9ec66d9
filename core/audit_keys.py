"""The audit trail's secret, which lives outside the database and outside its backups (CORE-5).

One secret (PROPDESK_AUDIT_KEY, or the file PROPDESK_AUDIT_KEY_FILE) yields two keys through HKDF-SHA256:
- the chain key: each event's hash is HMAC-SHA256 under it, so someone who can write to the database but
  does not hold the secret cannot recompute the hashes after an edit;
- the checkpoint key: an Ed25519 key that signs the checkpoints of the chain's head (core/audit_seal.py);
  its public half is written into every checkpoint so that anyone can check a copy of the file.

Development needs nothing: a random secret is generated once into var/audit.key, with a warning.
Production (PROPDESK_ENV=production) refuses to start without a secret of its own (config/settings.py).
"""
from __future__ import annotations

import hashlib
import logging
import os
import secrets
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

log = logging.getLogger("propdesk.audit")

MIN_SECRET_BYTES = 32
_SALT = b"propdesk-audit-v1"


@dataclass(frozen=True)
class AuditKeys:
    chain: bytes                     # HMAC-SHA256 key of the event hashes
    signer: Ed25519PrivateKey        # signs checkpoints
    public: str                      # hex of the Ed25519 public key, written into each checkpoint
    source: str                      # where the secret came from, for messages ("PROPDESK_AUDIT_KEY", a path)
    development: bool                # generated into var/: not for production

    def verifier(self) -> Ed25519PublicKey:
        return self.signer.public_key()


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=purpose).derive(secret)


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes().strip()
    except OSError as exc:
        raise ImproperlyConfigured(f"cannot read the audit key file {path}: {exc.strerror}") from exc


def _development_secret(path: Path) -> bytes:
    """Create var/audit.key once (mode 0600); every process after that reads the same file."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first: read theirs
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32) + "\n")
            log.warning("PropDesk generated a DEVELOPMENT audit key in %s. Production must set "
                        "PROPDESK_AUDIT_KEY_FILE (or PROPDESK_AUDIT_KEY) to a key kept outside the database "
                        "and its backups.", path)
    return _read_file(path)


@lru_cache(maxsize=8)
def _keys(kind: str, value: str) -> AuditKeys:
    if kind == "env":
        secret, source = value.encode(), "PROPDESK_AUDIT_KEY"
    elif kind == "file":
        secret, source = _read_file(Path(value)), value
    else:
        secret, source = _development_secret(Path(value)), value
    if len(secret) < MIN_SECRET_BYTES:
        raise ImproperlyConfigured(f"the audit key from {source} is too short: {MIN_SECRET_BYTES}+ random "
                                   "characters are needed (e.g. `openssl rand -hex 32`)")
    signer = Ed25519PrivateKey.from_private_bytes(_derive(secret, b"checkpoint signing key (Ed25519)"))
    public = signer.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
    return AuditKeys(chain=_derive(secret, b"event chain key (HMAC-SHA256)"), signer=signer, public=public,
                     source=source, development=kind == "dev")


def audit_keys() -> AuditKeys:
    """The keys of this installation, from the settings in force (tests may override them)."""
    if settings.AUDIT_KEY:
        return _keys("env", settings.AUDIT_KEY)
    if settings.AUDIT_KEY_FILE:
        return _keys("file", str(settings.AUDIT_KEY_FILE))
    if getattr(settings, "PRODUCTION", False):
        raise ImproperlyConfigured("PROPDESK_ENV=production needs PROPDESK_AUDIT_KEY_FILE or PROPDESK_AUDIT_KEY.")
    return _keys("dev", str(settings.AUDIT_DEV_KEY_FILE))


def key_id(public_hex: str) -> str:
    """A short name of a checkpoint key, for messages."""
    return hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:16]
