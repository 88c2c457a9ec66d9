"""`manage.py backup` / `restore` (CORE-5, CORE-7). The full round trip into an empty database on
SQLite and PostgreSQL is exercised by `python -m reliability.run --only backup_restore`."""
from __future__ import annotations

import base64
import gzip
import hashlib
import json

import pytest
from django.core.management import CommandError, call_command

from core import attachments, audit, backup
from core.models import Attachment, AuditChainHead, AuditEvent, Resident

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
PDF = b"%PDF-1.4\n" + "身份证 110105199001011234".encode() * 10


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


def _file_lines(path) -> dict[str, dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {r["file"]: r for r in map(json.loads, fh) if "file" in r}


@pytest.mark.req("CORE-9", "CORE-5")
def test_a_backup_holds_every_uploaded_file_as_stored(world, users, project, public_key, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = attachments.attach(target=public_key, project=project, uploaded_by=users["kefu1"], name="门.png", data=PNG)
    copy = attachments.attach(target=public_key, project=project, uploaded_by=users["kefu1"], name="证.pdf",
                              data=PDF, kind="id_copy")
    path = tmp_path / "propdesk.jsonl.gz"
    call_command("backup", str(path))
    files = _file_lines(path)
    assert set(files) == {photo.file.name, copy.file.name}
    assert base64.b64decode(files[photo.file.name]["data"]) == PNG
    stored = (settings.MEDIA_ROOT / copy.file.name).read_bytes()
    # The ID copy travels as it is at rest: encrypted, never the plaintext document.
    assert base64.b64decode(files[copy.file.name]["data"]) == stored and b"%PDF" not in stored
    assert files[copy.file.name]["sha256"] == hashlib.sha256(stored).hexdigest()


@pytest.mark.req("CORE-9", "CORE-5")
def test_the_files_of_a_backup_come_back_into_an_empty_media_folder_byte_for_byte(
        world, users, project, public_key, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = attachments.attach(target=public_key, project=project, uploaded_by=users["kefu1"], name="门.png", data=PNG)
    copy = attachments.attach(target=public_key, project=project, uploaded_by=users["kefu1"], name="证.pdf",
                              data=PDF, kind="id_copy")
    path = tmp_path / "propdesk.jsonl.gz"
    call_command("backup", str(path))
    settings.MEDIA_ROOT = tmp_path / "fresh"
    written: list[str] = []
    for line in _file_lines(path).values():
        backup._restore_file(line, written)
    assert sorted(written) == sorted([photo.file.name, copy.file.name])
    assert attachments.read(attachment=Attachment.objects.get(pk=photo.pk), user=users["kefu1"]) == PNG
    assert attachments.read(attachment=Attachment.objects.get(pk=copy.pk), user=users["kfzg"]) == PDF


@pytest.mark.req("CORE-5")
def test_a_refused_restore_writes_no_file(world, users, project, public_key, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    attachments.attach(target=public_key, project=project, uploaded_by=users["kefu1"], name="门.png", data=PNG)
    path = tmp_path / "propdesk.jsonl.gz"
    call_command("backup", str(path))
    settings.MEDIA_ROOT = tmp_path / "fresh"
    events = AuditEvent.objects.count()
    with pytest.raises(CommandError, match="empty"):
        call_command("restore", str(path))
    assert AuditEvent.objects.count() == events and Attachment.objects.count() == 1
    assert not (tmp_path / "fresh").exists() or not any(p.is_file() for p in (tmp_path / "fresh").rglob("*"))


@pytest.mark.req("CORE-5")
def test_a_backup_whose_file_copy_is_damaged_is_refused(world, users, project, public_key, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    attachments.attach(target=public_key, project=project, uploaded_by=users["kefu1"], name="门.png", data=PNG)
    path = tmp_path / "propdesk.jsonl.gz"
    call_command("backup", str(path))
    line = next(iter(_file_lines(path).values()))
    line["data"] = base64.b64encode(PNG[:-1] + b"!").decode()
    settings.MEDIA_ROOT = tmp_path / "fresh"
    written: list[str] = []
    with pytest.raises(backup.RestoreRefused, match="checksum"):
        backup._restore_file(line, written)
    assert written == [] and not (tmp_path / "fresh").exists()
