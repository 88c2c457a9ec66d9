"""No acknowledged operation is lost when the server is killed mid-load (SIGKILL), on SQLite and PostgreSQL.

Clients lend and take back keys and write down every operation the server acknowledged (HTTP 200). The
whole gunicorn process group is killed with SIGKILL while requests are in flight, then started again and
the load resumed; finally every acknowledged operation must be in the database and the audit chain verify."""
from __future__ import annotations

import asyncio
import os
import signal
import time

from bench import load
from reliability.checks import _common, _load
from reliability.run import Result

TITLE = "acknowledged operations survive SIGKILL"
CLIENTS = 8


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
            metrics = {"acked_ops": len(acked), "acked_ops_lost": verdict["lost"],
                       "audit_chain_ok": verdict["audit_ok"]}
            ok = verdict["lost"] == 0 and verdict["audit_ok"] and before > 0 and len(acked) > before
            results.append(Result("killed", label, metrics, ok,
                                  f"{before} acked before the kill, {len(acked) - before} after the restart; "
                                  f"{verdict['checked']} audit events verified {verdict['reason']}"))
        finally:
            if server is not None:
                server.stop()
            cleanup()
    return results
