"""Signed checkpoints of the audit chain's head, kept outside the database (CORE-5).

The keyed chain (core/audit.py) stops a forger without the key from rewriting events, but not from
cutting off the newest events and moving the head back: what remains still verifies. So, like a
Certificate Transparency log's signed tree heads or an immudb client's verified state, the head is
written down elsewhere: an append-only file of JSON lines, one per checkpoint, in AUDIT_CHECKPOINT_DIR
(default var/audit-checkpoints/, which belongs on other storage or copied off the machine).

Each checkpoint says "at `at`, event #seq had hash `hash`, `count` events up to it, keyed hashes from
#keyed_from on", names the line before it by its SHA-256 (`prev`) and is signed with the Ed25519 key
derived from the audit key (public half in `key`). The file's name comes from the settings of the database
it watches, never from anything inside the database (a forger could change that; cf. immudb's server UUID).

verify(): every checkpoint's signature and link, then the whole chain, with every checkpoint's event
still there with the same hash and count; then a new checkpoint. checkpoint(): the same from the last
checkpoint on only (hourly, through core.sweeps), and a new checkpoint.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from django.conf import settings
from django.db import connection

from core import audit, clock
from core.audit_keys import AuditKeys, audit_keys, key_id

log = logging.getLogger("propdesk.audit")

FORMAT = "propdesk-audit-checkpoint/1"
FIRST_PREV = "0" * 64


class CheckpointError(Exception):
    """The checkpoint file itself is damaged, forged or not this installation's."""


@dataclass(frozen=True)
class Checkpoint:
    n: int            # 0, 1, 2, … in the file
    log: str          # which database's chain (see log_name)
    seq: int          # the head event at the time
    hash: str         # its hash
    count: int        # events up to and including it
    keyed_from: int   # the first keyed event (events before it carry plain SHA-256 hashes)
    at: str           # when, UTC ISO 8601
    prev: str         # SHA-256 of the previous line (FIRST_PREV for the first)
    key: str          # Ed25519 public key, hex
    sig: str = ""     # Ed25519 signature of signed_bytes(), hex

    def signed_bytes(self) -> bytes:
        # A fixed line-per-field rendering, not the JSON: what is signed never depends on a serialiser.
        fields = (FORMAT, self.log, self.n, self.seq, self.hash, self.count, self.keyed_from, self.at, self.prev,
                  self.key)
        return "\n".join(str(value) for value in fields).encode()

    def line(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))


def line_digest(line: str) -> str:
    return hashlib.sha256(line.strip().encode()).hexdigest()


def log_name() -> str:
    """The chain's name for its checkpoint file, from the database settings (not its contents)."""
    vendor, name = connection.vendor, str(connection.settings_dict["NAME"])
    if vendor == "sqlite" and not name.startswith("file:") and name != ":memory:":
        name = str(Path(name).resolve())
    stem = Path(name).stem if vendor == "sqlite" else name
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-")[:40] or "db"
    return f"{vendor}-{slug}-{hashlib.sha256(f'{vendor}:{name}'.encode()).hexdigest()[:8]}"


def checkpoint_path(path: str | Path | None = None) -> Path:
    return Path(path) if path else Path(settings.AUDIT_CHECKPOINT_DIR) / f"{log_name()}.jsonl"


def _parse_line(number: int, text: str) -> Checkpoint:
    try:
        raw = json.loads(text)
        point = Checkpoint(**raw)
    except (ValueError, TypeError) as exc:
        raise CheckpointError(f"line {number + 1} is not a checkpoint ({type(exc).__name__}); "
                              "a torn write or an edit — compare with the off-machine copy") from exc
    ints = (point.n, point.seq, point.count, point.keyed_from)
    if not all(type(value) is int for value in ints) or not all(isinstance(value, str) for value in (
            point.log, point.hash, point.at, point.prev, point.key, point.sig)):
        raise CheckpointError(f"line {number + 1} has fields of the wrong type")
    return point


def read_checkpoints(path: Path, keys: AuditKeys, *, expect_log: str | None) -> list[Checkpoint]:
    """Every checkpoint in the file, each signature and link checked; CheckpointError names the first fault."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    if text and not text.endswith("\n"):
        raise CheckpointError(f"{path}: the last line is incomplete (a crash while writing, or a cut file)")
    verifier = keys.verifier()
    points: list[Checkpoint] = []
    prev_digest = FIRST_PREV
    for number, line in enumerate(text.splitlines()):
        point = _parse_line(number, line)
        where = f"{path}: checkpoint #{number}"
        if point.n != number:
            raise CheckpointError(f"{where} is numbered #{point.n}: checkpoints were removed or reordered")
        if point.prev != prev_digest:
            raise CheckpointError(f"{where} does not follow the line before it (an earlier line was altered, "
                                  "removed or inserted)")
        if point.key != keys.public:
            raise CheckpointError(f"{where} was signed by key {key_id(point.key)}, not this installation's audit "
                                  f"key {key_id(keys.public)} (wrong PROPDESK_AUDIT_KEY, or a forged file)")
        try:
            verifier.verify(bytes.fromhex(point.sig), point.signed_bytes())
        except (InvalidSignature, ValueError) as exc:
            raise CheckpointError(f"{where} has a bad signature: it was altered or forged") from exc
        if expect_log is not None and point.log != expect_log:
            raise CheckpointError(f"{where} belongs to the chain {point.log}, not {expect_log}")
        if points:
            before = points[-1]
            if point.log != before.log or point.keyed_from != before.keyed_from:
                raise CheckpointError(f"{where} changes the chain name or where its keyed hashes begin")
            if point.seq < before.seq or (point.seq == before.seq and (point.hash, point.count) !=
                                          (before.hash, before.count)):
                raise CheckpointError(f"{where} records head #{point.seq} after #{before.seq}: the chain went back")
        points.append(point)
        prev_digest = line_digest(line)
    return points


@dataclass
class SealReport:
    ok: bool
    reason: str = ""
    chain: audit.ChainReport | None = None
    checkpoints: int = 0               # checkpoints found (and verified) before this run
    written: Checkpoint | None = None
    path: Path | None = None
    first: bool = False                # no checkpoint existed: the chain was taken as found

    @property
    def chain_broken(self) -> bool:
        return self.chain is not None and not self.chain.ok


@contextlib.contextmanager
def _locked(path: Path, write: bool):
    """One checkpoint writer at a time on this machine: an exclusive lock on the file's directory (so that no
    file appears until a checkpoint is written into it)."""
    if not write:
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _append(path: Path, keys: AuditKeys, last: Checkpoint | None, name: str, chain: audit.ChainReport,
            count: int) -> Checkpoint:
    unsigned = Checkpoint(n=last.n + 1 if last else 0, log=name, seq=chain.head_seq, hash=chain.head_hash,
                          count=count, keyed_from=int(chain.keyed_from or chain.head_seq + 1),
                          at=clock.now().astimezone(dt.timezone.utc).isoformat(timespec="seconds"),
                          prev=line_digest(last.line()) if last else FIRST_PREV, key=keys.public)
    point = Checkpoint(**{**asdict(unsigned), "sig": keys.signer.sign(unsigned.signed_bytes()).hex()})
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(point.line() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return point


def _run(path: str | Path | None, *, write: bool, incremental: bool) -> SealReport:
    keys = audit_keys()
    target = checkpoint_path(path)
    name = log_name()
    with _locked(target, write):
        try:
            points = read_checkpoints(target, keys, expect_log=None if path else name)
        except CheckpointError as exc:
            return SealReport(False, str(exc), path=target)
        last = points[-1] if points else None
        if last is not None and path:
            name = last.log  # a file named on the command line keeps its own chain name
        pins = {point.seq: (point.hash, point.count) for point in points}
        since = (last.seq, last.hash) if incremental and last else None
        chain = audit.verify_chain(keyed_from=last.keyed_from if last else None, pins=pins, since=since)
        report = SealReport(chain.ok, chain.reason, chain, len(points), path=target, first=last is None)
        if chain.ok and write:
            count = (last.count if since else 0) + chain.checked
            report.written = _append(target, keys, last, name, chain, count)
        return report


def verify(path: str | Path | None = None, *, write: bool = True) -> SealReport:
    """The whole chain against every checkpoint; then (write) a new checkpoint of the verified head."""
    return _run(path, write=write, incremental=False)


def checkpoint(path: str | Path | None = None) -> SealReport:
    """The events since the last checkpoint (all of them the first time), then a new checkpoint."""
    return _run(path, write=True, incremental=True)


def sweep() -> int:
    """core.sweeps entry (hourly from run_sweeps / Celery beat): a checkpoint, or a loud log line."""
    try:
        report = checkpoint()
    except OSError as exc:
        log.error("audit checkpoint not written to %s: %s", settings.AUDIT_CHECKPOINT_DIR, exc)
        return 0
    if not report.ok:
        log.critical("AUDIT TAMPERING SUSPECTED (%s): %s — run `manage.py verify_audit`", report.path, report.reason)
        return 0
    return 1
