"""No Excel export carries a formula: text starting with = + - @, tab or CR is written quote-prefixed (core/xlsx.py).

On the demo data, payloads that a spreadsheet would run (=HYPERLINK(...), +1, -1, @SUM(...), a tab or CR first)
go into records: a contact registered through the desk's service with them as the caller's name and content, and
then every free-text column of every record of the key room, duty desk and front desk, of residents, units and
staff names (written straight to the rows, so no column that reaches an export is left out). Every Excel export
the product has (every route ending in .xlsx, found by walking the URL resolver) is downloaded as several roles
and opened with openpyxl. Metric: export_formula_cells, cells that are a formula or whose text starts with one of
those characters without Excel's quote prefix (goal 0); payload_cells shows the payloads did reach the exports."""
from __future__ import annotations

from reliability.checks import _common
from reliability.run import Result

TITLE = "Excel exports: payloads starting with = + - @ tab CR stay text"

PROBE = r'''
import io
from django.apps import apps
from django.db import models, transaction
from django.test import Client
from openpyxl import load_workbook

from core.models import Project, User
from reliability.checks._page_walk import targets

LEADS = ("=", "+", "-", "@", "\t", "\r", "\n")
PAYLOADS = ['=HYPERLINK("http://x.example/{n}","点我")', "+1+{n}", "-{n}+1", "@SUM(A1:A{n})", "\t=1+{n}", "\r=1+{n}"]
SKIP_FIELDS = {"password", "username", "email", "tag_token", "sha256", "hash", "prev_hash", "file", "mime_type",
               "image", "link", "status", "kind", "role", "serial", "slip_number", "token", "code"}
project = Project.objects.order_by("pk").first()

from desk.services import intake
contact = intake.register_contact(project=project, received_by=User.objects.get(username="kefu1"), channel="call",
                                  kind="enquiry", person_name=PAYLOADS[0].format(n=0), content=PAYLOADS[1].format(n=0))

written = 0
labels = [m for m in apps.get_models() if m._meta.app_label in ("keys", "duty", "desk")]
labels += [apps.get_model(l) for l in ("core.Resident", "core.Unit", "core.Building", "core.User")]
for model in labels:
    fields = [f for f in model._meta.concrete_fields
              if isinstance(f, (models.CharField, models.TextField)) and not f.choices and not f.primary_key
              and f.name not in SKIP_FIELDS and not f.name.endswith(("_token", "_hash"))
              and (isinstance(f, models.TextField) or (f.max_length or 0) >= 12)]
    if not fields:
        continue
    for n, pk in enumerate(model.objects.values_list("pk", flat=True)[:400]):
        values = {}
        for i, f in enumerate(fields):
            text = PAYLOADS[(n + i) % len(PAYLOADS)].format(n=n)
            values[f.attname] = text[: f.max_length] if f.max_length else text
        try:
            with transaction.atomic():
                model.objects.filter(pk=pk).update(**values)
            written += 1
        except Exception:  # a column with a unique or check constraint keeps its value
            pass

exports = sorted({t["url"] for t in targets() if ".xlsx" in t["url"] and "/import/" not in t["url"]
                  and not t.get("wrong")})
formula_cells = payload_cells = files = 0
bad, answered = [], {}
for role in ("jingli", "kefu1", "kfzg", "xingzheng", "gongcheng1"):
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username=role))
    for url in exports:
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("application/vnd.openxml"):
            answered.setdefault(url, response.status_code)
            continue
        answered[url] = 200
        files += 1
        book = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming
                                        else response.content))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    value = cell.value
                    if cell.data_type == "f" or (isinstance(value, str) and value.startswith(LEADS)
                                                 and not cell.quotePrefix):
                        formula_cells += 1
                        if len(bad) < 10:
                            bad.append(f"{role} {url} {cell.coordinate}: {value!r}"[:160])
                    elif isinstance(value, str) and value.startswith(LEADS):
                        payload_cells += 1
emit({"export_formula_cells": formula_cells, "payload_cells": payload_cells, "exports": len(exports),
      "exports_answered": sum(1 for s in answered.values() if s == 200), "files": files, "rows_written": written,
      "not_answered": {u: s for u, s in answered.items() if s != 200}, "bad": bad})
'''


def run(ctx) -> list:
    workdir = _common.scratch(ctx, "export_formulas")
    results = []
    for label, url, cleanup in _common.databases(ctx, "export_formulas", workdir):
        try:
            environment = _common.env(ctx, url, DJANGO_SETTINGS_MODULE="bench.settings",
                                      PROPDESK_MEDIA_ROOT=str(workdir / "media"))
            _common.manage(ctx, environment, "migrate", "--noinput", "-v0")
            _common.manage(ctx, environment, "demo_data")
            found = _common.probe(ctx, environment, PROBE)
            metrics = {"export_formula_cells": found["export_formula_cells"], "export_payload_cells": found["payload_cells"],
                       "excel_exports_checked": found["exports_answered"]}
            ok = (found["export_formula_cells"] == 0 and found["payload_cells"] > 0
                  and found["exports_answered"] == found["exports"])
            note = f"{found['files']} files from {found['exports']} exports, {found['rows_written']} rows given payloads"
            if found["bad"] or found["not_answered"]:
                note += f"; {found['bad'][:3]} unanswered: {found['not_answered']}"
            results.append(Result("export_formulas", label, metrics, ok, note))
        finally:
            cleanup()
    return results
