"""`manage.py backup` / `restore` (CORE-5, CORE-7). The full round trip into an empty database on
SQLite and PostgreSQL is exercised by `python -m reliability.run --only backup_restore`."""
from __future__ import annotations

import gzip
import json

import pytest
from django.core.management import CommandError, call_command

from core import audit
from core.models import AuditChainHead, AuditEvent, Resident


@pytest.mark.req("CORE-5", "CORE-7")
def test_a_backup_holds_every_row_and_the_audit_chain_head(world, users, project, tmp_path):
    audit.record(actor=users["kefu1"], action="test.backup", target=project, project=project, data={"n": 1})
    path = tmp_path / "propdesk.jsonl.gz"
    call_command("backup", str(path))
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        header, *rows = [json.loads(line) for line in fh]
    head = AuditChainHead.objects.get(pk=1)
    assert header["format"] == "propdesk-backup" and header["audit_head"] == {"seq": head.last_seq, "hash": head.last_hash}
    events = [r for r in rows if r["model"] == "core.auditevent"]
    assert [e["fields"]["hash"] for e in events] == list(AuditEvent.objects.order_by("seq").values_list("hash", flat=True))
    assert sum(1 for r in rows if r["model"] == "core.resident") == Resident.objects.count()
    assert not any(r["model"] == "core.auditguard" for r in rows)


@pytest.mark.req("CORE-5")
def test_restore_refuses_a_database_that_holds_data_and_changes_nothing(world, users, project, tmp_path):
    audit.record(actor=users["kefu1"], action="test.backup", target=project, project=project)
    path = tmp_path / "propdesk.jsonl"
    call_command("backup", str(path))
    before = AuditEvent.objects.count()
    with pytest.raises(CommandError, match="empty"):
        call_command("restore", str(path))
    assert AuditEvent.objects.count() == before


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    path = tmp_path / "other.jsonl"
    path.write_text('{"hello": "world"}\n')
    with pytest.raises(CommandError, match="not a PropDesk backup"):
        call_command("restore", str(path))
