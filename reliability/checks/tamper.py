"""Single-row edits, deletions and insertions on the audit trail behind the application's back are
all caught by verify_chain / `manage.py verify_audit` (CORE-5); PostgreSQL refuses plain UPDATE/DELETE."""
from __future__ import annotations

from pathlib import Path

from reliability.checks import _common as c
from reliability.run import Result

TITLE = "audit trail tamper detection (random edits, deletions, insertions)"

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


def _on(ctx, label: str, url: str, workdir: Path) -> Result:
    env = c.env(ctx, url, PROPDESK_MEDIA_ROOT=str(workdir / "media"))
    c.manage(ctx, env, "migrate", "--noinput", "-v0")
    c.manage(ctx, env, "demo_data")
    cases = 30 if ctx.quick else 120
    code = CASES.replace("EVENTS", "40").replace("CASE_COUNT", str(cases)).replace("SEED", "11" if label == "sqlite" else "12")
    report = c.probe(ctx, env, code)
    # Committed tampering on copies, judged by the operator's command.
    cli_cases = cli_missed = 0
    for i, sql in enumerate(COMMITTED_SQL):
        if label == "sqlite":
            source = Path(url.removeprefix("sqlite:///"))
            copy = workdir / f"copy{i}.sqlite3"
            c.manage(ctx, env, "verify_audit")  # also checkpoints nothing; the copy below is taken after
            import sqlite3
            with sqlite3.connect(source) as src, sqlite3.connect(copy) as dst:
                src.backup(dst)
            copy_url, drop = f"sqlite:///{copy}", (lambda: None)
        else:
            name = f"propdesk_rel_tamper_copy{i}"
            copy_url = c.pg_create(ctx, name, template="propdesk_rel_tamper")
            drop = (lambda n=name: c.pg_drop(ctx, n))
        try:
            copy_env = c.env(ctx, copy_url)
            c.probe(ctx, copy_env, COMMITTED.replace("SQL", repr(sql)))
            done = c.manage(ctx, copy_env, "verify_audit", check=False)
            cli_cases += 1
            if done.returncode == 0 or "AUDIT CHAIN BROKEN" not in done.stderr:
                cli_missed += 1
        finally:
            drop()
    metrics = {"tamper_cases": report["cases"] + cli_cases, "tamper_undetected": report["undetected"] + cli_missed}
    if label == "postgresql":
        metrics["pg_refuses_update_delete"] = bool(report["refused"]) and all(report["refused"].values())
    ok = metrics["tamper_undetected"] == 0 and metrics.get("pg_refuses_update_delete", True)
    return Result("tamper", label, metrics, ok, "" if ok else f"missed: {report['missed']} cli_missed={cli_missed}")


def run(ctx) -> list[Result]:
    workdir = c.scratch(ctx, "tamper")
    results = []
    for label, url, cleanup in c.databases(ctx, "tamper", workdir):
        try:
            results.append(_on(ctx, label, url, workdir))
        except Exception as exc:
            results.append(Result("tamper", label, {"tamper_undetected": -1}, False, f"{type(exc).__name__}: {str(exc)[-900:]}"))
        finally:
            cleanup()
    return results
