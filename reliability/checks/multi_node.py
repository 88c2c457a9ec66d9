"""Two app servers behind one PostgreSQL, Redis and a Celery worker: one server killed under load (SIGKILL),
the worker killed mid-relay and restarted; no acknowledged operation and no notification may be lost.

Clients lend and take back keys, each talking to its own server and switching to the other when its
server dies (what a load balancer does). Meanwhile notifications are queued in the database (the outbox)
and the Celery worker relays them to the "file" channel; the worker is killed and started again. At the
end every acknowledged operation must be in the database, the audit chain must verify, and every queued
notification must have reached the channel (a repeat after the worker's kill carries the same dedupe
key, which the receiver drops; they are counted as redelivered, not lost)."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time

from bench import load
from reliability.checks import _common, _load
from reliability.checks.killed import _check_acked
from reliability.run import Result

TITLE = "two app servers + Celery worker: one server and the worker killed under load"
CLIENTS = 8
REDIS_URL = os.environ.get("RELIABILITY_REDIS_URL", "redis://127.0.0.1:6379/14")

QUEUE = """
import time
from core import notifications
from core.models import Project, User
project = Project.objects.order_by("pk").first()
people = list(User.objects.filter(memberships__project=project).distinct()[:10])
made = 0
for round_ in range(ROUNDS):
    for person in people:
        made += notifications.notify(project=project, recipient=person, kind="reliability.multi_node",
                                     title=f"提醒 {round_}", dedupe_key=f"reliability.multi_node:{round_}:{person.pk}")
    time.sleep(0.02)
emit({"queued": made})
"""

VERDICT = """
from core import outbox
from core.models import Notification
keys = set(Notification.objects.filter(kind="reliability.multi_node").values_list("dedupe_key", flat=True))
with open(OUTBOX_FILE, encoding="utf-8") as handle:
    delivered = outbox.delivered_keys(handle)
emit({"queued": len(keys), "pending": outbox.pending_count(), "lost": len(keys - set(delivered)),
      "redelivered": len(delivered) - len(set(delivered))})
"""


def _worker(ctx, environment: dict, workdir) -> subprocess.Popen:
    return subprocess.Popen(
        [ctx.python, "-m", "celery", "-A", "config", "worker", "-B", "--concurrency", "1", "--loglevel", "WARNING",
         "-s", str(workdir / "beat-schedule"), "--without-gossip", "--without-mingle"],
        cwd=ctx.root, env=environment, start_new_session=True,
        stdout=open(workdir / "celery.log", "ab"), stderr=subprocess.STDOUT)


def _kill(proc) -> None:
    if proc is not None and proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


async def _drive(servers: list, cycle: list, plan: dict, acked: list, seconds: float, kill_first) -> None:
    """Each client starts on server i % 2 and moves to the other one when its server stops answering."""
    pairs = []
    for index in range(CLIENTS):
        pairs.append([await load.signed_in(s.base, plan["issuer"], plan["password"]) for s in servers])
    deadline = time.perf_counter() + seconds

    async def worker(index: int) -> None:
        current = index % 2
        mine = cycle[index::CLIENTS]
        n = 0
        while time.perf_counter() < deadline:
            item = mine[n % len(mine)]
            if n // len(mine) >= len(item["loans"]):
                return
            loan = item["loans"][n // len(mine)]
            n += 1
            for attempt in range(2):
                client = pairs[index][current]
                try:
                    out = await client.post(f"/api/keys/loans/{loan}/checkout/", json={
                        "scanned": item["tag"], "pieces_counted": 1, "borrower_password": plan["password"]})
                    if out.status_code == 200:
                        acked.append((loan, "lent"))
                        back = await client.post(f"/api/keys/loans/{loan}/return/", json={
                            "scanned": item["tag"], "pieces_returned": 1})
                        if back.status_code == 200:
                            acked.append((loan, "returned"))
                    break
                except Exception:  # the server died: fail over; this loan's fate is unknown, so skip it
                    current = 1 - current
                    break

    async def killer() -> None:
        while len(acked) < 60 and time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)
        kill_first()

    await asyncio.gather(*(worker(i) for i in range(CLIENTS)), killer(), return_exceptions=True)
    for pair in pairs:
        for client in pair:
            try:
                await client.aclose()
            except Exception:
                pass


def run(ctx) -> list:
    import redis

    seconds = 8.0 if ctx.quick else 20.0
    workdir = _common.scratch(ctx, "multi_node")
    outbox_file = workdir / "outbox.jsonl"
    name = "propdesk_rel_multi_node"
    url = _common.pg_create(ctx, name)
    servers, worker, queue = [], None, None
    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
        first, plan, environment = _load.serve_seeded(ctx, url, workdir, keys=32, loans_per_key=200, workers=2,
                                                      threads=4)
        servers.append(first)
        environment.update(CELERY_BROKER_URL=REDIS_URL, PROPDESK_NOTIFICATION_CHANNEL="file",
                           PROPDESK_OUTBOX_FILE=str(outbox_file), PROPDESK_RELAY_SECONDS="0.5")
        servers.append(_load.Server(environment, workers=2, threads=4))
        worker = _worker(ctx, environment, workdir)
        rounds = 60 if ctx.quick else 200
        queue = subprocess.Popen([ctx.python, "-c", _common.PRELUDE + QUEUE.replace("ROUNDS", str(rounds))],
                                 cwd=ctx.root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        acked: list = []
        killed = {}

        def kill_first() -> None:
            os.killpg(servers[0].proc.pid, signal.SIGKILL)
            killed["server"] = len(acked)

        asyncio.run(_drive(servers, plan["cycle"], plan, acked, seconds, kill_first))
        # The worker dies mid-relay too, and comes back.
        _kill(worker)
        queue.wait(timeout=300)
        worker = _worker(ctx, environment, workdir)
        limit = time.monotonic() + 120
        verdict = {}
        while time.monotonic() < limit:
            verdict = _common.probe(ctx, environment, VERDICT.replace("OUTBOX_FILE", repr(str(outbox_file))))
            if verdict["pending"] == 0 and verdict["queued"] > 0:
                break
            time.sleep(1)
        acked_verdict = _check_acked(ctx, environment, acked)
        after_kill = len(acked) - killed.get("server", len(acked))
        metrics = {"multi_node_acked_ops": len(acked), "multi_node_acked_lost": acked_verdict["lost"],
                   "multi_node_audit_ok": acked_verdict["audit_ok"], "outbox_queued": verdict.get("queued", 0),
                   "outbox_lost": verdict.get("lost", -1), "outbox_redelivered": verdict.get("redelivered", 0)}
        ok = (acked_verdict["lost"] == 0 and acked_verdict["audit_ok"] and after_kill > 0 and "server" in killed
              and verdict.get("lost") == 0 and verdict.get("pending") == 0 and verdict.get("queued", 0) > 0)
        note = (f"server A killed after {killed.get('server')} acked ops, {after_kill} more on server B; "
                f"worker killed and restarted; {verdict.get('queued')} notifications, "
                f"{verdict.get('pending')} still pending")
        return [Result("multi_node", "postgresql", metrics, ok, note)]
    finally:
        for server in servers:
            try:
                server.stop()
            except Exception:
                pass
        _kill(worker)
        if queue is not None and queue.poll() is None:
            queue.kill()
        _common.pg_drop(ctx, name)
