"""Two clerks, one key, one winner — ten thousand times, over HTTP, on SQLite and PostgreSQL (KEY-LOAN-5)."""
from __future__ import annotations

import asyncio
import random
import time

from bench import load
from reliability.checks import _common, _load
from reliability.run import Result

TITLE = "contested checkouts through the HTTP API"
CLIENTS = 16
CONTESTED_KEYS = 4


async def _contest(base: str, plan: dict, attempts: int) -> dict:
    """Every client lends keys that all clients want; a winner returns its key at once so the fight goes on."""
    sessions = [await load.signed_in(base, plan["issuer"], plan["password"]) for _ in range(CLIENTS)]
    # Each client owns a disjoint slice of each key's approved loans: it never retries a loan another used.
    queues = [{item["key"]: list(item["loans"][i::CLIENTS]) for item in plan["cycle"]} for i in range(CLIENTS)]
    tags = {item["key"]: item["tag"] for item in plan["cycle"]}
    counts = {"attempts": 0, "won": 0, "refused": 0, "errors": 0, "returned": 0}

    async def worker(index: int) -> None:
        client, mine, rnd = sessions[index], queues[index], random.Random(index)
        while counts["attempts"] < attempts:
            key = rnd.choice(list(mine))
            if not mine[key]:
                return
            loan = mine[key][0]
            counts["attempts"] += 1
            try:
                out = await client.post(f"/api/keys/loans/{loan}/checkout/", json={
                    "scanned": tags[key], "pieces_counted": 1, "borrower_password": plan["password"]})
            except Exception:  # the server is supposed to answer; count and go on
                counts["errors"] += 1
                continue
            if out.status_code == 200:
                counts["won"] += 1
                mine[key].pop(0)
                back = await client.post(f"/api/keys/loans/{loan}/return/", json={
                    "scanned": tags[key], "pieces_returned": 1})
                counts["returned"] += back.status_code == 200
            elif out.status_code == 409:
                counts["refused"] += 1
            else:
                counts["errors"] += 1

    await asyncio.gather(*(worker(i) for i in range(CLIENTS)))
    for client in sessions:
        await client.aclose()
    return counts


OVERLAPS = """
from keys.models import KeyLoan
overlaps, lent_now = 0, 0
by_key = {}
for key_id, out, back in (KeyLoan.objects.exclude(checked_out_at=None).filter(serial__startswith="CYL")
                          .order_by("key_id", "checked_out_at").values_list("key_id", "checked_out_at", "returned_at")):
    previous = by_key.get(key_id)
    if previous is not None and (previous is True or out < previous):
        overlaps += 1
    by_key[key_id] = True if back is None else back
emit({"double_lends": overlaps})
"""


def run(ctx) -> list:
    attempts = 1_000 if ctx.quick else 10_000
    workdir = _common.scratch(ctx, "contested")
    results = []
    for label, url, cleanup in _common.databases(ctx, "contested", workdir):
        server = None
        try:
            loans_per_key = attempts // CONTESTED_KEYS + CLIENTS * 4
            server, plan, environment = _load.serve_seeded(ctx, url, workdir, keys=CONTESTED_KEYS,
                                                            loans_per_key=loans_per_key,
                                                            workers=4, threads=1 if label == "sqlite" else 4)
            started = time.monotonic()
            counts = asyncio.run(_contest(server.base, plan, attempts))
            seconds = time.monotonic() - started
            server.stop()
            server = None
            double = _common.probe(ctx, environment, OVERLAPS)["double_lends"]
            metrics = {"contested_checkouts": counts["attempts"], "double_lends": double,
                       "contested_won": counts["won"], "contested_errors": counts["errors"]}
            ok = double == 0 and counts["errors"] == 0 and counts["won"] == counts["returned"]
            results.append(Result("contested", label, metrics, ok,
                                  f"{counts['attempts'] / seconds:.0f} attempts/s, {counts['refused']} refused"))
        finally:
            if server is not None:
                server.stop()
            cleanup()
    return results
