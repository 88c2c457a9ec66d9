"""`manage.py backup` then `manage.py restore` into a fresh database reproduces every row and the audit chain."""
from __future__ import annotations

from pathlib import Path

from reliability.checks import _common as c
from reliability.run import Result

TITLE = "backup and restore (SQLite→SQLite, PostgreSQL→PostgreSQL)"

ACTIVITY = """
from core import audit, pii
from core.models import Project, Resident, User
project = Project.objects.order_by("pk").first()
clerk = User.objects.get(username="kefu1")
for i in range(20):
    r = Resident(project=project, name=f"备份住户{i}", phone="1390000%04d" % i)
    pii.set_id_number(r, "11010519900101%04d" % i)
    r.save()
    audit.record(actor=clerk, action="reliability.backup.activity", target=r, project=project, data={"i": i})
emit(True)
"""

FINGERPRINT = """
import hashlib
from django.core import serializers
from core.audit import verify_chain
from core.backup import backed_up_models
from core.models import AuditChainHead
tables = {}
for model in backed_up_models():
    digest = hashlib.sha256()
    n = 0
    for obj in model._default_manager.order_by("pk").iterator(chunk_size=2000):
        row = serializers.serialize("python", [obj])[0]
        fields = {k: v for k, v in row["fields"].items() if not isinstance(v, list)}
        digest.update(repr((row["pk"], sorted(fields.items()))).encode())
        n += 1
    tables[model._meta.label_lower] = [n, digest.hexdigest()]
head = AuditChainHead.objects.get(pk=1)
emit({"tables": tables, "head": [head.last_seq, head.last_hash], "chain_ok": verify_chain().ok})
"""


def _on(ctx, label: str, source_url: str, target_url: str, workdir: Path) -> Result:
    env = c.env(ctx, source_url, PROPDESK_MEDIA_ROOT=str(workdir / "media"))
    c.manage(ctx, env, "migrate", "--noinput", "-v0")
    c.manage(ctx, env, "demo_data")
    c.probe(ctx, env, ACTIVITY)
    before = c.probe(ctx, env, FINGERPRINT)
    dump = workdir / f"{label}.jsonl.gz"
    c.manage(ctx, env, "backup", str(dump))
    # The audit checkpoints of this run's databases (a database recreated by the next run under the same name
    # would otherwise meet the checkpoints of the old one, rightly, as a chain cut short).
    target_env = c.env(ctx, target_url, PROPDESK_MEDIA_ROOT=str(workdir / "media"),
                       PROPDESK_AUDIT_CHECKPOINT_DIR=str(workdir / "audit-checkpoints"))
    c.manage(ctx, target_env, "migrate", "--noinput", "-v0")
    c.manage(ctx, target_env, "restore", str(dump))
    after = c.probe(ctx, target_env, FINGERPRINT)
    verified = c.manage(ctx, target_env, "verify_audit", check=False).returncode == 0
    again = c.manage(ctx, target_env, "restore", str(dump), check=False)
    refused_non_empty = again.returncode != 0 and "empty" in again.stderr
    differing = sorted(k for k in set(before["tables"]) | set(after["tables"])
                       if before["tables"].get(k) != after["tables"].get(k))
    identical = not differing and before["head"] == after["head"] and after["chain_ok"] and verified
    rows = sum(n for n, _ in before["tables"].values())
    metrics = {"backup_restore_identical": identical, "restore_refuses_non_empty": refused_non_empty}
    ok = identical and refused_non_empty
    return Result("backup_restore", label, metrics, ok,
                  f"{rows} rows, {len(before['tables'])} tables, audit head #{before['head'][0]}"
                  + ("" if not differing else f"; differ: {differing[:6]}"))


def run(ctx) -> list[Result]:
    workdir = c.scratch(ctx, "backup_restore")
    results = []
    try:
        results.append(_on(ctx, "sqlite", c.sqlite_url(workdir / "source.sqlite3"),
                           c.sqlite_url(workdir / "restored.sqlite3"), workdir))
    except Exception as exc:
        results.append(Result("backup_restore", "sqlite", {"backup_restore_identical": False}, False, str(exc)[-800:]))
    names = ["propdesk_rel_backup_src", "propdesk_rel_backup_dst"]
    try:
        urls = [c.pg_create(ctx, n) for n in names]
        results.append(_on(ctx, "postgresql", urls[0], urls[1], workdir))
    except Exception as exc:
        results.append(Result("backup_restore", "postgresql", {"backup_restore_identical": False}, False, str(exc)[-800:]))
    finally:
        for n in names:
            c.pg_drop(ctx, n)
    return results
