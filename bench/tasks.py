"""In-process measurements that need no HTTP: ledger import and audit verification.

  python -m bench.tasks import --rows 100000
  python -m bench.tasks audit --events 200000
Each prints one JSON line."""
from __future__ import annotations

import argparse
import io
import json
import time

from bench.seed import _django


def _ledger_file(rows: int) -> bytes:
    from openpyxl import Workbook

    from keys.services.ledger_import import COLUMNS

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("台账")
    ws.append([COLUMNS[name][0] for name in ("number", "category", "name", "building", "unit", "floor", "equipment",
                                             "room_number", "pieces", "storage", "spare", "notes")])
    categories = ["公共区域钥匙", "设备房钥匙", "办公区域钥匙"]
    for i in range(rows):
        category = categories[i % 3]
        ws.append([f"IM{i:07d}", category, f"导入钥匙{i}", "", "", (i % 30) + 1 if i % 3 == 0 else "",
                   f"设备{i % 50}" if i % 3 == 1 else "", f"{i % 900}" if i % 3 == 2 else "", 1 + i % 3,
                   f"I-{i % 400}", "否", ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def measure_import(rows: int) -> dict:
    from core.models import Project, User
    from keys.services.ledger_import import import_ledger

    data = _ledger_file(rows)
    project = Project.objects.order_by("pk").first()
    actor = User.objects.get(username="kefu1")
    started = time.perf_counter()
    result = import_ledger(project=project, actor=actor, data=data)
    seconds = time.perf_counter() - started
    return {"import_rows": result.created, "import_100k_rows_s": round(seconds * 100_000 / max(rows, 1), 2),
            "import_seconds": round(seconds, 2)}


def measure_audit(events: int) -> dict:
    """Append a valid chain of `events` events in bulk, then time verify_chain over the whole chain."""
    import datetime as dt

    from django.db import transaction

    from core.audit import compute_hash, verify_chain
    from core.models import AuditChainHead, AuditEvent

    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        seq, prev = head.last_seq, head.last_hash
        base = dt.datetime.now(dt.timezone.utc)
        batch = []
        for i in range(events):
            seq += 1
            fields = {"seq": seq, "occurred_at": base + dt.timedelta(microseconds=i), "actor_id": 1,
                      "actor_name": "bench", "project_id": 1, "action": "bench.event", "target_type": "bench.row",
                      "target_id": str(i), "approved_by": "", "data": {"i": i}, "prev_hash": prev}
            prev = compute_hash(**fields)
            batch.append(AuditEvent(hash=prev, **fields))
            if len(batch) == 5000:
                AuditEvent.objects.bulk_create(batch)
                batch = []
        AuditEvent.objects.bulk_create(batch)
        AuditChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=prev)
    started = time.perf_counter()
    report = verify_chain()
    seconds = time.perf_counter() - started
    # What `manage.py verify_audit` does: the keyed chain against the checkpoints, then a signed checkpoint
    # (in a scratch directory: the bench database is new every run).
    import tempfile

    from django.conf import settings

    from core import audit_seal

    settings.AUDIT_CHECKPOINT_DIR = tempfile.mkdtemp(prefix="propdesk-bench-checkpoints-")
    audit_seal.verify()  # the first checkpoint
    started = time.perf_counter()
    sealed = audit_seal.verify()
    sealed_seconds = time.perf_counter() - started
    return {"audit_events_verified": report.checked, "audit_chain_ok": report.ok and sealed.ok,
            "verify_audit_events_per_s": round(report.checked / seconds),
            "verify_audit_sealed_events_per_s": round(sealed.chain.checked / sealed_seconds)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["import", "audit"])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=200_000)
    options = parser.parse_args()
    _django()
    result = measure_import(options.rows) if options.what == "import" else measure_audit(options.events)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
