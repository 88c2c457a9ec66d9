"""Portable backup and restore of the whole database, audit trail included (CORE-5, CORE-7).

The file is JSON lines (gzip-compressed when its name ends in .gz): a header naming the format,
then one line per row of every table — `{"model": "app.model", "pk": …, "fields": {…}}` in Django's
serializer form, so a SQLite backup restores into PostgreSQL and back. Rows keep their primary keys
and the audit events their hashes, so the restored chain verifies and ends at the same head.

After the rows come the uploaded files every file field names (attachments: photos, scans, ID copies),
one line each — `{"file": name, "sha256": …, "data": base64}` — with their stored bytes (ID copies stay
encrypted, so the file holds them as they are at rest). A restore writes them back under the same names
into MEDIA_ROOT, which may be a fresh, empty folder. PROPDESK_FIELD_KEY is not in the file: keep it apart.
"""
from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from core import clock
from core.audit import verify_chain
from core.models import AuditChainHead, AuditGuard

FORMAT = "propdesk-backup"
VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1 files hold rows only (no uploaded files)
BATCH = 1000
# Rows `migrate` itself creates: replaced by the backup's own, whose ids the other rows point at.
MIGRATE_CREATED = (ContentType, Permission, AuditChainHead)


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder keeps only milliseconds; a backup keeps every microsecond (audit hashes cover them)."""

    def default(self, o):
        if isinstance(o, dt.datetime):
            return o.isoformat()
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


class RestoreRefused(Exception):
    """The target database is not empty, or the file is not a PropDesk backup."""


@dataclass
class BackupReport:
    rows: dict[str, int]
    audit_seq: int
    audit_hash: str
    files: int = 0
    missing_files: list[str] = field(default_factory=list)


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete table, many-to-many tables included; never the maintenance flag of the audit guard."""
    found = [m for m in apps.get_models(include_auto_created=True)
             if m._meta.managed and not m._meta.proxy and m is not AuditGuard]
    return sorted(found, key=lambda m: m._meta.label_lower)


def _open(path: Path, mode: str, *, gz: bool | None = None):
    if str(path).endswith(".gz") if gz is None else gz:
        return gzip.open(path, mode + "t", encoding="utf-8")
    return open(path, mode, encoding="utf-8")


def _rows(model: type[models.Model]) -> Iterator[dict]:
    # Keyset pages rather than one cursor: the same code streams 200 million audit events on either database.
    queryset = model._default_manager.order_by("pk")
    last = None
    while True:
        page = queryset if last is None else queryset.filter(pk__gt=last)
        chunk = list(page[:BATCH])
        if not chunk:
            return
        yield from serializers.serialize("python", chunk)
        last = chunk[-1].pk


def write_backup(path: Path) -> BackupReport:
    """Write every table to `path` from one consistent snapshot of the database."""
    counts: dict[str, int] = {}
    tmp = path.with_name(path.name + ".part")
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for every table, so the file is consistent while the desk keeps working.
            # (Inside a caller's transaction, e.g. a test, the caller's snapshot is used.)
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        head = AuditChainHead.objects.filter(pk=1).first()
        with _open(tmp, "w", gz=str(path).endswith(".gz")) as out:
            header = {"format": FORMAT, "version": VERSION, "created_at": clock.now().isoformat(),
                      "vendor": connection.vendor,
                      "audit_head": {"seq": head.last_seq if head else 0, "hash": head.last_hash if head else ""}}
            out.write(json.dumps(header, ensure_ascii=False) + "\n")
            for model in backed_up_models():
                label = model._meta.label_lower
                counts[label] = 0
                for row in _rows(model):
                    # m2m lists are left out: their tables are backed up as models of their own.
                    row["fields"] = {k: v for k, v in row["fields"].items()
                                     if not isinstance(model._meta.get_field(k), models.ManyToManyField)}
                    out.write(json.dumps({"model": label, "pk": row["pk"], "fields": row["fields"]},
                                         cls=_Encoder, ensure_ascii=False) + "\n")
                    counts[label] += 1
            missing: list[str] = []
            files = _write_files(out, missing)
    tmp.replace(path)
    return BackupReport(counts, header["audit_head"]["seq"], header["audit_head"]["hash"], files, missing)


def _file_names() -> list[str]:
    """Every stored file a row names (FileField values), each once, in a stable order."""
    names: set[str] = set()
    for model in backed_up_models():
        for column in model._meta.concrete_fields:
            if isinstance(column, models.FileField):
                names.update(n for n in model._default_manager.exclude(**{column.name: ""})
                             .values_list(column.name, flat=True) if n)
    return sorted(names)


def _write_files(out, missing: list[str]) -> int:
    written = 0
    for name in _file_names():
        if not default_storage.exists(name):
            # A row names a file that is gone: the backup goes on and the report names it (never silent).
            missing.append(name)
            continue
        with default_storage.open(name, "rb") as fh:
            data = fh.read()
        out.write(json.dumps({"file": name, "sha256": hashlib.sha256(data).hexdigest(),
                              "data": base64.b64encode(data).decode("ascii")}) + "\n")
        written += 1
    return written


def non_empty_tables() -> dict[str, int]:
    """Tables holding rows that `migrate` did not create (a restore needs none)."""
    busy = {}
    for model in backed_up_models() + [AuditGuard]:
        if model in (ContentType, Permission) or model._meta.db_table == "django_migrations":
            continue
        if model is AuditChainHead:
            if AuditChainHead.objects.exclude(last_seq=0).exists():
                busy[model._meta.label_lower] = AuditChainHead.objects.count()
            continue
        count = model._default_manager.count()
        if count:
            busy[model._meta.label_lower] = count
    return busy


def _lines(path: Path) -> Iterator[dict]:
    with _open(path, "r") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def restore_backup(path: Path) -> BackupReport:
    """Load a backup into an empty, migrated database; the audit chain must verify to the same head."""
    lines = _lines(path)
    try:
        header = next(lines)
    except (StopIteration, json.JSONDecodeError, UnicodeDecodeError, OSError, EOFError) as exc:
        raise RestoreRefused(f"{path} is not a PropDesk backup ({exc or 'empty file'}).") from exc
    if header.get("format") != FORMAT or header.get("version") not in READABLE_VERSIONS:
        raise RestoreRefused(f"{path} is not a PropDesk backup of version {VERSION}.")
    busy = non_empty_tables()
    if busy:
        listed = ", ".join(f"{label} ({n} rows)" for label, n in sorted(busy.items())[:8])
        raise RestoreRefused(f"restore needs an empty, freshly migrated database; this one holds data: {listed}. "
                             "Nothing was changed.")
    counts: dict[str, int] = {}
    known = {m._meta.label_lower: m for m in backed_up_models()}
    written: list[str] = []
    restored = False
    try:
        with transaction.atomic():
            seq, last_hash = _restore_rows(lines, header, known, counts, written)
        restored = True
    finally:
        if not restored:  # nothing was restored: the files written so far go too
            for name in written:
                default_storage.delete(name)
    return BackupReport(counts, seq, last_hash, len(written))


def _restore_file(line: dict, written: list[str]) -> None:
    name = line["file"]
    data = base64.b64decode(line["data"])
    if hashlib.sha256(data).hexdigest() != line.get("sha256"):
        raise RestoreRefused(f"the backup's copy of {name} does not match its checksum; nothing was restored.")
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as fh:
            if fh.read() == data:
                return
        raise RestoreRefused(f"{name} already exists in MEDIA_ROOT with other content; nothing was restored.")
    saved = default_storage.save(name, ContentFile(data))
    written.append(saved)
    if saved != name:
        raise RestoreRefused(f"{name} could not be written under its own name; nothing was restored.")


def _restore_rows(lines, header: dict, known: dict, counts: dict[str, int], written: list[str]) -> tuple[int, str]:
    # The rows `migrate` made are replaced by the backup's, whose ids every other row refers to.
    # Only inserts touch the audit trail, which its append-only triggers allow; the maintenance
    # flag is never needed, so the trail stays protected during the whole restore.
    Permission.objects.all().delete()
    ContentType.objects.all().delete()
    AuditChainHead.objects.all().delete()
    batch: list[dict] = []
    current = None
    for line in lines:
        if "file" in line:
            _restore_file(line, written)
            continue
        if line["model"] not in known:
            raise RestoreRefused(f"the backup holds rows of {line['model']}, which this version does not know.")
        if line["model"] != current or len(batch) >= BATCH:
            _insert(known, batch, counts)
            batch, current = [], line["model"]
        batch.append(line)
    _insert(known, batch, counts)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(known.values())):
            cursor.execute(sql)
    ContentType.objects.clear_cache()
    head = AuditChainHead.objects.filter(pk=1).first()
    seq, last_hash = (head.last_seq, head.last_hash) if head else (0, "")
    expected = header.get("audit_head", {})
    report = verify_chain()
    if not report.ok or seq != expected.get("seq") or last_hash != expected.get("hash"):
        raise RestoreRefused(f"the restored audit chain does not verify ({report.reason or 'head differs'}); "
                             "nothing was restored.")
    return seq, last_hash


def _insert(known: dict, batch: list[dict], counts: dict[str, int]) -> None:
    if not batch:
        return
    label = batch[0]["model"]
    model = known[label]
    objects = [d.object for d in serializers.deserialize("python", batch, ignorenonexistent=True)]
    # auto_now fields would stamp the time of the restore; the backup's own values are the truth.
    stamped = [f for f in model._meta.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    saved = [(f, f.auto_now, f.auto_now_add) for f in stamped]
    try:
        for f in stamped:
            f.auto_now = f.auto_now_add = False
        model._default_manager.bulk_create(objects)
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add
    counts[label] = counts.get(label, 0) + len(objects)


def summary(report: BackupReport) -> str:
    text = (f"{sum(report.rows.values())} rows in {len(report.rows)} tables, {report.files} files; "
            f"audit chain head #{report.audit_seq} {report.audit_hash[:12]}")
    if report.missing_files:
        text += (f"; WARNING: {len(report.missing_files)} files named by rows are missing from MEDIA_ROOT: "
                 + ", ".join(report.missing_files[:5]))
    return text
