"""`manage.py backup` then `manage.py restore` into a fresh database AND a fresh, empty media folder reproduces
every row, the audit chain and every uploaded file: each attachment (photos, PDF scans, encrypted ID copies),
uploaded over HTTP before the backup, downloads after the restore with the same bytes (sha256)."""
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

# Upload through the product's own page (multipart POST), as the clerk: photos, scans, ID copies.
UPLOAD = """
import hashlib, random
from django.test import Client
from core.models import User
from keys.models import KeyLoan, KeySet
rng = random.Random(11)
clerk = User.objects.get(username="kefu1")
client = Client(raise_request_exception=False)
client.force_login(clerk)
project = clerk.memberships.order_by("project_id").first().project
targets = [("keys.keyset", k.pk) for k in KeySet.objects.filter(project=project).order_by("pk")[:4]]
targets += [("keys.keyloan", r.pk) for r in KeyLoan.objects.filter(project=project).order_by("pk")[:2]]
uploaded = {}
for i in range(COUNT):
    label, pk = targets[i % len(targets)]
    kind = ["photo", "scan", "id_copy", "authorization"][i % 4]
    if kind == "photo":
        data, name = b"\\x89PNG\\r\\n\\x1a\\n" + rng.randbytes(2000 + 37 * i), f"现场{i}.png"
    else:
        data, name = b"%PDF-1.4\\n" + rng.randbytes(3000 + 11 * i), f"扫描{i}.pdf"
    from django.core.files.uploadedfile import SimpleUploadedFile
    answer = client.post(f"/attachments/{label}/{pk}/", {"file": SimpleUploadedFile(name, data), "kind": kind})
    if answer.status_code != 201:
        raise SystemExit(f"upload {i} ({label} {pk} {kind}) refused: {answer.status_code} {answer.content[:300]!r}")
    uploaded[answer.json()["id"]] = hashlib.sha256(data).hexdigest()
emit(uploaded)
"""

# Download every attachment through the product's page as the supervisor (who may open ID copies).
DOWNLOAD = """
import hashlib
from django.test import Client
from core.models import Attachment, User
client = Client(raise_request_exception=False)
client.force_login(User.objects.get(username="kfzg"))
got = {}
for pk in Attachment.objects.order_by("pk").values_list("pk", flat=True):
    answer = client.get(f"/attachments/file/{pk}/")
    body = b"".join(answer.streaming_content) if answer.streaming else answer.content
    got[str(pk)] = hashlib.sha256(body).hexdigest() if answer.status_code == 200 else f"HTTP {answer.status_code}"
emit(got)
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
    media = c.scratch(ctx, f"backup_restore/media-{label}")
    fresh_media = c.scratch(ctx, f"backup_restore/fresh-{label}")
    env = c.env(ctx, source_url, PROPDESK_MEDIA_ROOT=str(media))
    c.manage(ctx, env, "migrate", "--noinput", "-v0")
    c.manage(ctx, env, "demo_data")
    c.probe(ctx, env, ACTIVITY)
    uploaded = c.probe(ctx, env, UPLOAD.replace("COUNT", str(8 if ctx.quick else 24)))
    before = c.probe(ctx, env, FINGERPRINT)
    dump = workdir / f"{label}.jsonl.gz"
    c.manage(ctx, env, "backup", str(dump))
    # The target is a new machine: an empty database and an empty media folder, nothing shared. The audit
    # checkpoints are this run's own (a database recreated by the next run under the same name would otherwise
    # meet the checkpoints of the old one, rightly, as a chain cut short).
    target_env = c.env(ctx, target_url, PROPDESK_MEDIA_ROOT=str(fresh_media),
                       PROPDESK_AUDIT_CHECKPOINT_DIR=str(workdir / "audit-checkpoints"))
    c.manage(ctx, target_env, "migrate", "--noinput", "-v0")
    if any(fresh_media.rglob("*")):
        raise RuntimeError(f"{fresh_media} is not empty before the restore")
    c.manage(ctx, target_env, "restore", str(dump))
    after = c.probe(ctx, target_env, FINGERPRINT)
    downloaded = c.probe(ctx, target_env, DOWNLOAD)
    # Every attachment uploaded before the backup downloads after the restore with the same bytes.
    files_differing = sum(1 for pk, digest in uploaded.items() if downloaded.get(str(pk)) != digest)
    verified = c.manage(ctx, target_env, "verify_audit", check=False).returncode == 0
    again = c.manage(ctx, target_env, "restore", str(dump), check=False)
    refused_non_empty = again.returncode != 0 and "empty" in again.stderr
    differing = sorted(k for k in set(before["tables"]) | set(after["tables"])
                       if before["tables"].get(k) != after["tables"].get(k))
    identical = not differing and before["head"] == after["head"] and after["chain_ok"] and verified
    rows = sum(n for n, _ in before["tables"].values())
    metrics = {"backup_restore_identical": identical, "restore_refuses_non_empty": refused_non_empty,
               "backup_attachments": len(uploaded), "backup_attachments_not_restored": files_differing}
    ok = identical and refused_non_empty and files_differing == 0 and len(uploaded) > 0
    bad = [pk for pk, digest in uploaded.items() if downloaded.get(str(pk)) != digest]
    return Result("backup_restore", label, metrics, ok,
                  f"{rows} rows, {len(before['tables'])} tables, audit head #{before['head'][0]}, "
                  f"{len(uploaded)} attachments"
                  + ("" if not differing else f"; differ: {differing[:6]}")
                  + ("" if not bad else f"; attachments not restored: "
                     f"{[(pk, downloaded.get(str(pk))) for pk in bad[:4]]}"))


def run(ctx) -> list[Result]:
    workdir = c.scratch(ctx, "backup_restore")
    results = []
    try:
        results.append(_on(ctx, "sqlite", c.sqlite_url(workdir / "source.sqlite3"),
                           c.sqlite_url(workdir / "restored.sqlite3"), workdir))
    except Exception as exc:
        results.append(Result("backup_restore", "sqlite", {"backup_restore_identical": False}, False,
                              f"{type(exc).__name__}: {exc}"[-800:]))
    names = ["propdesk_rel_backup_src", "propdesk_rel_backup_dst"]
    try:
        urls = [c.pg_create(ctx, n) for n in names]
        results.append(_on(ctx, "postgresql", urls[0], urls[1], workdir))
    except Exception as exc:
        results.append(Result("backup_restore", "postgresql", {"backup_restore_identical": False}, False,
                              f"{type(exc).__name__}: {exc}"[-800:]))
    finally:
        for n in names:
            c.pg_drop(ctx, n)
    return results
