"""Single-row edits, deletions and insertions on the audit trail behind the application's back are
all caught by verify_chain / `manage.py verify_audit` (CORE-5); PostgreSQL refuses plain UPDATE/DELETE.

A full forger with the database login but without the audit key (issue 14, finding 1) switches the
guard off, rewrites events, re-hashes the rest of the chain with everything the database gives him
(plain SHA-256, or an HMAC under a key he guessed), moves the head, or cuts off the tail and moves the
head back: the keyed chain and the signed checkpoints outside the database must catch every case
(`audit_forgeries_undetected`, goal 0)."""
from __future__ import annotations

import secrets
import shutil
from pathlib import Path

from reliability.checks import _common as c
from reliability.run import Result

TITLE = "audit trail tamper detection (random edits, deletions, insertions; a full forger without the key)"

CASES = """
import datetime as dt, random
from django.db import connection, transaction
from core import audit
from core.audit import compute_hash, verify_chain
from core.models import AuditEvent, AuditGuard, User, Project

actor = User.objects.order_by("pk").first()
project = Project.objects.order_by("pk").first()
with transaction.atomic():
    for i in range(EVENTS):
        audit.record(actor=actor, action=f"reliability.tamper.{i % 7}", target=("reliability.thing", i),
                     project=project, data={"i": i, "note": "测试" * (i % 3)}, approved_by="")
assert verify_chain().ok
pg = connection.vendor == "postgresql"
rng = random.Random(SEED)
last = AuditEvent.objects.order_by("-seq").first().seq
COLUMNS = ["seq", "occurred_at", "actor_id", "actor_name", "project_id", "action", "target_type", "target_id",
           "approved_by", "data", "prev_hash", "hash"]

class Rollback(Exception):
    pass

def rehash(cursor, seq):
    row = AuditEvent.objects.filter(seq=seq).values(*COLUMNS).first()
    if row is None:
        return
    fields = {k: row[k] for k in COLUMNS if k != "hash"}
    cursor.execute("UPDATE core_auditevent SET hash = %s WHERE seq = %s", [compute_hash(**fields), seq])

def tamper(cursor, kind):
    seq = rng.randint(1, last)
    if kind == "modify":
        column = rng.choice(COLUMNS)
        value = {"seq": last + 100 + rng.randint(0, 50), "occurred_at": None, "actor_id": 999999,
                 "actor_name": "冒名者", "project_id": 424242, "action": "forged.action", "target_type": "forged.type",
                 "target_id": "forged", "approved_by": "nobody", "data": '{"forged": true}',
                 "prev_hash": "f" * 64, "hash": "e" * 64}[column]
        if column == "occurred_at":
            from django.db.models import F
            AuditEvent.objects.filter(seq=seq).update(occurred_at=F("occurred_at") + dt.timedelta(seconds=rng.randint(1, 3600)))
        elif column == "data":
            cast = "::jsonb" if pg else ""
            cursor.execute(f"UPDATE core_auditevent SET data = %s{cast} WHERE seq = %s", [value, seq])
        else:
            cursor.execute(f"UPDATE core_auditevent SET {column} = %s WHERE seq = %s", [value, seq])
        smart = column not in ("hash", "seq") and rng.random() < 0.5
        if smart:  # the forger recomputes the row's own hash, as anyone can
            rehash(cursor, seq)
        return f"modify {column} #{seq}{' rehashed' if smart else ''}"
    if kind == "delete":
        cursor.execute("DELETE FROM core_auditevent WHERE seq = %s", [seq])
        return f"delete #{seq}"
    # insert: a forged event correctly chained after the last one, or wedged into the chain
    at_end = rng.random() < 0.5
    new_seq = last + 1 if at_end else last + 1 + rng.randint(1, 5)
    prev = AuditEvent.objects.get(seq=last).hash if at_end else AuditEvent.objects.get(seq=seq).hash
    fields = dict(seq=new_seq, occurred_at=AuditEvent.objects.get(seq=last).occurred_at + dt.timedelta(seconds=1),
                  actor_id=actor.pk, actor_name="forger", project_id=project.pk, action="forged.insert",
                  target_type="reliability.thing", target_id="x", approved_by="", data={}, prev_hash=prev)
    ev = AuditEvent(hash=compute_hash(**fields), **fields)
    ev.save(force_insert=True)
    return f"insert #{new_seq} {'at end' if at_end else 'after a gap'}"

undetected, cases, missed = 0, 0, []
kinds = ["modify", "delete", "insert"]
for n in range(CASE_COUNT):
    kind = kinds[n % 3]
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                AuditGuard.objects.create(maintenance=True, reason="reliability tamper")
                what = tamper(cursor, kind)
                AuditGuard.objects.filter(reason="reliability tamper").delete()
            report = verify_chain()
            cases += 1
            if report.ok:
                undetected += 1
                missed.append(what)
            raise Rollback
    except Rollback:
        pass
assert verify_chain().ok and not AuditGuard.objects.exists()

refused = {}
if pg:
    for verb, sql in (("update", "UPDATE core_auditevent SET action = 'x' WHERE seq = 1"),
                      ("delete", "DELETE FROM core_auditevent WHERE seq = 1"),
                      ("truncate", "TRUNCATE core_auditevent")):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
                refused[verb] = False
                raise Rollback
        except Rollback:
            pass
        except Exception:
            refused[verb] = True
emit({"cases": cases, "undetected": undetected, "missed": missed[:10], "refused": refused})
"""

FORGER = """
import hashlib, hmac, random
from django.db import connection, transaction
from core import audit, audit_seal
from core.models import AuditEvent, User, Project

actor = User.objects.order_by("pk").first()
project = Project.objects.order_by("pk").first()
with transaction.atomic():
    for i in range(EVENTS):
        audit.record(actor=actor, action=f"reliability.forger.{i % 5}", target=("reliability.thing", i),
                     project=project, data={"i": i, "note": "原文"}, approved_by="")
sealed = audit_seal.verify()  # the operator's checkpoint of the true head, outside the database
assert sealed.ok and sealed.written, sealed.reason
rng = random.Random(SEED)
COLUMNS = ["seq", "occurred_at", "actor_id", "actor_name", "project_id", "action", "target_type", "target_id",
           "approved_by", "data", "prev_hash"]
guessed_key = hashlib.sha256(b"the forger's best guess at the audit key").digest()
HASHERS = {"plain": lambda payload: hashlib.sha256(payload).hexdigest(),
           "guessed-key": lambda payload: hmac.new(guessed_key, payload, hashlib.sha256).hexdigest()}

class Rollback(Exception):
    pass

def head():
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_seq, last_hash FROM core_auditchainhead WHERE id = 1")
        return cursor.fetchone()

def move_head(cursor, seq, value):
    cursor.execute("UPDATE core_auditchainhead SET last_seq = %s, last_hash = %s WHERE id = 1", [seq, value])

def edit(row):
    column = rng.choice(["actor_name", "action", "approved_by", "data", "target_id"])
    row[column] = {"actor_name": "冒名者", "action": "forged.action", "approved_by": "总经理",
                   "data": {"forged": True}, "target_id": "forged"}[column]
    return column

def rewrite(cursor, start, hasher, edited):
    # Every event from `start` on re-hashed in order and re-linked, the edited one changed; the head moved.
    rows = list(AuditEvent.objects.filter(seq__gte=start).order_by("seq").values(*COLUMNS))
    prev = AuditEvent.objects.get(seq=start - 1).hash if start > 1 else audit.GENESIS
    what = ""
    for row in rows:
        if row["seq"] == edited:
            what = edit(row)
        row["prev_hash"] = prev
        prev = HASHERS[hasher](audit.canonical_payload(**row))
        cursor.execute("UPDATE core_auditevent SET actor_name = %s, action = %s, approved_by = %s, data = %s"
                       + ("::jsonb" if connection.vendor == "postgresql" else "")
                       + ", target_id = %s, prev_hash = %s, hash = %s WHERE seq = %s",
                       [row["actor_name"], row["action"], row["approved_by"], json.dumps(row["data"]),
                        row["target_id"], row["prev_hash"], prev, row["seq"]])
    move_head(cursor, rows[-1]["seq"], prev)
    return what

def truncate(cursor, keep):
    kept = AuditEvent.objects.get(seq=keep).hash
    cursor.execute("DELETE FROM core_auditevent WHERE seq > %s", [keep])
    move_head(cursor, keep, kept)

def append_forged(cursor, hasher, count):
    seq, prev = head()
    last = AuditEvent.objects.get(seq=seq)
    for i in range(count):
        seq += 1
        fields = dict(seq=seq, occurred_at=last.occurred_at, actor_id=actor.pk, actor_name="forger",
                      project_id=project.pk, action="forged.insert", target_type="reliability.thing",
                      target_id=str(i), approved_by="", data={}, prev_hash=prev)
        prev = HASHERS[hasher](audit.canonical_payload(**fields))
        AuditEvent.objects.create(hash=prev, **fields)
    move_head(cursor, seq, prev)

def forge(cursor, kind):
    last = head()[0]
    hasher = rng.choice(sorted(HASHERS))
    if kind == "rewrite":
        seq = rng.randint(1, last)
        return f"rewrite #{seq} {rewrite(cursor, seq, hasher, seq)}, re-hash to #{last} ({hasher}), move head"
    if kind == "rewrite-all":
        seq = rng.randint(1, last)
        return f"re-hash all from #1 ({hasher}), edit #{seq} {rewrite(cursor, 1, hasher, seq)}, move head"
    if kind == "truncate":
        keep = rng.randint(max(1, last - 8), last - 1)
        truncate(cursor, keep)
        return f"cut #{keep + 1}..#{last}, head back to #{keep}"
    if kind == "truncate-append":
        keep = rng.randint(max(1, last - 8), last - 1)
        truncate(cursor, keep)
        for i in range(rng.randint(1, 12)):  # the application goes on appending over the cut
            audit.record(actor=actor, action="reliability.forger.after", target=("reliability.thing", i),
                         project=project, data={"after": i})
        return f"cut #{keep + 1}..#{last}, head back to #{keep}, then {head()[0] - keep} honest events"
    if kind == "truncate-rewrite":
        keep = rng.randint(max(2, last - 8), last - 1)
        truncate(cursor, keep)
        seq = rng.randint(1, keep)
        return f"cut to #{keep}, rewrite #{seq} {rewrite(cursor, seq, hasher, seq)} ({hasher})"
    count = rng.randint(1, 3)
    append_forged(cursor, hasher, count)
    return f"append {count} forged events ({hasher}), move head"

kinds = ["rewrite", "rewrite-all", "truncate", "truncate-append", "truncate-rewrite", "append"]
cases, undetected, missed, chain_alone_missed = 0, 0, [], 0
for n in range(CASE_COUNT):
    kind = kinds[n % len(kinds)]
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO core_auditguard (maintenance, reason) VALUES (%s, %s)",
                               [True, "reliability forger"])
                what = forge(cursor, kind)
                cursor.execute("DELETE FROM core_auditguard WHERE reason = %s", ["reliability forger"])
            report = audit_seal.verify(write=WRITE)
            cases += 1
            chain_alone_missed += audit.verify_chain().ok
            if report.ok:
                undetected += 1
                missed.append(what)
            raise Rollback
    except Rollback:
        pass
final = audit_seal.verify(write=False)
assert final.ok, final.reason
emit({"cases": cases, "undetected": undetected, "missed": missed[:10], "chain_alone_missed": chain_alone_missed,
      "checkpoint_file": str(final.path)})
"""

# The full forger's truncation committed for real in a copy of the database, judged by
# `manage.py verify_audit` against a copy of the checkpoint file.
COMMITTED_FORGER = """
from django.db import connection, transaction
from core.models import AuditEvent
with transaction.atomic(), connection.cursor() as cursor:
    cursor.execute("INSERT INTO core_auditguard (maintenance, reason) VALUES (%s, %s)", [True, "forger"])
    keep = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True)[3]
    kept = AuditEvent.objects.get(seq=keep).hash
    cursor.execute("DELETE FROM core_auditevent WHERE seq > %s", [keep])
    cursor.execute("UPDATE core_auditchainhead SET last_seq = %s, last_hash = %s WHERE id = 1", [keep, kept])
    cursor.execute("DELETE FROM core_auditguard WHERE reason = %s", ["forger"])
emit(keep)
"""

# A few tampers committed for real in a copy of the database, then `manage.py verify_audit` must exit 1.
COMMITTED = """
from django.db import connection, transaction
from core.models import AuditGuard
with transaction.atomic(), connection.cursor() as cursor:
    AuditGuard.objects.create(maintenance=True, reason="reliability tamper")
    cursor.execute(SQL)
    AuditGuard.objects.filter(reason="reliability tamper").delete()
emit(True)
"""
COMMITTED_SQL = ["UPDATE core_auditevent SET actor_name = 'forger' WHERE seq = 3",
                 "DELETE FROM core_auditevent WHERE seq = 5",
                 "DELETE FROM core_auditevent WHERE seq = (SELECT MAX(seq) FROM core_auditevent)"]


def _copy(ctx, label: str, url: str, workdir: Path, name: str):
    """A copy of the check's database: (url, drop)."""
    if label == "sqlite":
        import sqlite3
        copy = workdir / f"{name}.sqlite3"
        with sqlite3.connect(Path(url.removeprefix("sqlite:///"))) as src, sqlite3.connect(copy) as dst:
            src.backup(dst)
        return f"sqlite:///{copy}", (lambda: None)
    db = f"propdesk_rel_tamper_{name}"
    return c.pg_create(ctx, db, template="propdesk_rel_tamper"), (lambda: c.pg_drop(ctx, db))


def _forger(ctx, label: str, url: str, workdir: Path, env: dict, quick: bool) -> dict:
    """The full forger in one process (each case rolled back), then once committed on a copy and judged by
    `manage.py verify_audit` against a copy of the checkpoint file."""
    cases = 24 if quick else 96
    code = (FORGER.replace("EVENTS", "40").replace("CASE_COUNT", str(cases)).replace("WRITE", "False")
            .replace("SEED", "21" if label == "sqlite" else "22"))
    report = c.probe(ctx, env, code)
    copy_url, drop = _copy(ctx, label, url, workdir, "forged")
    try:
        checkpoints = workdir / f"forged-{label}.jsonl"
        shutil.copyfile(report["checkpoint_file"], checkpoints)
        copy_env = c.env(ctx, copy_url, **{k: env[k] for k in ("PROPDESK_AUDIT_KEY", "PROPDESK_AUDIT_CHECKPOINT_DIR")})
        c.probe(ctx, copy_env, COMMITTED_FORGER)
        done = c.manage(ctx, copy_env, "verify_audit", "--checkpoints", str(checkpoints), "--no-write", check=False)
        cli_missed = int(done.returncode == 0 or "events were removed and the head moved back" not in done.stderr)
    finally:
        drop()
    return {"cases": report["cases"] + 1, "undetected": report["undetected"] + cli_missed,
            "missed": report["missed"] + (["committed cut + head moved back (CLI)"] if cli_missed else []),
            "chain_alone_missed": report["chain_alone_missed"]}


def _on(ctx, label: str, url: str, workdir: Path) -> Result:
    # A key of this run (never var/audit.key) and checkpoints in the scratch directory, which each run empties.
    env = c.env(ctx, url, PROPDESK_MEDIA_ROOT=str(workdir / "media"), PROPDESK_AUDIT_KEY=secrets.token_hex(32),
                PROPDESK_AUDIT_CHECKPOINT_DIR=str(workdir / "audit-checkpoints"))
    c.manage(ctx, env, "migrate", "--noinput", "-v0")
    c.manage(ctx, env, "demo_data")
    cases = 30 if ctx.quick else 120
    code = CASES.replace("EVENTS", "40").replace("CASE_COUNT", str(cases)).replace("SEED", "11" if label == "sqlite" else "12")
    report = c.probe(ctx, env, code)
    # Committed tampering on copies, judged by the operator's command.
    cli_cases = cli_missed = 0
    for i, sql in enumerate(COMMITTED_SQL):
        if label == "sqlite":
            c.manage(ctx, env, "verify_audit")  # the copy below is taken after
        copy_url, drop = _copy(ctx, label, url, workdir, f"copy{i}")
        try:
            copy_env = c.env(ctx, copy_url, **{k: env[k] for k in ("PROPDESK_AUDIT_KEY", "PROPDESK_AUDIT_CHECKPOINT_DIR")})
            c.probe(ctx, copy_env, COMMITTED.replace("SQL", repr(sql)))
            done = c.manage(ctx, copy_env, "verify_audit", check=False)
            cli_cases += 1
            if done.returncode == 0 or "AUDIT CHAIN BROKEN" not in done.stderr:
                cli_missed += 1
        finally:
            drop()
    forger = _forger(ctx, label, url, workdir, env, ctx.quick)
    metrics = {"tamper_cases": report["cases"] + cli_cases, "tamper_undetected": report["undetected"] + cli_missed,
               "audit_forgery_cases": forger["cases"], "audit_forgeries_undetected": forger["undetected"]}
    if label == "postgresql":
        metrics["pg_refuses_update_delete"] = bool(report["refused"]) and all(report["refused"].values())
    ok = (metrics["tamper_undetected"] == 0 and metrics["audit_forgeries_undetected"] == 0
          and forger["cases"] > 0 and metrics.get("pg_refuses_update_delete", True))
    detail = (f"forger cases the chain alone (no checkpoint) misses: {forger['chain_alone_missed']}" if ok else
              f"missed: {report['missed']} cli_missed={cli_missed} forger missed: {forger['missed']}")
    return Result("tamper", label, metrics, ok, detail)


def run(ctx) -> list[Result]:
    workdir = c.scratch(ctx, "tamper")
    results = []
    for label, url, cleanup in c.databases(ctx, "tamper", workdir):
        try:
            results.append(_on(ctx, label, url, workdir))
        except Exception as exc:
            results.append(Result("tamper", label, {"tamper_undetected": -1, "audit_forgeries_undetected": -1}, False,
                                  f"{type(exc).__name__}: {str(exc)[-900:]}"))
        finally:
            cleanup()
    return results
