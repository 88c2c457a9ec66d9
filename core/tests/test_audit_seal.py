"""The audit trail against a forger who holds the database login but not the audit key (CORE-5, issue 14).

The forger switches the append-only triggers off (core_auditguard), rewrites what he likes, recomputes
every later hash with what the database gives him, and moves the chain head. The keyed chain catches the
rewrite; the signed checkpoints outside the database catch a cut-off tail with the head moved back."""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from core import audit, audit_seal, sweeps
from core.audit_keys import audit_keys
from core.models import AuditChainHead, AuditEvent

MOMENT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.timezone.utc)
COLUMNS = ["seq", "occurred_at", "actor_id", "actor_name", "project_id", "action", "target_type", "target_id",
           "approved_by", "data", "prev_hash"]


def _events(n, users, start=0):
    for i in range(start, start + n):
        audit.record(actor=users["kefu1"], action="test.event", target=("test", i), data={"i": i, "text": "中文"})


def _plain(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _wrong_key(payload: bytes) -> str:
    return hmac.new(b"a key the forger made up, 32 bytes+", payload, hashlib.sha256).hexdigest()


def _guard_off(cursor):
    cursor.execute("INSERT INTO core_auditguard (maintenance, reason) VALUES (%s, %s)", [True, "forger"])


def _guard_on(cursor):
    cursor.execute("DELETE FROM core_auditguard")


def _forge_from(seq: int, hasher, *, action="test.forged") -> None:
    """Rewrite event #seq, re-hash it and every later event with `hasher`, and move the head."""
    rows = list(AuditEvent.objects.filter(seq__gte=seq).order_by("seq").values(*COLUMNS))
    prev = AuditEvent.objects.get(seq=seq - 1).hash if seq > 1 else audit.GENESIS
    with connection.cursor() as cursor:
        _guard_off(cursor)
        for row in rows:
            if row["seq"] == seq:
                row["action"] = action
            row["prev_hash"] = prev
            prev = hasher(audit.canonical_payload(**row))
            cursor.execute("UPDATE core_auditevent SET action = %s, prev_hash = %s, hash = %s WHERE seq = %s",
                           [row["action"], row["prev_hash"], prev, row["seq"]])
        cursor.execute("UPDATE core_auditchainhead SET last_seq = %s, last_hash = %s WHERE id = 1",
                       [rows[-1]["seq"], prev])
        _guard_on(cursor)


def _truncate_to(seq: int) -> None:
    """Delete every event after #seq and move the head back onto it: the chain alone still verifies."""
    kept = AuditEvent.objects.get(seq=seq)
    with connection.cursor() as cursor:
        _guard_off(cursor)
        cursor.execute("DELETE FROM core_auditevent WHERE seq > %s", [seq])
        cursor.execute("UPDATE core_auditchainhead SET last_seq = %s, last_hash = %s WHERE id = 1", [seq, kept.hash])
        _guard_on(cursor)


def _snapshot():
    return list(AuditEvent.objects.order_by("seq").values_list("seq", "action", "hash")), \
        AuditChainHead.objects.values_list("last_seq", "last_hash").get(pk=1)


def _file() -> Path:
    return audit_seal.checkpoint_path()


def _lines() -> list[dict]:
    path = _file()
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _refused(match: str) -> None:
    """verify_audit exits 1 with `match`, writes no checkpoint and changes nothing in the database."""
    before_db, before_file = _snapshot(), (_file().read_bytes() if _file().exists() else None)
    with pytest.raises(CommandError, match=match):
        call_command("verify_audit")
    assert _snapshot() == before_db
    assert (_file().read_bytes() if _file().exists() else None) == before_file


@pytest.mark.req("CORE-5")
def test_a_clean_chain_with_checkpoints_verifies_and_each_checkpoint_is_signed_and_chained(world, users, travel,
                                                                                          settings):
    settings.AUDIT_KEY = "a test audit key that no checkpoint may reveal " + secrets.token_hex(8)
    travel(MOMENT)
    _events(5, users)
    call_command("verify_audit")
    _events(3, users, start=5)
    call_command("audit_checkpoint")
    sweeps.run_all()  # the hourly job writes one too
    call_command("verify_audit")
    head = AuditChainHead.objects.get(pk=1)
    lines = _lines()
    assert [line["n"] for line in lines] == [0, 1, 2, 3]
    assert lines[0]["seq"] < lines[1]["seq"] == lines[2]["seq"] == lines[3]["seq"] == head.last_seq
    assert lines[-1]["hash"] == head.last_hash and lines[-1]["count"] == AuditEvent.objects.count()
    assert all(line["at"] == "2026-03-02T09:30:00+00:00" and line["keyed_from"] == 1 for line in lines)
    assert lines[1]["prev"] == audit_seal.line_digest(_file().read_text().splitlines()[0])
    assert lines[0]["key"] == audit_keys().public and settings.AUDIT_KEY[-16:] not in _file().read_text()


@pytest.mark.req("CORE-5")
def test_each_event_hash_is_a_standard_hmac_sha256_under_the_audit_key(world, users):
    _events(2, users)
    for row in AuditEvent.objects.order_by("seq").values(*COLUMNS, "hash"):
        stored = row.pop("hash")
        payload = audit.canonical_payload(**row)
        assert stored == hmac.new(audit_keys().chain, payload, hashlib.sha256).hexdigest() != _plain(payload)


@pytest.mark.req("CORE-5")
@pytest.mark.parametrize("hasher", [_plain, _wrong_key], ids=["plain-sha256", "wrong-key"])
def test_a_forger_who_rehashes_every_later_event_and_moves_the_head_is_caught(world, users, hasher):
    _events(6, users)
    _forge_from(3, hasher)
    # The head and every link agree, as the finding showed; only the key tells.
    assert AuditChainHead.objects.get(pk=1).last_hash == AuditEvent.objects.order_by("-seq").first().hash
    report = audit.verify_chain()
    assert not report.ok and report.broken_seq == 3
    _refused("AUDIT CHAIN BROKEN at event #3")


@pytest.mark.req("CORE-5")
def test_rewriting_the_whole_chain_with_plain_sha256_is_caught_by_the_checkpoint(world, users):
    _events(4, users)
    call_command("verify_audit")  # pins: keyed hashes from #1 on
    _forge_from(1, _plain)
    _refused(r"event #1 was re-hashed without the audit key \(plain SHA-256")


@pytest.mark.req("CORE-5")
def test_cutting_off_the_newest_events_and_moving_the_head_back_is_caught_by_the_checkpoint(world, users):
    _events(6, users)
    call_command("verify_audit")
    _truncate_to(4)
    assert audit.verify_chain().ok  # the database alone cannot tell
    _refused("event #6 but the chain now ends at #4: events were removed and the head moved back")
    before = _file().read_bytes()
    with pytest.raises(CommandError, match="behind the checkpoint of event #6"):
        call_command("audit_checkpoint")
    assert _file().read_bytes() == before


@pytest.mark.req("CORE-5")
def test_a_cut_tail_hidden_under_new_events_is_caught_by_the_checkpoint(world, users):
    _events(6, users)
    call_command("verify_audit")
    _truncate_to(3)
    _events(5, users, start=100)  # the application appends again: the head passes #6 with other events
    _refused("event #6 differs from the checkpoint that recorded it")


@pytest.mark.req("CORE-5")
def test_events_inserted_after_the_head_without_moving_it_are_caught(world, users):
    _events(3, users)
    head = AuditChainHead.objects.get(pk=1)
    AuditEvent.objects.create(seq=head.last_seq + 1, occurred_at=MOMENT, actor_name="forger", action="test.forged",
                              target_type="test", target_id="x", data={}, prev_hash=head.last_hash, hash="f" * 64)
    _refused(f"events after the head #{head.last_seq} were inserted behind the chain's back")


def _rewrite_file(change) -> None:
    lines = _file().read_text().splitlines()
    _file().write_text("".join(line + "\n" for line in change(lines)))


def _edit_seq(lines):
    point = json.loads(lines[1])
    point["seq"] -= 1
    return [lines[0], json.dumps(point), *lines[2:]]


def _resign_with_another_key(lines):
    with override_settings(AUDIT_KEY=secrets.token_hex(32)):
        stranger = audit_keys()
    point = audit_seal.Checkpoint(**{**json.loads(lines[-1]), "sig": "", "key": stranger.public})
    point = audit_seal.Checkpoint(**{**point.__dict__, "sig": stranger.signer.sign(point.signed_bytes()).hex()})
    return [*lines[:-1], point.line()]


@pytest.mark.req("CORE-5")
@pytest.mark.parametrize("change, match", [
    (_edit_seq, "checkpoint #1 has a bad signature"),
    (lambda lines: [lines[0], lines[2]], "checkpoint #1 is numbered #2"),
    (lambda lines: lines[1:], "checkpoint #0 is numbered #1"),
    (lambda lines: [lines[0], lines[2], lines[1]], "is numbered"),
    (lambda lines: [*lines[:-1], lines[-1][:40]], "line 3 is not a checkpoint"),
    (_resign_with_another_key, "was signed by key .*, not this installation's audit key"),
], ids=["edited", "middle-removed", "first-removed", "reordered", "torn", "another-key"])
def test_a_tampered_checkpoint_file_is_caught(world, users, change, match):
    _events(3, users)
    for i in range(3):
        _events(1, users, start=10 + i)
        call_command("audit_checkpoint")
    _rewrite_file(change)
    _refused(f"AUDIT CHECKPOINTS BROKEN: .*{match}")


@pytest.mark.req("CORE-5")
def test_a_chain_begun_with_plain_sha256_before_the_key_still_verifies_and_its_end_is_pinned(world, users):
    # Events written by the release before the key: plain SHA-256 hashes (inserts pass the triggers).
    prev, rows = audit.GENESIS, []
    for seq in (1, 2, 3):
        fields = dict(seq=seq, occurred_at=MOMENT + dt.timedelta(seconds=seq), actor_id=None, actor_name="system",
                      project_id=None, action="test.legacy", target_type="test", target_id=str(seq),
                      approved_by="", data={"seq": seq}, prev_hash=prev)
        prev = audit.legacy_hash(**fields)
        rows.append(AuditEvent(hash=prev, **fields))
    AuditEvent.objects.bulk_create(rows)
    AuditChainHead.objects.update_or_create(pk=1, defaults={"last_seq": 3, "last_hash": prev})
    _events(3, users)  # the upgraded release: keyed from #4 on
    call_command("verify_audit")
    assert [line["keyed_from"] for line in _lines()] == [4]
    _forge_from(5, _plain)  # a forger passes keyed events off as old ones
    _refused(r"event #5 was re-hashed without the audit key \(plain SHA-256 where the keyed chain began at #4\)")


@pytest.mark.req("CORE-5")
def test_the_hourly_sweep_signs_no_forged_head_and_says_so(world, users, caplog):
    _events(4, users)
    assert sweeps.run_all()["audit_checkpoint"] == 1
    _truncate_to(2)
    assert sweeps.run_all()["audit_checkpoint"] == 0
    assert "AUDIT TAMPERING SUSPECTED" in caplog.text and len(_lines()) == 1


@pytest.mark.req("CORE-5")
def test_production_refuses_to_start_without_an_audit_key(tmp_path):
    env = {**os.environ, "PROPDESK_ENV": "production", "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
           "PROPDESK_FIELD_KEY": secrets.token_urlsafe(40), "PROPDESK_VAR_DIR": str(tmp_path)}
    env.pop("PROPDESK_AUDIT_KEY", None)
    env.pop("PROPDESK_AUDIT_KEY_FILE", None)
    code = "import config.settings"
    refused = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                             cwd=settings.BASE_DIR)
    assert refused.returncode != 0 and "PROPDESK_AUDIT_KEY_FILE" in refused.stderr
    key_file = tmp_path / "audit.key"
    key_file.write_text(secrets.token_hex(32))
    started = subprocess.run([sys.executable, "-c", code], env={**env, "PROPDESK_AUDIT_KEY_FILE": str(key_file)},
                             capture_output=True, text=True, cwd=settings.BASE_DIR)
    assert started.returncode == 0, started.stderr
    assert not (tmp_path / "audit-checkpoints").exists()  # nothing generated in production
