"""An asyncio load generator over HTTP (httpx): logged-in clients, latencies, status counts."""
from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    ops: int = 0
    seconds: float = 0.0

    def add(self, started: float, response: httpx.Response | None, error: str = "") -> None:
        self.latencies_ms.append((time.perf_counter() - started) * 1000)
        self.statuses[response.status_code if response is not None else 0] += 1
        if error or response is None or response.status_code >= 400:
            body = response.text[:200] if response is not None else ""
            if len(self.errors) < 20:
                self.errors.append(error or f"{response.status_code} {body}")

    @property
    def rps(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    @property
    def failed(self) -> int:
        return sum(n for code, n in self.statuses.items() if code == 0 or code >= 400)

    def median(self) -> float:
        return round(statistics.median(self.latencies_ms), 1) if self.latencies_ms else 0.0


async def signed_in(base: str, username: str, password: str, *, login_path: str = "/accounts/login/"
                    ) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=base, timeout=60, limits=httpx.Limits(max_connections=1))
    await client.get(login_path)
    response = await client.post(login_path, data={
        "username": username, "password": password, "csrfmiddlewaretoken": client.cookies["csrftoken"]},
        headers={"Referer": f"{base}{login_path}"})
    if "sessionid" not in client.cookies:
        raise RuntimeError(f"login as {username} failed: {response.status_code}")
    client.headers["X-CSRFToken"] = client.cookies["csrftoken"]
    return client


async def _timed(tally: Tally, call) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        response = await call()
    except httpx.HTTPError as exc:
        tally.add(started, None, f"{type(exc).__name__}: {exc}")
        return None
    tally.add(started, response)
    return response


async def checkout_cycles(base: str, plan: dict, *, clients: int, seconds: float) -> Tally:
    """Each client lends and takes back its own keys: checkout then return, one approved loan a cycle."""
    tally = Tally()
    sessions = [await signed_in(base, plan["issuer"], plan["password"]) for _ in range(clients)]
    deadline = time.perf_counter() + seconds

    async def worker(index: int, client: httpx.AsyncClient) -> None:
        mine = [dict(item, loans=list(item["loans"])) for item in plan["cycle"][index::clients]]
        while time.perf_counter() < deadline and any(item["loans"] for item in mine):
            for item in mine:
                if not item["loans"] or time.perf_counter() >= deadline:
                    continue
                loan = item["loans"].pop(0)
                out = await _timed(tally, lambda: client.post(f"/api/keys/loans/{loan}/checkout/", json={
                    "scanned": item["tag"], "pieces_counted": 1, "borrower_password": plan["password"]}))
                if out is not None and out.status_code == 200:
                    await _timed(tally, lambda: client.post(f"/api/keys/loans/{loan}/return/", json={
                        "scanned": item["tag"], "pieces_returned": 1}))
                tally.ops += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(i, c) for i, c in enumerate(sessions)))
    tally.seconds = time.perf_counter() - started
    for client in sessions:
        await client.aclose()
    return tally


async def hammer(base: str, *, clients: int, seconds: float, request, login: tuple[str, str] | None = None,
                 sessions: list[httpx.AsyncClient] | None = None) -> Tally:
    """`request(client, index, n)` issues one request; run it in a loop per client until the time is up.

    `sessions`: clients already signed in (kept open for the caller, who closes them)."""
    tally = Tally()
    keep = sessions is not None
    if keep:
        clients = len(sessions)
    elif login:
        sessions = [await signed_in(base, *login) for _ in range(clients)]
    else:
        sessions = [httpx.AsyncClient(base_url=base, timeout=60, limits=httpx.Limits(max_connections=1))
                    for _ in range(clients)]
    deadline = time.perf_counter() + seconds

    async def worker(index: int, client: httpx.AsyncClient) -> None:
        n = 0
        while time.perf_counter() < deadline:
            await _timed(tally, lambda: request(client, index, n))
            n += 1
            tally.ops += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(i, c) for i, c in enumerate(sessions)))
    tally.seconds = time.perf_counter() - started
    if not keep:
        for client in sessions:
            await client.aclose()
    return tally
