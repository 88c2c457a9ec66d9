"""Repairs under load: PropDesk beside the peer, history growth and cross-project writes, in one run (issue 17).

Called by bench.run (the `desk` phase). Every figure is a ratio of rounds measured in this run, alternating
A B A B so that a noisy neighbour on the machine lands on both sides:
- peer_ratio_state_change: repair slip issued (our slowest state change) ÷ follow-up with a status change;
- peer_ratio_create: repair reported ÷ ticket created;  peer_ratio_list: repairs register page ÷ ticket list
  page and its data (req/s, PropDesk ÷ django-helpdesk, both at 50,000 records, same gunicorn settings);
- history_growth: for create, dispatch and the desk page, time per request in the project with `big` repairs
  ÷ the project with `history` repairs; the worst of the three;
- cross_project_write_scaling: slips issued per second with the clients spread over 8 projects ÷ all in one;
- cross_project_lock_waits: during those two rounds, how many requests were waiting on a lock at a sampled
  instant (pg_stat_activity every 20 ms), by what they waited for. In the 8-project round a wait is one project's
  write waiting on another's: the figure says where writes of different projects still meet.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from bench import load, peer

ROUNDS = 2


@dataclass
class Side:
    """One server and the signed-in clients that drive it."""

    base: str
    sessions: list[httpx.AsyncClient]


def _dispatch(ids_by_client: list[list[int]], technician_of):
    def request(client, index, n):
        repair = ids_by_client[index].pop()
        return client.post(f"/api/desk/repairs/{repair}/dispatch/", json={"technician": technician_of(repair)})
    return request


def _report(project_of):
    def request(client, index, n):
        return client.post("/api/desk/repairs/", json={
            "project": project_of(index), "person_name": "基准住户", "phone": "13800000000", "location": "1栋大堂",
            "public_area": True, "content": f"灯不亮 {index}-{n}", "category": "水电"})
    return request


def _split(ids: list[int], clients: int) -> list[list[int]]:
    return [list(ids[i::clients]) for i in range(clients)]


async def _sessions(base: str, user: str, password: str, clients: int, login_path: str = "/accounts/login/"):
    return [await load.signed_in(base, user, password, login_path=login_path) for _ in range(clients)]


async def _close(*groups) -> None:
    for group in groups:
        for client in group:
            await client.aclose()


# What a waiting statement is waiting for, told by the statement itself.
_WAITS = (("audit chain tip", "core_auditchainhead"), ("document number counter", "core_serialcounter"),
          ("the repair row", "desk_repair"), ("notification", "core_notification"))


@contextmanager
def lock_waits(database_url: str, into: dict):
    """Sample the server's backends waiting on a lock every 20 ms while the block runs; `into` gets, per kind of
    wait, the mean number of requests waiting at an instant, and `samples`."""
    import psycopg

    stop, seen, samples = threading.Event(), Counter(), [0]
    name = database_url.rsplit("/", 1)[1]

    def sample() -> None:
        with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            while not stop.is_set():
                rows = conn.execute("SELECT query FROM pg_stat_activity WHERE datname = %s AND wait_event_type = "
                                    "'Lock'", [name]).fetchall()
                samples[0] += 1
                for (query,) in rows:
                    seen[next((label for label, table in _WAITS if table in query), "other")] += 1
                stop.wait(0.02)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)
        into["samples"] = samples[0]
        into["waiting"] = {label: round(n / max(1, samples[0]), 2) for label, n in seen.most_common()}


def _ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b else 0.0


async def _paired(name: str, seconds: float, sides: list[tuple[str, Side, object]], table: list,
                  waits: tuple[str, dict] | None = None) -> dict:
    """Run each side's request for `seconds`, alternating, ROUNDS times; answer {label: Tally-like sums}.

    `waits` = (database URL, {}): the lock waits of each side's last round are sampled into the dict by label."""
    sums = {label: {"ops": 0, "seconds": 0.0, "failed": 0, "latencies": []} for label, _, _ in sides}
    for _round in range(ROUNDS):
        for label, side, request in sides:
            probe = (lock_waits(waits[0], waits[1].setdefault(label, {})) if waits and _round == ROUNDS - 1
                     else contextlib.nullcontext())
            with probe:
                tally = await load.hammer(side.base, clients=len(side.sessions), seconds=seconds, request=request,
                                          sessions=side.sessions)
            sums[label]["ops"] += len(tally.latencies_ms)
            sums[label]["seconds"] += tally.seconds
            sums[label]["failed"] += tally.failed
            sums[label]["latencies"] += tally.latencies_ms
            if tally.failed:
                print(f"   {name} / {label}: first errors {tally.errors[:2]}", flush=True)
    out = {}
    for label, got in sums.items():
        rps = got["ops"] / got["seconds"] if got["seconds"] else 0.0
        ordered = sorted(got["latencies"]) or [0.0]
        out[label] = {"rps": round(rps, 1), "failed": got["failed"],
                      "p99_ms": round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 1)}
        table.append((f"{name}: {label}", f"{rps:.0f} req/s", f"p99 {out[label]['p99_ms']} ms",
                      f"failed {got['failed']}", ""))
    return out


def _peer_server(port: int, env: dict, workers: int, threads: int, log_file) -> subprocess.Popen:
    command, cwd = peer.gunicorn_command(port, workers=workers, threads=threads, log=log_file)
    proc = subprocess.Popen(command, cwd=cwd, env=env, start_new_session=True)
    for _ in range(150):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/helpdesk/login/", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGTERM)
    raise SystemExit(f"the peer did not start; see {log_file}")


def _list_request(ours: bool):
    if ours:
        return lambda client, index, n: client.get("/desk/repairs/")

    async def page_and_data(client, index, n):
        page = await client.get("/helpdesk/tickets/")
        found = re.search(r'"url":\s*"([^"]*datatables_ticket_list/[^"]+)"', page.text)
        if page.status_code != 200 or not found:
            return page
        return await client.get(found.group(1) + "?draw=1&start=0&length=25")
    return page_and_data


async def _measure(ours_base: str, peer_base: str, plan: dict, peer_plan: dict, *, clients: int, seconds: float,
                   table: list, database_url: str = "") -> dict:
    small, big = str(plan["small_project"]), str(plan["big_project"])
    info = plan["projects"]
    password = plan["password"]
    ours_small = Side(ours_base, await _sessions(ours_base, info[small]["clerk"], password, clients))
    ours_big = Side(ours_base, await _sessions(ours_base, info[big]["clerk"], password, clients))
    helpdesk = Side(peer_base, await _sessions(peer_base, peer_plan["user"], peer_plan["password"], clients,
                                              "/helpdesk/login/"))
    technician = {int(pid): item["technician"] for pid, item in info.items()}
    owner = {rid: int(pid) for pid, item in info.items() for rid in item["reported"]}
    tickets = _split(peer_plan["tickets"], clients)
    follow = lambda client, index, n: client.post("/helpdesk/api/followups/", json={
        "ticket": tickets[index].pop(), "comment": "已派工", "new_status": 3, "public": False})
    new_ticket = lambda client, index, n: client.post("/helpdesk/api/tickets/", json={
        "queue": peer_plan["queue"], "title": f"灯不亮 {index}-{n}", "description": "1栋大堂 灯不亮",
        "submitter_email": "r@example.com", "priority": 3})
    small_ids = _split(info[small]["reported"], clients)
    big_ids = _split(info[big]["reported"], clients)
    results: dict = {}
    try:
        state = await _paired("state change", seconds, [
            ("PropDesk slip issued", ours_small, _dispatch(small_ids, lambda r: technician[owner[r]])),
            ("helpdesk follow-up", helpdesk, follow)], table)
        create = await _paired("create", seconds, [
            ("PropDesk repair reported", ours_small, _report(lambda i: int(small))),
            ("helpdesk ticket", helpdesk, new_ticket)], table)
        listing = await _paired("list", seconds, [
            ("PropDesk repairs register", ours_small, _list_request(True)),
            ("helpdesk ticket list", helpdesk, _list_request(False))], table)
        results.update({
            "peer_ratio_state_change": _ratio(state["PropDesk slip issued"]["rps"], state["helpdesk follow-up"]["rps"]),
            "peer_ratio_create": _ratio(create["PropDesk repair reported"]["rps"], create["helpdesk ticket"]["rps"]),
            "peer_ratio_list": _ratio(listing["PropDesk repairs register"]["rps"],
                                      listing["helpdesk ticket list"]["rps"]),
            "peer": {"state_change": state, "create": create, "list": listing,
                     "records": plan["history"], "helpdesk": "django-helpdesk 2.6.1"}})
        growth = {}
        for name, small_request, big_request in (
                ("create", _report(lambda i: int(small)), _report(lambda i: int(big))),
                ("dispatch", _dispatch(small_ids, lambda r: technician[owner[r]]),
                 _dispatch(big_ids, lambda r: technician[owner[r]])),
                ("desk page", lambda c, i, n: c.get("/desk/"), lambda c, i, n: c.get("/desk/"))):
            got = await _paired(f"history {name}", seconds / 2, [
                (f"{plan['history']} repairs", ours_small, small_request),
                (f"{plan['big']} repairs", ours_big, big_request)], table)
            growth[name] = _ratio(got[f"{plan['history']} repairs"]["rps"], got[f"{plan['big']} repairs"]["rps"])
        results.update({"history_growth": max(growth.values()), "history_growth_by_request": growth})
        results.update(await _cross_project(ours_base, plan, clients=clients, seconds=seconds, table=table,
                                            database_url=database_url))
    finally:
        await _close(ours_small.sessions, ours_big.sessions, helpdesk.sessions)
    return results


async def _cross_project(base: str, plan: dict, *, clients: int, seconds: float, table: list,
                         database_url: str = "") -> dict:
    """Slips issued per second: every client in one project, then the clients spread over all of them."""
    projects = plan["scaling"]
    clerk = plan["projects"][str(plan["big_project"])]["clerk"]
    side = Side(base, await _sessions(base, clerk, plan["password"], clients))
    technician = projects[0]["technician"]
    half = len(projects[0]["reported"]) // 2
    one = _split(projects[0]["reported"][:half], clients)
    pools = [p["reported"][half:] if n == 0 else p["reported"] for n, p in enumerate(projects)]
    per_project = max(1, -(-clients // len(pools)))  # clients writing in each project at once
    spread = [pools[i % len(pools)][i // len(pools)::per_project] for i in range(clients)]
    waits: dict = {}
    try:
        got = await _paired("cross-project writes", seconds, [
            ("one project", side, _dispatch(one, lambda r: technician)),
            (f"{len(projects)} projects", side, _dispatch(spread, lambda r: technician))], table,
            waits=(database_url, waits) if database_url else None)
    finally:
        await _close(side.sessions)
    labels = list(got)
    for label, seen in waits.items():
        table.append((f"cross-project writes: {label}", "requests waiting on a lock at an instant",
                      ", ".join(f"{k} {v}" for k, v in seen["waiting"].items()) or "none", "", ""))
    return {"cross_project_write_scaling": _ratio(got[labels[1]]["rps"], got[labels[0]]["rps"]),
            "cross_project_writes": got, "cross_project_lock_waits": waits}


def run(server_base: str, plan: dict, peer_plan: dict, peer_port: int, *, clients: int, seconds: float,
        table: list, database_url: str = "") -> dict:
    return asyncio.run(_measure(server_base, f"http://127.0.0.1:{peer_port}", plan, peer_plan, clients=clients,
                                seconds=seconds, table=table, database_url=database_url))


def dumps(results: dict) -> str:
    return json.dumps(results, ensure_ascii=False)
