"""Oversized input is refused, not stored and not held in memory: a 300 MB upload (streamed from the harness, never
held in its memory), a 25 MB text field (API and page form), 20,000 items in a list, JSON nested 10,000 deep.

gunicorn serves the product with DEBUG off. Each request must be refused with a 4xx; metric
oversized_inputs_accepted counts those answered 2xx or 5xx (or whose connection died without an answer) — goal 0.
While the 300 MB upload streams in, the server's processes' resident memory is sampled: upload_rss_growth_mb must
stay far below the upload (goal: under 50 MB). Nothing may be stored: no new attachment, contact or paid slip."""
from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path

import httpx

from reliability.checks import _common
from reliability.run import Result

TITLE = "oversized input: 300 MB upload, 25 MB text, 20,000 items, nested JSON"
PASSWORD = "oversized-pass-2026"
MB = 1024 * 1024
RSS_GOAL_MB = 50

COUNTS = """
from core.models import Attachment
from desk.models import Contact, PaidService
from keys.models import KeySet
from core.models import Project
project = Project.objects.order_by("pk").first()
emit({"attachments": Attachment.objects.count(), "contacts": Contact.objects.count(),
      "paid": PaidService.objects.count(), "project": project.pk,
      "key": KeySet.objects.filter(project=project).order_by("pk").values_list("pk", flat=True).first()})
"""


def _group_rss_mb(pgid: int) -> float:
    """Resident memory of every process in the server's process group (master and workers)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:
                total += int(fields[21]) * 4096
        except (OSError, ValueError, IndexError):
            continue
    return total / MB


def _signed_in(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=120)
    page = client.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    client.post("/accounts/login/", data={"username": "kefu1", "password": PASSWORD, "csrfmiddlewaretoken": token},
                headers={"Referer": base + "/"})
    client.headers.update({"X-CSRFToken": client.cookies.get("csrftoken", ""), "Referer": base + "/"})
    return client


def _big_upload(size: int, boundary: str):
    """A multipart body of `size` bytes of PNG, generated a megabyte at a time."""
    yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nphoto\r\n--{boundary}\r\n"
           f"Content-Disposition: form-data; name=\"file\"; filename=\"big.png\"\r\n"
           f"Content-Type: image/png\r\n\r\n").encode() + b"\x89PNG\r\n\x1a\n"
    chunk = b"\0" * MB
    sent = 8
    while sent < size:
        part = chunk[: min(MB, size - sent)]
        sent += len(part)
        yield part
    yield f"\r\n--{boundary}--\r\n".encode()


def _send(client: httpx.Client, name: str, results: dict, **request) -> None:
    try:
        response = client.request(**request)
        results[name] = response.status_code
        try:
            results[name + ".code"] = response.json().get("code")
        except ValueError:
            results[name + ".code"] = re.findall(r'data-code="(\w+)"', response.text)[:1]
    except httpx.HTTPError as exc:
        results[name] = f"{type(exc).__name__}"


def _attack(server, before: dict, quick: bool) -> tuple[dict, float]:
    client = _signed_in(server.base)
    answers: dict = {}
    # 1. 300 MB upload, streamed, with memory sampled while it goes.
    size = (60 if quick else 300) * MB
    boundary = "propdeskoversized"
    peak, baseline, stop = [0.0], _group_rss_mb(server.proc.pid), threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], _group_rss_mb(server.proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    length = sum(len(part) for part in _big_upload(size, boundary))  # generated twice, never held
    _send(client, "upload_300mb", answers, method="POST", url=f"/attachments/keys.keyset/{before['key']}/",
          content=_big_upload(size, boundary),
          headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "Content-Length": str(length)})
    stop.set()
    sampler.join()
    growth = max(0.0, peak[0] - baseline)
    # 2. 25 MB of text in one field: API and page form.
    text = "长" * (25 * MB // 3)
    contact = {"project": before["project"], "channel": "call", "kind": "enquiry", "person_name": "业主",
               "content": text}
    _send(client, "api_text_25mb", answers, method="POST", url="/api/desk/contacts/", json=contact)
    _send(client, "page_text_25mb", answers, method="POST", url="/desk/contacts/",
          data={k: v for k, v in contact.items() if k != "project"})
    # 3. 20,000 items in one list.
    _send(client, "api_items_20000", answers, method="POST", url="/api/desk/paid/",
          json={"project": before["project"], "person_name": "业主", "items": [{"code": "drain", "quantity": 1}] * 20000})
    # 4. Nested JSON, as arrays and as objects.
    for name, body in (("api_nested_array", "[" * 10000 + "]" * 10000),
                       ("api_nested_object", '{"a":' * 10000 + "1" + "}" * 10000)):
        _send(client, name, answers, method="POST", url="/api/desk/contacts/", content=body,
              headers={"Content-Type": "application/json"})
    client.close()
    return answers, growth


def run(ctx) -> list:
    from bench.run import Server

    workdir = _common.scratch(ctx, "oversized")
    results = []
    for label, url, cleanup in _common.databases(ctx, "oversized", workdir):
        server = None
        try:
            environment = _common.demo_site(ctx, url, password=PASSWORD, media=workdir / "media")
            before = _common.probe(ctx, environment, COUNTS)
            server = Server(environment, workers=2, threads=2)
            answers, growth = _attack(server, before, ctx.quick)
            server.stop()
            server = None
            after = _common.probe(ctx, environment, COUNTS)
            statuses = {k: v for k, v in answers.items() if not k.endswith(".code")}
            accepted = sum(1 for v in statuses.values() if not isinstance(v, int) or v < 400 or v >= 500)
            stored = sum(after[k] - before[k] for k in ("attachments", "contacts", "paid"))
            metrics = {"oversized_inputs_accepted": accepted + stored, "oversized_requests": len(statuses),
                       "upload_rss_growth_mb": round(growth, 1)}
            ok = accepted == 0 and stored == 0 and growth < RSS_GOAL_MB and len(statuses) == 6
            results.append(Result("oversized", label, metrics, ok, json.dumps(answers, ensure_ascii=False)))
        finally:
            if server is not None:
                server.stop()
            cleanup()
    return results
