"""`make bench-profile`: where a checkout + return spends its time, in one process, no HTTP.

  python -m bench.profile                 statements and ms per request, ours beside the bare endpoint
  python -m bench.profile --sql           also list every statement of one checkout and one return
  python -m bench.profile --cprofile 40   also the 40 most expensive functions (cProfile, cumulative)
  python -m bench.profile --dispatch      the same for issuing a repair's task slip (the peer's state change)
  python -m bench.profile --desk-page     the same for the front desk's page (GET /desk/) as its clerk
  python -m bench.profile --key-desk      the same for the key desk with a tag scanned (make bench's desk page)

Seeds a fresh PostgreSQL database (BENCH_PROFILE_PG_URL) like `make bench`, then drives both endpoints
through Django's test client on one thread, so the figures are CPU and round trips only: what the
HTTP run's ratio is made of. The ratio printed here is measured in this run, like the HTTP one."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PROFILE_PG_URL", "postgres://postgres@127.0.0.1:5432/propdesk_profile")


def _prepare(cycles_per_key: int) -> dict:
    from bench import run

    run.PG_URL = PG_URL
    run._fresh_postgres(PG_URL)
    env = run._env(PG_URL)
    run._run([run.PY, "manage.py", "migrate", "--noinput"], env)
    run.VAR.mkdir(parents=True, exist_ok=True)
    plan_file = run.VAR / "profile-plan.json"
    run._run([run.PY, "-m", "bench.seed", "--cycles-per-key", str(cycles_per_key), "--out", str(plan_file)], env)
    return json.loads(plan_file.read_text())


class Desk:
    """A signed-in clerk lending and taking back the plan's keys, one approved loan per cycle."""

    def __init__(self, plan: dict):
        from django.test import Client

        self.plan = plan
        self.client = Client()
        if not self.client.login(username=plan["issuer"], password=plan["password"]):
            raise SystemExit("the bench issuer could not sign in")
        self.queue = [(item["tag"], loan) for item in plan["cycle"] for loan in item["loans"]]
        self.queue.sort(key=lambda pair: pair[1])

    def cycle(self) -> None:
        tag, loan = self.queue.pop(0)
        for what, body in (("checkout", {"scanned": tag, "pieces_counted": 1, "borrower_password": self.plan["password"]}),
                           ("return", {"scanned": tag, "pieces_returned": 1})):
            response = self.client.post(f"/api/keys/loans/{loan}/{what}/", body, content_type="application/json")
            if response.status_code != 200:
                raise SystemExit(f"{what} of loan {loan} answered {response.status_code}: {response.content[:300]!r}")


def _prepare_repairs(reported: int) -> dict:
    from bench import run

    run._fresh_postgres(PG_URL)
    env = run._env(PG_URL)
    run._run([run.PY, "manage.py", "migrate", "--noinput"], env)
    run.VAR.mkdir(parents=True, exist_ok=True)
    plan_file = run.VAR / "profile-repairs.json"
    run._run([run.PY, "-m", "bench.repairs", "--history", str(reported), "--big", str(reported), "--projects", "0",
              "--out", str(plan_file)], env)
    return json.loads(plan_file.read_text())


class Dispatch:
    """A signed-in clerk issuing task slips for the plan's reported repairs in the small project."""

    def __init__(self, plan: dict):
        from django.test import Client

        project = plan["projects"][str(plan["small_project"])]
        self.client, self.technician = Client(), project["technician"]
        if not self.client.login(username=project["clerk"], password=plan["password"]):
            raise SystemExit("the bench clerk could not sign in")
        self.queue = list(project["reported"])

    def cycle(self) -> None:
        repair = self.queue.pop(0)
        response = self.client.post(f"/api/desk/repairs/{repair}/dispatch/", {"technician": self.technician},
                                    content_type="application/json")
        if response.status_code != 200:
            raise SystemExit(f"dispatch of repair {repair} answered {response.status_code}: {response.content[:300]!r}")


def _bare(plan: dict, requests: int) -> float:
    from django.test import Client

    client, keys = Client(), plan["bare"]
    started = time.perf_counter()
    for i in range(requests):
        if client.post(f"/bench/bare-write/{keys[i % len(keys)]}/").status_code != 200:
            raise SystemExit("the bare endpoint failed")
    return (time.perf_counter() - started) * 1000 / requests


def _dispatch_statements(dispatch: Dispatch, show: bool, page: str = "") -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if page:
        dispatch.client.get(page)  # warm: the policy cache
    with CaptureQueriesContext(connection) as ctx:
        if page:
            dispatch.client.get(page)
        else:
            dispatch.cycle()
    if show:
        print(f"-- {page or 'dispatch'}: {len(ctx.captured_queries)} statements")
        for query in ctx.captured_queries:
            print("   " + query["sql"][:160])
    return len(ctx.captured_queries)


def _statements(desk: Desk, show: bool) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    tag, loan = desk.queue.pop(0)
    for what, body in (("checkout", {"scanned": tag, "pieces_counted": 1, "borrower_password": desk.plan["password"]}),
                       ("return", {"scanned": tag, "pieces_returned": 1})):
        with CaptureQueriesContext(connection) as ctx:
            desk.client.post(f"/api/keys/loans/{loan}/{what}/", body, content_type="application/json")
        counts.append(len(ctx.captured_queries))
        if show:
            print(f"-- {what}: {len(ctx.captured_queries)} statements")
            for query in ctx.captured_queries:
                print("   " + query["sql"][:160])
    return counts[0], counts[1]


def _profiled(work, cprofile: int) -> float:
    """ms per call of `work()` over the timed loop, under cProfile when asked (then slower)."""
    profiler = None
    if cprofile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    calls = work()
    ms = (time.perf_counter() - started) * 1000 / calls
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(cprofile)
    return ms


def _django() -> None:
    os.environ.update(DJANGO_SETTINGS_MODULE="bench.settings", DATABASE_URL=PG_URL)
    os.environ.pop("CI", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's request hooks; nothing else changes


def _report(result: dict, line: str) -> None:
    print(line + (" (under cProfile: slower)" if result["profiled"] else ""))
    print("PROFILE " + json.dumps(result))


def _main_dispatch(options) -> None:
    plan = _prepare_repairs(reported=options.cycles + 100)
    _django()
    from bench.baseline.models import BareKey

    plan["bare"] = [k.pk for k in BareKey.objects.bulk_create([BareKey() for _ in range(64)])]
    dispatch = Dispatch(plan)
    for _ in range(20):
        dispatch.cycle()
    _bare(plan, 100)
    statements = _dispatch_statements(dispatch, options.sql, "/desk/" if options.desk_page else "")
    bare_ms = _bare(plan, options.cycles)

    def work() -> int:
        for _ in range(options.cycles):
            dispatch.cycle()
        return options.cycles

    if options.desk_page:
        def work() -> int:
            for _ in range(options.cycles):
                if dispatch.client.get("/desk/").status_code != 200:
                    raise SystemExit("the desk page failed")
            return options.cycles

    ours_ms = _profiled(work, options.cprofile)
    result = {"profile_statements": statements, "profile_request": "GET /desk/" if options.desk_page
              else "dispatch", "profile_ms_per_request": round(ours_ms, 2),
              "profile_bare_ms_per_request": round(bare_ms, 2), "profile_ratio": round(bare_ms / ours_ms, 3),
              "profile_cycles": options.cycles, "profiled": bool(options.cprofile)}
    _report(result, f"{result['profile_request']}: {ours_ms:.2f} ms per request ({statements} statements) against the bare "
                    f"endpoint's {bare_ms:.2f} ms → in-process ratio {result['profile_ratio']}")


def _main_key_desk(options) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = _prepare(cycles_per_key=8)
    _django()
    desk = Desk(plan)
    tags = [item["tag"] for item in plan["cycle"]]

    def page(i: int) -> None:
        if desk.client.get(f"/keys/desk/?scan={tags[i % len(tags)]}").status_code != 200:
            raise SystemExit("the key desk page failed")

    for i in range(20):
        page(i)
    _bare(plan, 100)
    with CaptureQueriesContext(connection) as ctx:
        page(0)
    statements = [query["sql"] for query in ctx.captured_queries]  # now: the log is a bounded deque
    if options.sql:
        print(f"-- key desk: {len(statements)} statements")
        for sql in statements:
            print("   " + sql[:160])
    bare_ms = _bare(plan, options.cycles)

    def work() -> int:
        for i in range(options.cycles):
            page(i)
        return options.cycles

    ours_ms = _profiled(work, options.cprofile)
    result = {"profile_statements": len(statements), "profile_request": "GET /keys/desk/?scan=",
              "profile_ms_per_request": round(ours_ms, 2), "profile_bare_ms_per_request": round(bare_ms, 2),
              "profile_ratio": round(bare_ms / ours_ms, 3), "profile_cycles": options.cycles,
              "profiled": bool(options.cprofile)}
    _report(result, f"key desk: {ours_ms:.2f} ms per request ({len(statements)} statements) against the "
                    f"bare endpoint's {bare_ms:.2f} ms → in-process ratio {result['profile_ratio']}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=300)
    parser.add_argument("--sql", action="store_true")
    parser.add_argument("--cprofile", type=int, default=0, metavar="TOP")
    parser.add_argument("--dispatch", action="store_true", help="issue repair task slips instead of lending keys")
    parser.add_argument("--desk-page", action="store_true", help="render the front desk's page instead")
    parser.add_argument("--key-desk", action="store_true",
                        help="render the key desk with a scanned tag (make bench's desk_page_p99_ms) instead")
    options = parser.parse_args()
    if options.dispatch or options.desk_page:
        return _main_dispatch(options)
    if options.key_desk:
        return _main_key_desk(options)
    plan = _prepare(cycles_per_key=max(8, (options.cycles * 2) // 64 + 4))
    _django()
    desk = Desk(plan)
    for _ in range(20):  # warm: connections, policy cache, serializer templates
        desk.cycle()
    _bare(plan, 100)
    checkout_statements, return_statements = _statements(desk, options.sql)
    bare_ms = _bare(plan, options.cycles * 2)

    def work() -> int:
        for _ in range(options.cycles):
            desk.cycle()
        return options.cycles * 2

    ours_ms = _profiled(work, options.cprofile)
    result = {"profile_checkout_statements": checkout_statements, "profile_return_statements": return_statements,
              "profile_ms_per_request": round(ours_ms, 2), "profile_bare_ms_per_request": round(bare_ms, 2),
              "profile_ratio": round(bare_ms / ours_ms, 3), "profile_cycles": options.cycles,
              "profiled": bool(options.cprofile)}
    _report(result, f"checkout {checkout_statements} + return {return_statements} statements; "
                    f"{ours_ms:.2f} ms per request against the bare endpoint's {bare_ms:.2f} ms"
                    f" → in-process ratio {result['profile_ratio']}")


if __name__ == "__main__":
    main()
