"""ID numbers and ID copies are never stored in plaintext (CORE-3): raw SQL over core_resident, bytes on disk."""
from __future__ import annotations

from pathlib import Path

from reliability.checks import _common as c
from reliability.run import Result

TITLE = "personal data at rest (ID numbers, ID copies) on SQLite and PostgreSQL"

CREATE = """
import random
from django.db import connection
from core import attachments, pii
from core.models import AttachmentKind, Project, Resident, User
project = Project.objects.order_by("pk").first()
clerk = User.objects.get(username="kefu1")
rng = random.Random(7)
ids = []
for i in range(COUNT):
    number = "".join(rng.choice("0123456789") for _ in range(17)) + rng.choice("0123456789X")
    resident = Resident(project=project, name=f"住户{i}", phone="1380000%04d" % i)
    pii.set_id_number(resident, number)
    resident.save()
    ids.append(number)
    if i < 5:
        scan = b"\\x89PNG\\r\\n\\x1a\\n" + ("身份证 " + number).encode() * 20
        attachments.attach(target=resident, project=project, uploaded_by=clerk, name="id.png", data=scan,
                           kind=AttachmentKind.ID_COPY)
all_ids = {r.id_number_hint for r in Resident.objects.all()}
with connection.cursor() as cursor:
    cursor.execute("SELECT * FROM core_resident")
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
text = [str(v) for row in rows for v in row if isinstance(v, (str, bytes, memoryview))]
found = sum(1 for n in ids if any(n in t or n.lower() in t for t in text))
from core.models import Attachment
from core.models.records import SENSITIVE_KINDS
copies = [a.file.path for a in Attachment.objects.filter(kind__in=list(SENSITIVE_KINDS))]
emit({"copies": copies, "ids": ids, "plaintext": found, "columns": columns, "rows": len(rows)})
"""


def _on(ctx, label: str, url: str, workdir: Path) -> Result:
    media = workdir / f"media-{label}"
    env = c.env(ctx, url, PROPDESK_MEDIA_ROOT=str(media))
    c.manage(ctx, env, "migrate", "--noinput", "-v0")
    c.manage(ctx, env, "demo_data")
    count = 10 if ctx.quick else 50
    report = c.probe(ctx, env, CREATE.replace("COUNT", str(count)))
    files = [Path(p) for p in report["copies"]]
    blobs = [p.read_bytes() for p in files]
    # Every file on disk must be free of the ID numbers; ID copies must not even be recognisable images.
    everything = [p.read_bytes() for p in media.rglob("*") if p.is_file()]
    plain_files = (sum(1 for b in blobs if b.startswith(b"\x89PNG"))
                   + sum(1 for b in everything if any(n.encode() in b for n in report["ids"])))
    metrics = {"pii_plaintext_at_rest": report["plaintext"], "id_copy_files_plaintext": plain_files}
    ok = report["plaintext"] == 0 and plain_files == 0 and len(files) >= 5
    return Result("pii_at_rest", label, metrics, ok,
                  f"{report['rows']} residents, {len(report['columns'])} columns scanned, {len(files)} ID copies, {len(everything)} files")


def run(ctx) -> list[Result]:
    workdir = c.scratch(ctx, "pii_at_rest")
    results = []
    for label, url, cleanup in c.databases(ctx, "pii_at_rest", workdir):
        try:
            results.append(_on(ctx, label, url, workdir))
        except Exception as exc:
            results.append(Result("pii_at_rest", label, {}, False, f"{type(exc).__name__}: {exc}"[:500]))
        finally:
            cleanup()
    return results
