"""Every page × every name it reads × wrong types, impossible dates, huge and repeated values: no server error.

The pages are found by walking the URL resolver (_page_walk, in a probe process on the demo data): every route of
every room, the path's ids taken from demo records of the first project — one per state — and the names each page
reads from its module's source. gunicorn serves the product with DEBUG off; several demo roles ask every page
(_page_requests: `abc`, `-1`, `0`, a 19-digit number, 2026-02-30, 2026-13-01, 100 KB, `a[]=1&a[]=2`, repeated
keys), as GET and as a posted form. Metric: page_fuzz_server_errors, the number of 5xx answers (goal 0)."""
from __future__ import annotations

import os
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx

from reliability.checks import _common
from reliability.checks._page_requests import plan
from reliability.run import Result

TITLE = "page fuzzing: every page and the names it reads, with wrong values, as several roles"
ROLES = ("kefu1", "jingli", "kfzg", "gongcheng1", "xingzheng")
PASSWORD = "fuzz-pass-2026"


def _signed_in(base: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60, follow_redirects=False)
    page = client.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = client.post("/accounts/login/", data={"username": username, "password": PASSWORD,
                                                   "csrfmiddlewaretoken": token}, headers={"Referer": base + "/"})
    if answer.status_code != 302:
        raise RuntimeError(f"{username} could not sign in ({answer.status_code})")
    return client


def _one_role(base: str, role: str, targets: list[dict], each_name: bool) -> tuple[int, Counter]:
    client = _signed_in(base, role)
    csrf = {"X-CSRFToken": client.cookies.get("csrftoken", ""), "Referer": base + "/"}
    sent, failures = 0, Counter()
    for target in targets:
        for method, url, form in plan(target, each_name=each_name):
            sent += 1
            try:
                if method == "GET":
                    status = client.get(url).status_code
                else:
                    status = client.post(url, data=form, headers=csrf).status_code
            except httpx.HTTPError as exc:  # the server hung up: as bad as a 500
                status, url = 599, f"{url} ({type(exc).__name__})"
            if status >= 500:
                failures[f"{role} {method} {target['route']} {url[:160]} -> {status}"] += 1
    client.close()
    return sent, failures


def _fuzz(base: str, targets: list[dict], roles) -> dict:
    """Each role in its own thread (its own session); only the first role also tries each name alone."""
    with ThreadPoolExecutor(max_workers=len(roles)) as pool:
        done = list(pool.map(lambda item: _one_role(base, item[1], targets, item[0] == 0), enumerate(roles)))
    failures: Counter = sum((f for _, f in done), Counter())
    return {"page_fuzz_requests": sum(n for n, _ in done), "page_fuzz_server_errors": sum(failures.values()),
            "failures": [f"{n}× {what}" for what, n in failures.most_common(60)]}


def run(ctx) -> list:
    from bench.run import Server

    workdir = _common.scratch(ctx, "page_fuzz")
    roles = ROLES[:2] if ctx.quick else ROLES
    results = []
    for label, url, cleanup in _common.databases(ctx, "page_fuzz", workdir):
        server = None
        try:
            environment = _common.demo_site(ctx, url, password=PASSWORD, media=workdir / "media")
            targets = _common.probe(ctx, environment, """
                from reliability.checks._page_walk import targets
                emit(targets())
                """)
            only = os.environ.get("PAGE_FUZZ_ONLY", "")  # e.g. "/keys/loans/": only the pages whose URL has it
            targets = [t for t in targets if only in t["url"]]
            server = Server(environment, workers=2, threads=4)
            counts = _fuzz(server.base, targets, roles)
            failures = counts.pop("failures")
            (workdir / f"failures-{label}.txt").write_text("\n".join(failures))
            ok = counts["page_fuzz_server_errors"] == 0 and counts["page_fuzz_requests"] > len(targets)
            note = f"{len(targets)} page URLs × {len(roles)} roles"
            if failures:
                note += f"; first: {failures[0][:160]} (all in {workdir / f'failures-{label}.txt'})"
            results.append(Result("page_fuzz", label, counts, ok, note))
        finally:
            if server is not None:
                server.stop()
            cleanup()
    return results
