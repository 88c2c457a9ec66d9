"""Writing and verifying the append-only audit trail (CORE-5).

Every state change calls `record()` inside its own transaction, so the event exists exactly when
the change does. Events form one hash chain: each stores the previous event's hash, and the chain's
tip lives in AuditChainHead, whose row lock serialises appends on SQLite and PostgreSQL alike.

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
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from core import clock
from core.models import AuditChainHead, AuditEvent

GENESIS = "0" * 64


def _canonical_time(value: dt.datetime) -> str:
    return value.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def compute_hash(*, seq: int, occurred_at: dt.datetime, actor_id: int | None, actor_name: str,
                 project_id: int | None, action: str, target_type: str, target_id: str,
                 approved_by: str, data: Any, prev_hash: str) -> str:
    return _hash([seq, _canonical_time(occurred_at), actor_id, actor_name, project_id, action, target_type,
                  str(target_id), approved_by, data, prev_hash])


_ENCODE = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode


def _hash(payload: list) -> str:
    return hashlib.sha256(_ENCODE(payload).encode()).hexdigest()


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
    """Chain these events after the tip and move the tip: three statements however many events."""
    # No savepoint: the events live and die with the changes they describe (the caller's transaction).
    with transaction.atomic(savepoint=False):
        seq, prev = _lock_tip()
        events = []
        for fields in pending:
            seq += 1
            chained = {**fields, "seq": seq, "prev_hash": prev}
            prev = compute_hash(**chained)
            events.append(AuditEvent(hash=prev, **chained))
        AuditEvent.objects.bulk_create(events)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {_HEAD} SET last_seq = %s, last_hash = %s WHERE id = 1", [seq, prev])
    return events


_HEAD = AuditChainHead._meta.db_table


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


_COLUMNS = "seq, {time}, actor_id, actor_name, project_id, action, target_type, target_id, approved_by, {data}, " \
           "prev_hash, hash"


def _rows(chunk_size: int):
    """The chain in order, read with a plain cursor: the time already in its canonical UTC text, `data`
    as text (the ORM's per-row converters cost more than the hashing)."""
    if connection.vendor == "postgresql":
        columns = _COLUMNS.format(
            time="to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')",
            data="data::text")
    else:
        columns = _COLUMNS.format(time="occurred_at", data="data")
    with connection.chunked_cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {AuditEvent._meta.db_table} ORDER BY seq")
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


def verify_chain(*, chunk_size: int = 5000) -> ChainReport:
    """Walk the chain in order; the first link that does not verify is named."""
    expected_prev = GENESIS
    expected_seq = 1
    checked = 0
    sqlite = connection.vendor == "sqlite"
    loads = json.loads
    for (seq, occurred_at, actor_id, actor_name, project_id, action, target_type, target_id,
         approved_by, data, prev_hash, stored_hash) in _rows(chunk_size):
        if seq != expected_seq:
            return ChainReport(False, checked, expected_seq, f"event #{expected_seq} is missing (found #{seq})")
        if prev_hash != expected_prev:
            return ChainReport(False, checked, seq, f"event #{seq} does not point at event #{seq - 1}")
        if sqlite:
            occurred_at = _sqlite_time(occurred_at)
        try:
            data = loads(data) if isinstance(data, str) else data
        except ValueError:
            return ChainReport(False, checked, seq, f"event #{seq} was altered (data is not JSON)")
        actual = _hash([seq, occurred_at, actor_id, actor_name, project_id, action, target_type, str(target_id),
                        approved_by, data, prev_hash])
        if actual != stored_hash:
            return ChainReport(False, checked, seq, f"event #{seq} was altered (hash mismatch)")
        expected_prev = stored_hash
        expected_seq += 1
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != checked or head.last_hash != expected_prev):
        return ChainReport(False, checked, checked + 1,
                           f"chain head expects #{head.last_seq}; events after #{checked} were removed")
    return ChainReport(True, checked)


def history(target: models.Model) -> models.QuerySet[AuditEvent]:
    target_type, target_id = _target(target)
    return AuditEvent.objects.filter(target_type=target_type, target_id=target_id).order_by("seq")
