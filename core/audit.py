"""Writing and verifying the append-only audit trail (CORE-5).

Every state change calls `record()` inside its own transaction, so the event exists exactly when
the change does. Events form one hash chain: each stores the previous event's hash, and the chain's
tip lives in AuditChainHead, whose row lock serialises appends on SQLite and PostgreSQL alike.

Each hash is an HMAC-SHA256 under the audit key, which lives outside the database (core/audit_keys.py):
whoever can write to the database but lacks the key cannot recompute the chain after an edit. Events
written before the key existed carry plain SHA-256 hashes; they may only form the chain's beginning, and
the checkpoints outside the database (core/audit_seal.py) pin where that part ends and where the head was.

A service whose transaction is `audit.atomic()` appends its events together, as its last write:
one lock of the chain's tip, one insert, one update for all of them, and the tip stays locked only
from then to the commit. An event recorded inside a savepoint nested in such a block (a nested
service) is appended at once, since that savepoint may be rolled back on its own.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from core import clock
from core.audit_keys import audit_keys
from core.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


def _canonical_time(value: dt.datetime) -> str:
    return value.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def canonical_payload(*, seq: int, occurred_at: dt.datetime, actor_id: int | None, actor_name: str,
                      project_id: int | None, action: str, target_type: str, target_id: str,
                      approved_by: str, data: Any, prev_hash: str) -> bytes:
    """The bytes an event's hash covers (every column but the hash itself)."""
    return _ENCODE([seq, _canonical_time(occurred_at), actor_id, actor_name, project_id, action, target_type,
                    str(target_id), approved_by, data, prev_hash]).encode()


def compute_hash(**fields) -> str:
    """The event's keyed hash: HMAC-SHA256 of its canonical payload under the audit chain key."""
    return _keyed(audit_keys().chain, canonical_payload(**fields))


def legacy_hash(**fields) -> str:
    """The plain SHA-256 of events written before the audit key existed (anyone can compute it)."""
    return _plain(canonical_payload(**fields))


_ENCODE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


@lru_cache(maxsize=4)
def _pads(key: bytes) -> tuple:
    """HMAC-SHA256 (RFC 2104) with the key's inner and outer blocks hashed once: each event then costs what a
    plain SHA-256 did (hmac.digest pads the key again on every call, a third slower on short events)."""
    block = key.ljust(64, b"\0") if len(key) <= 64 else hashlib.sha256(key).digest().ljust(64, b"\0")
    return (hashlib.sha256(bytes(b ^ 0x36 for b in block)), hashlib.sha256(bytes(b ^ 0x5C for b in block)))


def _keyed(key: bytes, payload: bytes, pads: tuple | None = None) -> str:
    inner, outer = pads or _pads(key)
    inner = inner.copy()
    inner.update(payload)
    outer = outer.copy()
    outer.update(inner.digest())
    return outer.hexdigest()


def _plain(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _normalise(data: dict | None) -> dict:
    """Round-trip through JSON so that what is hashed is exactly what the database returns."""
    return json.loads(json.dumps(data or {}, cls=DjangoJSONEncoder, ensure_ascii=False))


def _target(target: models.Model | tuple[str, Any]) -> tuple[str, str]:
    if isinstance(target, tuple):
        return target[0], str(target[1])
    return target._meta.label_lower, str(target.pk)


def record(*, actor, action: str, target: models.Model | tuple[str, Any], project=None,
           data: dict | None = None, approved_by: str = "") -> AuditEvent:
    """Record one event. Call it inside the transaction that makes the change it describes.

    Inside `audit.atomic()` the event is appended with the block's others when the block ends (the
    returned event has no seq or hash yet); anywhere else it is appended now."""
    target_type, target_id = _target(target)
    fields = {
        "occurred_at": clock.now(),
        "actor_id": getattr(actor, "pk", None),
        "actor_name": str(getattr(actor, "display_name", "") or getattr(actor, "username", "") or "system")[:150],
        "project_id": getattr(project, "pk", project),
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "approved_by": approved_by[:300],
        "data": _normalise(data),
    }
    batches = _batches()
    if batches and batches[-1].depth == _savepoint_depth():
        batches[-1].events.append(fields)
        return AuditEvent(**fields)
    return _append([fields])[0]


def _append(pending: list[dict]) -> list[AuditEvent]:
    """Chain these events after the tip and move the tip: two statements however many events (three on SQLite)."""
    # No savepoint: the events live and die with the changes they describe (the caller's transaction).
    with transaction.atomic(savepoint=False):
        seq, prev = _lock_tip()
        key = audit_keys().chain
        pads = _pads(key)
        events = []
        for fields in pending:
            seq += 1
            chained = {**fields, "seq": seq, "prev_hash": prev}
            prev = _keyed(key, canonical_payload(**chained), pads)
            events.append(AuditEvent(hash=prev, **chained))
        _insert_and_move(events, seq, prev)
    return events


_HEAD = AuditChainHead._meta.db_table
_EVENT_FIELDS = ("seq", "occurred_at", "actor_id", "actor_name", "project_id", "action", "target_type", "target_id",
                 "approved_by", "data", "prev_hash", "hash")
_CHUNK = 500  # events per INSERT: SQLite takes at most 32,766 parameters in one statement


def _insert_and_move(events: list[AuditEvent], seq: int, prev: str) -> None:
    """The events inserted and the tip moved in plain SQL (this runs on every change): on PostgreSQL one statement
    does both, a round trip fewer per change; the model's own fields prepare each value as the ORM would."""
    fields = [AuditEvent._meta.get_field(name) for name in _EVENT_FIELDS]
    table, columns = (connection.ops.quote_name(AuditEvent._meta.db_table),
                      ", ".join(connection.ops.quote_name(f.column) for f in fields))
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    move, move_params = f"UPDATE {_HEAD} SET last_seq = %s, last_hash = %s WHERE id = 1", [seq, prev]
    together = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for start in range(0, len(events), _CHUNK):
            chunk = events[start:start + _CHUNK]
            sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([row] * len(chunk))}"
            params = [f.get_db_prep_save(getattr(event, f.attname), connection) for event in chunk for f in fields]
            last = start + _CHUNK >= len(events)
            if together and last:
                sql, params = f"WITH moved AS ({move}) {sql}", [*move_params, *params]
            cursor.execute(sql + " RETURNING id", params)
            for event, (pk,) in zip(chunk, cursor.fetchall()):
                event.pk, event._state.adding, event._state.db = pk, False, connection.alias
        if not together:
            cursor.execute(move, move_params)


def _lock_tip() -> tuple[int, str]:
    """The chain's tip, row-locked until commit (plain SQL: this runs on every change)."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""  # SQLite: BEGIN IMMEDIATE
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT last_seq, last_hash FROM {_HEAD} WHERE id = 1{lock}")
        row = cursor.fetchone()
    if row is None:
        AuditChainHead.objects.get_or_create(pk=1)
        return _lock_tip()
    return row[0], row[1]


@dataclass
class _Batch:
    depth: tuple
    events: list[dict]


def _batches() -> list[_Batch]:
    batches = getattr(connection, "_propdesk_audit_batches", None)
    if batches is None:
        batches = connection._propdesk_audit_batches = []
    return batches


def _savepoint_depth() -> tuple:
    """The savepoints open now: an event is held for a batch only at the batch's own level."""
    return tuple(sid for sid in connection.savepoint_ids if sid)


@contextlib.contextmanager
def atomic():
    """`transaction.atomic()` whose audit events are appended together as its last write.

    Use as `with audit.atomic():` or `@audit.atomic()` on a service."""
    with transaction.atomic():
        batches = _batches()
        batch = _Batch(depth=_savepoint_depth(), events=[])
        batches.append(batch)
        try:
            yield
        finally:
            batches.remove(batch)
        if batch.events:
            _append(batch.events)


@dataclass
class ChainReport:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    head_seq: int = 0            # the last verified event (the chain's head when ok)
    head_hash: str = GENESIS
    keyed_from: int | None = None  # the first event hashed with the audit key (head_seq + 1 if none yet)


_COLUMNS = "seq, {time}, actor_id, actor_name, project_id, action, target_type, target_id, approved_by, {data}, " \
           "prev_hash, hash"


def _rows(chunk_size: int, after: int, upto: int):
    """Events after..upto in order, read with a plain cursor: the time already in its canonical UTC text,
    `data` as text (the ORM's per-row converters cost more than the hashing)."""
    if connection.vendor == "postgresql":
        columns = _COLUMNS.format(
            time="to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')",
            data="data::text")
    else:
        columns = _COLUMNS.format(time="occurred_at", data="data")
    with connection.chunked_cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {AuditEvent._meta.db_table} WHERE seq > %s AND seq <= %s "
                       "ORDER BY seq", [after, upto])
        while True:
            batch = cursor.fetchmany(chunk_size)
            if not batch:
                return
            yield from batch


def _sqlite_time(value: str | dt.datetime) -> str:
    # Django keeps aware datetimes in SQLite as naive UTC ("…" without ".000000" when microseconds are 0);
    # the driver may hand them back as text or, through a registered converter, as naive datetimes.
    if isinstance(value, dt.datetime):
        return _canonical_time(value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc))
    value = value.replace(" ", "T")
    if "." not in value:
        value += ".000000"
    return value + "+00:00"


def _scalar(sql: str, params: list | None = None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        row = cursor.fetchone()
    return row


def _head() -> tuple[int, str]:
    row = _scalar(f"SELECT last_seq, last_hash FROM {_HEAD} WHERE id = 1")
    return (row[0], row[1]) if row else (0, GENESIS)


def stored_hash(seq: int) -> str | None:
    row = _scalar(f"SELECT hash FROM {AuditEvent._meta.db_table} WHERE seq = %s", [seq])
    return row[0] if row else None


_UNKNOWN = float("inf")


def verify_chain(*, chunk_size: int = 5000, keyed_from: int | None = None,
                 pins: dict[int, tuple[str, int]] | None = None,
                 since: tuple[int, str] | None = None) -> ChainReport:
    """Walk the chain in order up to its head; the first link that does not verify is named.

    keyed_from: the first event hashed with the audit key, as a checkpoint recorded it; events before it
    must carry plain SHA-256 hashes, events from it on keyed ones. None (no checkpoint yet): a plain
    prefix is accepted, then every event must be keyed.
    pins: {seq: (hash, count)} from checkpoints: the event at seq must still have that hash with that many
    events up to it. since: (seq, hash) of a checkpoint already verified: walk only the events after it.

    The head is read first and events are walked up to it, so appends committed meanwhile are no false
    alarm; events beyond the head (inserted behind the application's back) are looked for at the end."""
    head_seq, head_hash = _head()
    expected_seq, expected_prev = 1, GENESIS
    if since is not None:
        if head_seq < since[0]:
            return ChainReport(False, 0, head_seq + 1, f"the chain head #{head_seq} is behind the checkpoint of "
                               f"event #{since[0]}: events were removed and the head moved back",
                               keyed_from=keyed_from)
        still = stored_hash(since[0]) if since[0] else GENESIS
        if still != since[1]:
            return ChainReport(False, 0, since[0], f"event #{since[0]} no longer has the hash its checkpoint "
                               "recorded (altered or removed)", keyed_from=keyed_from)
        expected_seq, expected_prev = since[0] + 1, since[1]
    start = expected_seq - 1
    pins = pins or {}
    boundary = _UNKNOWN if keyed_from is None else keyed_from
    key = audit_keys().chain
    pads = _pads(key)
    checked = 0

    def broken(seq: int, reason: str) -> ChainReport:
        return ChainReport(False, checked, seq, reason, expected_seq - 1, expected_prev,
                           None if boundary == _UNKNOWN else int(boundary))

    sqlite = connection.vendor == "sqlite"
    loads = json.loads
    for (seq, occurred_at, actor_id, actor_name, project_id, action, target_type, target_id,
         approved_by, data, prev_hash, stored) in _rows(chunk_size, start, head_seq):
        if seq != expected_seq:
            return broken(expected_seq, f"event #{expected_seq} is missing (found #{seq})")
        if prev_hash != expected_prev:
            return broken(seq, f"event #{seq} does not point at event #{seq - 1}")
        if sqlite:
            occurred_at = _sqlite_time(occurred_at)
        try:
            data = loads(data) if isinstance(data, str) else data
        except ValueError:
            return broken(seq, f"event #{seq} was altered (data is not JSON)")
        payload = _ENCODE([seq, occurred_at, actor_id, actor_name, project_id, action, target_type,
                           str(target_id), approved_by, data, prev_hash]).encode()
        if seq >= boundary:
            if _keyed(key, payload, pads) != stored:
                if _plain(payload) == stored:
                    return broken(seq, f"event #{seq} was re-hashed without the audit key (plain SHA-256 where "
                                       f"the keyed chain began at #{int(boundary)})")
                return broken(seq, f"event #{seq} was altered (its hash is not this installation's keyed hash)")
        elif _plain(payload) != stored:
            if boundary != _UNKNOWN:
                return broken(seq, f"event #{seq} was altered (hash mismatch; plain SHA-256 events end at "
                                   f"#{int(boundary) - 1})")
            if _keyed(key, payload, pads) != stored:
                return broken(seq, f"event #{seq} was altered (hash mismatch)")
            boundary = seq  # the first keyed event: every later one must be keyed too
        pin = pins.get(seq)
        if pin is not None:
            if pin[0] != stored:
                return broken(seq, f"event #{seq} differs from the checkpoint that recorded it "
                                   f"({pin[0][:12]}…, now {stored[:12]}…)")
            if pin[1] != start + checked + 1:
                return broken(seq, f"the chain up to event #{seq} holds {start + checked + 1} events; "
                                   f"its checkpoint counted {pin[1]}")
        expected_prev = stored
        expected_seq += 1
        checked += 1
    if expected_seq - 1 != head_seq:
        return broken(expected_seq, f"event #{expected_seq} is missing: the chain head points at #{head_seq}")
    if expected_prev != head_hash:
        return broken(head_seq, f"the chain head does not match event #{head_seq}")
    # Events beyond the head: read the highest seq first, then the head again (an append commits both).
    highest = _scalar(f"SELECT MAX(seq) FROM {AuditEvent._meta.db_table}")[0] or 0
    if highest > _head()[0]:
        return broken(head_seq + 1, f"events after the head #{head_seq} were inserted behind the chain's back "
                                    f"(up to #{highest})")
    later = [seq for seq in pins if seq > head_seq]
    if later:
        return broken(head_seq + 1, f"a checkpoint recorded event #{max(later)} but the chain now ends at "
                                    f"#{head_seq}: events were removed and the head moved back")
    return ChainReport(True, checked, None, "", head_seq, head_hash,
                       head_seq + 1 if boundary == _UNKNOWN else int(boundary))


def history(target: models.Model) -> models.QuerySet[AuditEvent]:
    target_type, target_id = _target(target)
    return AuditEvent.objects.filter(target_type=target_type, target_id=target_id).order_by("seq")
