"""ID numbers and ID copies are never stored in plaintext (CORE-3), wherever they could come to rest.

CORE-3 promises ID-card numbers and identity-document copies encrypted at rest (phone numbers are masked
on screen, not encrypted at rest, so they are not scanned). The check finds the columns that hold ID
numbers from the models themselves — every field whose class says it encrypts, every column whose name
says id_number / id_card — and puts real ID numbers into each of those models through the product's own
paths (the API for repair-key pickups, the services for residents, deposit collections, the archive room's
outsider readings and the front desk's visitors and access passes), with ID
copies attached. Then every ID number is searched for, in plain and lower case:

  - in every text column of every table, read with raw SQL (audit event data, notifications included);
  - in the notification outbox as delivered (the "file" channel's lines);
  - in a backup written by `manage.py backup`;
  - in every file under MEDIA_ROOT (ID copies must not even be recognisable images or PDFs).

A model that holds ID numbers but gets no sample here fails the check (`pii_models_unsampled`), so a new
one cannot slip past it. Runs on SQLite and PostgreSQL."""
from __future__ import annotations

import gzip
from pathlib import Path

from reliability.checks import _common as c
from reliability.run import Result

TITLE = "personal data at rest (ID numbers, ID copies) on SQLite and PostgreSQL: tables, outbox, backup, files"

CREATE = """
import random, re
from django.apps import apps
from django.db import connection
from rest_framework.test import APIClient
from core import attachments, outbox, pii
from core.backup import write_backup
from core.models import AttachmentKind, Attachment, Project, Resident, Unit, User
from core.models.records import SENSITIVE_KINDS
from pathlib import Path

NAME = re.compile(r"id_?number|id_?card|identity_?(no|number)|citizen", re.I)
pii_models = {}
for model in apps.get_models():
    for field in model._meta.concrete_fields:
        encrypting = "encrypt" in type(field).__name__.lower()
        if encrypting or (NAME.search(field.name) and not field.name.endswith(("_hint", "_digest"))):
            pii_models.setdefault(model._meta.label_lower, []).append(field.column)

project = Project.objects.order_by("pk").first()
clerk = User.objects.get(username="kefu1")
supervisor = User.objects.get(username="kfzg")
rng = random.Random(7)
SIG = "data:image/png;base64," + "iVBORw0KGgo" * 30
ids = []

def new_id():
    number = "".join(rng.choice("0123456789") for _ in range(17)) + rng.choice("0123456789X")
    ids.append(number)
    return number

def id_copy(number):
    return b"\\x89PNG\\r\\n\\x1a\\n" + ("身份证 " + number).encode() * 20

sampled = {}
units = list(Unit.objects.filter(project=project).order_by("pk")[:COUNT])

# core.Resident: the product's own setter, an ID copy attached.
for i in range(COUNT):
    number = new_id()
    resident = Resident(project=project, name=f"住户{i}", phone="1380000%04d" % i)
    pii.set_id_number(resident, number)
    resident.save()
    resident.units.add(units[i % len(units)])
    if i < 5:
        attachments.attach(target=resident, project=project, uploaded_by=clerk, name="id.png", data=id_copy(number),
                           kind=AttachmentKind.ID_COPY)
    sampled["core.resident"] = sampled.get("core.resident", 0) + 1

# keys.RepairPickup: over the API, as the clerk at the desk would (a family member with an ID card).
api = APIClient()
api.force_login(clerk)
for i in range(min(COUNT, 10)):
    unit = units[i % len(units)]
    key = api.post("/api/keys/keys/", {"project": project.pk, "category": "repair", "name": f"返修{i}", "pieces": 1,
                                       "storage": "R-1", "unit": unit.pk}, format="json")
    assert key.status_code == 201, key.content
    number = new_id()
    answer = api.post("/api/keys/repair-pickups/", {"key": key.json()["id"], "picker_name": f"家属{i}",
                                                    "relation": "family", "id_kind": "id_card",
                                                    "id_number": number, "owner_consent": True}, format="json")
    assert answer.status_code == 201, answer.content
    assert number not in answer.content.decode(), "the API answer shows the ID number in full"
    sampled["keys.repairpickup"] = sampled.get("keys.repairpickup", 0) + 1

# keys.DepositCollection: a deposited key collected by a relative who shows an ID card (copy kept).
from keys.services import deposit as deposits
for i in range(min(COUNT, 5)):
    resident = Resident.objects.filter(project=project, name=f"住户{i}").first()
    unit = resident.units.first()
    deposit = deposits.deposit_key(project=project, received_by=clerk, resident=resident, unit=unit, pieces=1,
                                   purpose="出差寄存", sealed=False, signer_name=resident.name,
                                   signature_image=SIG, storage="D-1")
    number = new_id()
    deposits.collect_deposit(deposit=deposit, handed_by=clerk, collector_kind="relative",
                             collector_name=f"亲属{i}", signer_image=SIG, id_number=number,
                             document=("id.png", id_copy(number)), consent_call_made=True)
    sampled["keys.depositcollection"] = sampled.get("keys.depositcollection", 0) + 1

# archives.OutsiderReading, desk.AccessPass, desk.Visitor: the registers of the archive room and the front desk,
# through their services, as the archivist and the desk clerk would keep them.
import datetime as dt
from core import clock
from core.permissions import staff_in_policy_roles
from archives.models import Volume
from archives.services import outsiders
from desk.services import passes_access, visitors
archivist = staff_in_policy_roles(project, "archives.keeper_roles")[0]
desk_clerk = staff_in_policy_roles(project, "desk.registers.staff_roles")[0]
issuer = staff_in_policy_roles(project, "desk.passes.issuer_roles")[0]
volume = Volume.objects.filter(project=project, status="open", category__confidential=False).order_by("pk").first()
for i in range(min(COUNT, 5)):
    outsiders.register(volume=volume, registered_by=archivist, visitor_name=f"来访{i}", visitor_unit="审计所",
                       id_number=new_id(), purpose="查阅合同")
    sampled["archives.outsiderreading"] = sampled.get("archives.outsiderreading", 0) + 1
    passes_access.issue(project=project, issued_by=issuer, holder_name=f"装修工{i}", id_number=new_id(),
                        company_name="装饰公司", purpose="装修", valid_from=clock.today(),
                        valid_until=clock.today() + dt.timedelta(days=7), unit=units[i % len(units)])
    sampled["desk.accesspass"] = sampled.get("desk.accesspass", 0) + 1
    visitor = visitors.register_visitor(project=project, registered_by=desk_clerk, visitor_name=f"访客{i}",
                                        id_type="resident_card", id_number=new_id(), host_kind="resident",
                                        unit=units[i % len(units)], purpose="探亲")
    if i == 0:  # a visitor who shows identification only after registering
        visitor = visitors.register_visitor(project=project, registered_by=desk_clerk, visitor_name="访客补证",
                                            host_kind="resident", unit=units[0], purpose="探亲")
        passport = "E" + new_id()[:8]
        ids[-1] = passport  # the needle searched for is the passport number as shown
        visitors.show_identification(visitor=visitor, recorded_by=desk_clerk, id_type="passport", id_number=passport)
    sampled["desk.visitor"] = sampled.get("desk.visitor", 0) + 1

# Reveals are audited: the audit trail must name the field, never hold the number.
for resident in Resident.objects.filter(project=project, name__startswith="住户").order_by("pk")[:3]:
    reveal = APIClient()
    reveal.force_login(supervisor)
    answer = reveal.post(f"/api/residents/{resident.pk}/reveal/", {"field": "id_number", "reason": "核对身份"},
                         format="json")
    assert answer.status_code == 200, answer.content

relayed = outbox.relay()
backup_file = Path(BACKUP)
write_backup(backup_file)

# Every text column of every table, raw.
cells, where, scanned_columns, rows = 0, {}, 0, 0
needles = ids + [n.lower() for n in ids if n.endswith("X")]
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names()):
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        columns = [d[0] for d in cursor.description]
        scanned_columns += len(columns)
        for row in cursor.fetchall():
            rows += 1
            for column, value in zip(columns, row):
                if isinstance(value, memoryview):
                    value = bytes(value)
                if isinstance(value, bytes):
                    value = value.decode("utf-8", "replace")
                if value is None or not isinstance(value, str):
                    if isinstance(value, (dict, list)):
                        value = repr(value)
                    else:
                        continue
                if any(n in value for n in needles):
                    cells += 1
                    where[f"{table}.{column}"] = where.get(f"{table}.{column}", 0) + 1
copies = [a.file.path for a in Attachment.objects.filter(kind__in=list(SENSITIVE_KINDS))]
emit({"copies": copies, "ids": ids, "plaintext": cells, "where": where, "columns": scanned_columns, "rows": rows,
      "pii_models": pii_models, "sampled": sampled, "relayed": relayed})
"""


def _text_of(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", "replace")


def _on(ctx, label: str, url: str, workdir: Path) -> Result:
    media = workdir / f"media-{label}"
    outbox_file = workdir / f"outbox-{label}.jsonl"
    backup_file = workdir / f"backup-{label}.jsonl.gz"
    outbox_file.unlink(missing_ok=True)
    env = c.env(ctx, url, PROPDESK_MEDIA_ROOT=str(media), PROPDESK_NOTIFICATION_CHANNEL="file",
                PROPDESK_OUTBOX_FILE=str(outbox_file))
    c.manage(ctx, env, "migrate", "--noinput", "-v0")
    c.manage(ctx, env, "demo_data")
    count = 10 if ctx.quick else 50
    report = c.probe(ctx, env, CREATE.replace("COUNT", str(count)).replace("BACKUP", repr(str(backup_file))))
    ids = report["ids"]
    needles = ids + [n.lower() for n in ids if n.endswith("X")]
    files = [Path(p) for p in report["copies"]]
    blobs = [p.read_bytes() for p in files]
    # Every file on disk must be free of the ID numbers; ID copies must not even be recognisable images.
    everything = [p.read_bytes() for p in media.rglob("*") if p.is_file()]
    plain_files = (sum(1 for b in blobs if b.startswith((b"\x89PNG", b"%PDF", b"\xff\xd8\xff")))
                   + sum(1 for b in everything if any(n.encode() in b for n in needles)))
    outbox_text = outbox_file.read_text(encoding="utf-8") if outbox_file.exists() else ""
    in_outbox = sum(1 for n in needles if n in outbox_text)
    backup_text = _text_of(backup_file)
    in_backup = sum(1 for n in needles if n in backup_text)
    unsampled = sorted(set(report["pii_models"]) - set(report["sampled"]))
    metrics = {"pii_plaintext_at_rest": report["plaintext"], "id_copy_files_plaintext": plain_files,
               "pii_plaintext_in_outbox": in_outbox, "pii_plaintext_in_backup": in_backup,
               "pii_models": len(report["pii_models"]), "pii_models_unsampled": len(unsampled)}
    ok = (report["plaintext"] == 0 and plain_files == 0 and in_outbox == 0 and in_backup == 0 and not unsampled
          and len(files) >= 5 and len(report["pii_models"]) >= 3 and len(ids) > 0)
    note = (f"{len(ids)} ID numbers in {sorted(report['sampled'])}; {report['rows']} rows, "
            f"{report['columns']} columns of every table scanned, {report['relayed']} notifications relayed, "
            f"{len(files)} ID copies, {len(everything)} files, backup {backup_file.stat().st_size} bytes")
    if report["where"]:
        note += f"; plaintext in {report['where']}"
    if unsampled:
        note += f"; models holding ID numbers without a sample: {unsampled}"
    return Result("pii_at_rest", label, metrics, ok, note)


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
