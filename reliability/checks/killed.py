"""No acknowledged operation is lost when the server is killed mid-load (SIGKILL), and no notification is
lost or delivered twice when the Celery worker is killed mid-relay, on SQLite and PostgreSQL.

Clients lend and take back keys and write down every operation the server acknowledged (HTTP 200). The
whole gunicorn process group is killed with SIGKILL while requests are in flight, then started again and
the load resumed; finally every acknowledged operation must be in the database and the audit chain verify.

Then thousands of notifications are queued (the outbox; there must be some pending before the kill) and a
Celery worker with Redis relays them to the "file" channel. The worker (its whole process group: beat and
the pool) is killed with SIGKILL while it is relaying — lines already in the file, rows still pending —
several times, restarted each time; at the end every notification must be in the file exactly once."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time

from bench import load
from reliability.checks import _common, _load
from reliability.run import Result

TITLE = "acknowledged operations survive SIGKILL; notifications survive a killed Celery worker exactly once"
CLIENTS = 8
REDIS_URL = os.environ.get("RELIABILITY_KILLED_REDIS_URL", "redis://127.0.0.1:6379/13")
KILLS = 3

QUEUE = """
from core import notifications, outbox
from core.models import Project, User
project = Project.objects.order_by("pk").first()
people = list(User.objects.filter(memberships__project=project).distinct().order_by("pk")[:10])
made = 0
for i in range(COUNT):
    made += notifications.notify(project=project, recipient=people[i % len(people)], kind="reliability.killed",
                                 title=f"提醒 {i}", dedupe_key=f"reliability.killed:{i}")
emit({"queued": made, "pending": outbox.pending_count()})
"""

VERDICT = """
from core import outbox
from core.models import Notification
keys = set(Notification.objects.filter(kind="reliability.killed").values_list("dedupe_key", flat=True))
with open(OUTBOX_FILE, encoding="utf-8") as handle:
    delivered = [k for k in outbox.delivered_keys(handle) if k.startswith("reliability.killed:")]
emit({"queued": len(keys), "pending": outbox.pending_count(), "lost": len(keys - set(delivered)),
      "duplicated": len(delivered) - len(set(delivered)), "strays": len(set(delivered) - keys)})
"""


async def _lend_and_return(base: str, cycle: list, plan: dict, acked: list, seconds: float) -> None:
    """Each client works through its own keys; every 200 is recorded as (loan, operation)."""
    sessions = [await load.signed_in(base, plan["issuer"], plan["password"]) for _ in range(CLIENTS)]
    deadline = time.perf_counter() + seconds

    async def worker(index: int) -> None:
        client = sessions[index]
        mine = cycle[index::CLIENTS]
        n = 0
        while time.perf_counter() < deadline:
            item = mine[n % len(mine)]
            loans = item["loans"]
            if n // len(mine) >= len(loans):
                return
            loan = loans[n // len(mine)]
            n += 1
            try:
                out = await client.post(f"/api/keys/loans/{loan}/checkout/", json={
                    "scanned": item["tag"], "pieces_counted": 1, "borrower_password": plan["password"]})
                if out.status_code != 200:
                    continue
                acked.append((loan, "lent"))
                back = await client.post(f"/api/keys/loans/{loan}/return/", json={
                    "scanned": item["tag"], "pieces_returned": 1})
                if back.status_code == 200:
                    acked.append((loan, "returned"))
            except Exception:  # the server died under us: what was not acknowledged may be lost
                return

    await asyncio.gather(*(worker(i) for i in range(CLIENTS)), return_exceptions=True)
    for client in sessions:
        try:
            await client.aclose()
        except Exception:
            pass


async def _load_then_kill(server, cycle: list, plan: dict, acked: list, seconds: float) -> None:
    async def killer() -> None:
        # Kill mid-load: once the clients are well under way, with requests certainly in flight.
        limit = time.perf_counter() + seconds
        while len(acked) < 40 and time.perf_counter() < limit:
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)
        os.killpg(server.proc.pid, signal.SIGKILL)  # master and workers, no chance to flush anything

    await asyncio.gather(_lend_and_return(server.base, cycle, plan, acked, seconds * 3), killer())


def _check_acked(ctx, environment: dict, acked: list) -> dict:
    """Loans whose last acknowledged operation is not reflected in the database."""
    final = {}
    for loan, operation in acked:
        if operation == "returned" or final.get(loan) != "returned":
            final[loan] = operation
    code = f"""
from keys.models import KeyLoan
expected = {final!r}
status = dict(KeyLoan.objects.filter(pk__in=list(expected)).values_list("pk", "status"))
lost = [pk for pk, op in expected.items()
        if status.get(pk) not in ({{"lent": ("lent", "returned"), "returned": ("returned",)}}[op])]
from core.audit import verify_chain
report = verify_chain()
emit({{"lost": len(lost), "audit_ok": report.ok, "checked": report.checked, "reason": report.reason}})
"""
    return _common.probe(ctx, environment, code)


def _worker(ctx, environment: dict, workdir) -> subprocess.Popen:
    return subprocess.Popen(
        [ctx.python, "-m", "celery", "-A", "config", "worker", "-B", "--concurrency", "1", "--loglevel", "WARNING",
         "-s", str(workdir / "beat-schedule"), "--without-gossip", "--without-mingle"],
        cwd=ctx.root, env=environment, start_new_session=True,
        stdout=open(workdir / "celery.log", "ab"), stderr=subprocess.STDOUT)


def _lines(path) -> int:
    try:
        with open(path, "rb") as handle:
            return handle.read().count(b"\n")
    except FileNotFoundError:
        return 0


def _kill_worker_mid_relay(ctx, environment: dict, workdir, outbox_file, queued: int) -> int:
    """Start the worker, SIGKILL its process group as soon as it has relayed part of the outbox; repeat.
    Returns how many kills landed mid-flight (some lines written, some notifications not yet)."""
    mid_flight = 0
    for _ in range(KILLS):
        start = _lines(outbox_file)
        worker = _worker(ctx, environment, workdir)
        try:
            limit = time.monotonic() + 90
            while time.monotonic() < limit and _lines(outbox_file) == start and worker.poll() is None:
                time.sleep(0.005)
            written = _lines(outbox_file)
            os.killpg(worker.pid, signal.SIGKILL)  # pool, beat and all: nothing may flush or commit
            worker.wait(timeout=30)
            mid_flight += start < written < queued + start
        finally:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(timeout=30)
    return mid_flight


def _notifications(ctx, label: str, environment: dict, workdir) -> dict:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    outbox_file = workdir / f"outbox-{label}.jsonl"
    outbox_file.unlink(missing_ok=True)
    environment = dict(environment, CELERY_BROKER_URL=REDIS_URL, PROPDESK_NOTIFICATION_CHANNEL="file",
                       PROPDESK_OUTBOX_FILE=str(outbox_file), PROPDESK_RELAY_SECONDS="0.5")
    count = 3000 if ctx.quick else 12000
    queued = _common.probe(ctx, environment, QUEUE.replace("COUNT", str(count)))
    mid_flight = _kill_worker_mid_relay(ctx, environment, workdir, outbox_file, queued["pending"])
    worker = _worker(ctx, environment, workdir)
    code = VERDICT.replace("OUTBOX_FILE", repr(str(outbox_file)))
    try:
        limit = time.monotonic() + 180
        verdict = _common.probe(ctx, environment, code)
        while verdict["pending"] and time.monotonic() < limit:
            time.sleep(1)
            verdict = _common.probe(ctx, environment, code)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    verdict = _common.probe(ctx, environment, code)
    return {"pending_before": queued["pending"], "mid_flight": mid_flight, **verdict}


def run(ctx) -> list:
    seconds = 6.0 if ctx.quick else 20.0
    workdir = _common.scratch(ctx, "killed")
    results = []
    for label, url, cleanup in _common.databases(ctx, "killed", workdir):
        server = None
        try:
            server, plan, environment = _load.serve_seeded(ctx, url, workdir, keys=32, loans_per_key=200,
                                                            workers=4, threads=1 if label == "sqlite" else 4)
            acked: list = []
            # Keys lent when the server died stay lent (rightly): after the restart other keys are used.
            half = len(plan["cycle"]) // 2
            asyncio.run(_load_then_kill(server, plan["cycle"][:half], plan, acked, seconds))
            server.proc.wait(timeout=30)
            before = len(acked)
            # Restarted, the service carries on where it was (later loans of the same keys).
            server = _load.Server(environment, workers=4, threads=1 if label == "sqlite" else 4)
            asyncio.run(_lend_and_return(server.base, plan["cycle"][half:], plan, acked, seconds / 2))
            server.stop()
            server = None
            verdict = _check_acked(ctx, environment, acked)
            sent = _notifications(ctx, label, environment, workdir)
            metrics = {"acked_ops": len(acked), "acked_ops_lost": verdict["lost"],
                       "audit_chain_ok": verdict["audit_ok"],
                       "notifications_pending_before_kill": sent["pending_before"],
                       "worker_kills_mid_relay": sent["mid_flight"], "notifications_lost": sent["lost"],
                       "notifications_duplicated": sent["duplicated"]}
            ok = (verdict["lost"] == 0 and verdict["audit_ok"] and before > 0 and len(acked) > before
                  and sent["pending_before"] > 0 and sent["mid_flight"] >= 1 and sent["lost"] == 0
                  and sent["duplicated"] == 0 and sent["pending"] == 0 and sent["strays"] == 0)
            results.append(Result("killed", label, metrics, ok,
                                  f"{before} acked before the kill, {len(acked) - before} after the restart; "
                                  f"{verdict['checked']} audit events verified {verdict['reason']}; "
                                  f"{sent['pending_before']} notifications pending, worker killed "
                                  f"{KILLS}× ({sent['mid_flight']} mid-relay), {sent['pending']} still pending"))
        finally:
            if server is not None:
                server.stop()
            cleanup()
    return results
