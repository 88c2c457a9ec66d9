"""`make bench`: the real app under gunicorn on loopback, driven over HTTP; ratios measured in one run.

  python -m bench.run            quick mode (300 k keys; a few minutes)
  python -m bench.run --full     3 M keys / 50 M loans on PostgreSQL (long)

Prints a table and, last, one line `BENCH {json}`."""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bench import archives, load, peer, servicedesk

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
PY = sys.executable
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/propdesk_bench")
CLIENTS = 16
ARCHIVE_SMALL = 10_000  # the small project the 1 M-volume catalogue is compared with


def log(text: str) -> None:
    print(text, flush=True)


def _env(database_url: str) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings", DATABASE_URL=database_url,
               PYTHONPATH=str(ROOT), DJANGO_DEBUG="0")
    env.pop("CI", None)
    return env


def _run(args: list[str], env: dict) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return done.stdout


def _fresh_postgres(url: str = PG_URL) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving config.wsgi (bench settings) on a loopback port."""

    def __init__(self, env: dict, *, workers: int, threads: int):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        gunicorn = shutil.which("gunicorn", path=str(Path(PY).parent)) or "gunicorn"
        VAR.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [gunicorn, "config.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
             "--threads", str(threads), "--worker-class", "gthread", "--keep-alive", "30", "--log-level", "warning",
             "--error-logfile", str(VAR / "gunicorn.log")], cwd=ROOT, env=env, start_new_session=True)
        for _ in range(100):
            try:
                if httpx.get(f"{self.base}/accounts/login/", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise SystemExit("gunicorn did not start; see var/bench/gunicorn.log")

    def worker_rss_mb(self) -> float:
        """Resident memory of the largest gunicorn worker (the master's children), in MB."""
        done = subprocess.run(["ps", "--ppid", str(self.proc.pid), "-o", "rss="], capture_output=True, text=True)
        sizes = [int(line) for line in done.stdout.split() if line.strip().isdigit()]
        return round(max(sizes) / 1024, 1) if sizes else 0.0

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=30)


def _daily_register(base: str, plan: dict, times: int = 7) -> float:
    async def go() -> float:
        client = await load.signed_in(base, "kefu1", plan["password"])
        samples = []
        for _ in range(times):
            started = time.perf_counter()
            response = await client.get(f"/api/keys/daily-register/?project={plan['project']}")
            samples.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"daily register answered {response.status_code}")
        await client.aclose()
        return round(sorted(samples)[len(samples) // 2], 1)

    return asyncio.run(go())


def postgres_phase(options, results: dict, table: list) -> None:
    _fresh_postgres()
    env = _env(PG_URL)
    log("== PostgreSQL: migrate and seed")
    _run([PY, "manage.py", "migrate", "--noinput"], env)
    plan_file = VAR / "pg-plan.json"
    _run([PY, "-m", "bench.seed", "--keys", str(options.keys), "--history", str(options.history),
          "--cycles-per-key", "80", "--out", str(plan_file)], env)
    plan = json.loads(plan_file.read_text())
    log(f"== PostgreSQL: {options.archive_volumes} archive volumes beside a project of {ARCHIVE_SMALL}")
    archive_plan_file = VAR / "archives-plan.json"
    _run([PY, "-m", "bench.archives", "seed", "--volumes", str(options.archive_volumes), "--small",
          str(ARCHIVE_SMALL), "--out", str(archive_plan_file)], env)
    archive_plan = json.loads(archive_plan_file.read_text())
    server = Server(env, workers=options.workers, threads=options.threads)
    try:
        bare_url = "/bench/bare-write/{}/"
        bare = lambda client, i, n: client.post(bare_url.format(plan["bare"][(i + n * CLIENTS) % len(plan["bare"])]))
        asyncio.run(load.hammer(server.base, clients=CLIENTS, seconds=3, request=bare))  # warm-up
        log(f"== bare Django write endpoint, {CLIENTS} clients, {options.seconds} s")
        bare_tally = asyncio.run(load.hammer(server.base, clients=CLIENTS, seconds=options.seconds, request=bare))
        log(f"== checkout + return through the API, {CLIENTS} clients, {options.seconds} s")
        cycle = asyncio.run(load.checkout_cycles(server.base, plan, clients=CLIENTS, seconds=options.seconds))
        log(f"== front-desk page under load, {CLIENTS} clients, {options.seconds / 2:.0f} s")
        numbers = [item["number"] for item in plan["cycle"]]
        desk = lambda client, i, n: client.get(f"/keys/desk/?scan={numbers[(i + n) % len(numbers)]}")
        desk_tally = asyncio.run(load.hammer(server.base, clients=CLIENTS, seconds=options.seconds / 2,
                                             request=desk, login=(plan["issuer"], plan["password"])))
        log("== daily register")
        daily_ms = _daily_register(server.base, plan)
        log("== archive room: catalogue search and overdue register, big project beside small")
        archive_rows = archives.measure(server.base, archive_plan)
        rss_mb = server.worker_rss_mb()
    finally:
        server.stop()
    for name, tally in (("bare write (PG)", bare_tally), ("checkout/return (PG)", cycle), ("desk page (PG)", desk_tally)):
        table.append((name, f"{tally.rps:.0f} req/s", f"p50 {tally.pct(0.5)} ms", f"p99 {tally.pct(0.99)} ms",
                      f"failed {tally.failed}"))
        if tally.failed:
            log(f"   {name}: first errors: {tally.errors[:3]}")
    table.append(("daily register (PG)", f"{options.keys} keys", f"median {daily_ms} ms", "", ""))
    for row in archive_rows:
        table.append((row["request"], f"{options.archive_volumes} vols", f"median {row['big_ms']} ms",
                      f"{ARCHIVE_SMALL}: {row['small_ms']} ms", f"ratio {row['ratio']}"))
    table.append(("gunicorn worker (PG)", f"RSS {rss_mb} MB", "after the load", "", ""))
    results.update({
        "bare_django_write_rps": round(bare_tally.rps, 1),
        "checkout_return_rps": round(cycle.rps, 1),
        "checkout_cycles_per_s": round(cycle.rps / 2, 1),
        "checkout_ratio": round(cycle.rps / bare_tally.rps, 3) if bare_tally.rps else 0.0,
        "checkout_p50_ms": cycle.pct(0.5), "checkout_p99_ms": cycle.pct(0.99),
        "checkout_failed": cycle.failed, "bare_p99_ms": bare_tally.pct(0.99),
        "desk_page_p99_ms": desk_tally.pct(0.99), "desk_page_failed": desk_tally.failed,
        "daily_register_ms": daily_ms, "daily_register_keys": options.keys, "worker_rss_mb": rss_mb,
        "daily_register_loans": options.keys * options.history,
        "archive_volumes": options.archive_volumes, "archive_small_volumes": ARCHIVE_SMALL,
        "archive_worst_ratio": max(row["ratio"] for row in archive_rows),
        "archives": archive_rows,
    })
    log("== ledger import")
    results.update(json.loads(_run([PY, "-m", "bench.tasks", "import", "--rows", str(options.import_rows)], env)
                              .strip().splitlines()[-1]))
    log("== audit verification")
    results.update(json.loads(_run([PY, "-m", "bench.tasks", "audit", "--events", str(options.audit_events)], env)
                              .strip().splitlines()[-1]))
    table.append(("ledger import (PG)", f"{results['import_rows']} rows", f"{results['import_seconds']} s",
                  f"= {results['import_100k_rows_s']} s per 100k", ""))
    table.append(("verify_audit (PG)", f"{results['audit_events_verified']} events",
                  f"{results['verify_audit_events_per_s']} events/s", "", ""))


def desk_phase(options, results: dict, table: list) -> None:
    """Repairs beside django-helpdesk, history growth and cross-project writes (bench/servicedesk.py)."""
    url = PG_URL + "_desk"
    peer_url = PG_URL.rsplit("/", 1)[0] + "/propdesk_peer"
    _fresh_postgres(url)
    _fresh_postgres(peer_url)
    env = _env(url)
    log(f"== repairs: migrate and seed {options.repairs_small} and {options.repairs_big} repairs")
    _run([PY, "manage.py", "migrate", "--noinput"], env)
    plan_file = VAR / "repairs-plan.json"
    _run([PY, "-m", "bench.repairs", "--history", str(options.repairs_small), "--big", str(options.repairs_big),
          "--out", str(plan_file)], env)
    plan = json.loads(plan_file.read_text())
    log(f"== the peer: django-helpdesk in var/peer/, {options.repairs_small} tickets")
    peer_plan = peer.setup(peer_url, options.repairs_small)
    server = Server(env, workers=options.workers, threads=options.threads)
    peer_port = _free_port()
    peer_env = dict(peer._site_env(peer_url))
    peer_proc = servicedesk._peer_server(peer_port, peer_env, options.workers, options.threads,
                                          VAR / "peer-gunicorn.log")
    try:
        log(f"== repairs: PropDesk and the peer alternating, {CLIENTS} clients, {options.seconds} s a round")
        results.update(servicedesk.run(server.base, plan, peer_plan, peer_port, clients=CLIENTS,
                                       seconds=options.seconds, table=table, database_url=url))
    finally:
        server.stop()
        if peer_proc.poll() is None:
            os.killpg(peer_proc.pid, signal.SIGTERM)
            peer_proc.wait(timeout=30)


def sqlite_phase(options, results: dict, table: list) -> None:
    path = VAR / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    env = _env(f"sqlite:///{path}")
    log("== SQLite: migrate and seed")
    _run([PY, "manage.py", "migrate", "--noinput"], env)
    plan_file = VAR / "sqlite-plan.json"
    _run([PY, "-m", "bench.seed", "--cycles-per-key", "60", "--out", str(plan_file)], env)
    plan = json.loads(plan_file.read_text())
    server = Server(env, workers=4, threads=1)
    try:
        log(f"== SQLite: checkout + return, 4 workers, {CLIENTS} clients, {options.seconds} s")
        cycle = asyncio.run(load.checkout_cycles(server.base, plan, clients=CLIENTS, seconds=options.seconds))
    finally:
        server.stop()
    lock_errors = sum(1 for e in cycle.errors if "locked" in e.lower()) + cycle.statuses.get(500, 0)
    table.append(("checkout/return (SQLite)", f"{cycle.rps:.0f} req/s", f"p50 {cycle.pct(0.5)} ms",
                  f"p99 {cycle.pct(0.99)} ms", f"lock errors {lock_errors}"))
    results.update({"sqlite_checkout_return_rps": round(cycle.rps, 1), "sqlite_lock_errors": lock_errors,
                    "sqlite_checkout_p99_ms": cycle.pct(0.99),
                    "sqlite_failed": cycle.failed})


def imports_phase(options, results: dict, table: list) -> None:
    """The ledger import through the whole path a person takes — the upload through the page, the background job,
    the polls and the report (bench/imports.py; issue 22) — on a fresh SQLite and a fresh PostgreSQL database."""
    sqlite_path = VAR / "imports.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
    pg_url = PG_URL + "_imports"
    _fresh_postgres(pg_url)
    for name, url in (("sqlite", f"sqlite:///{sqlite_path}"), ("pg", pg_url)):
        env = _env(url)
        log(f"== ledger import through the page, {options.import_rows} rows ({name})")
        _run([PY, "manage.py", "migrate", "--noinput"], env)
        got = json.loads(_run([PY, "-m", "bench.imports", "--rows", str(options.import_rows)], env)
                         .strip().splitlines()[-1])
        results[f"import_page_100k_s_{name}"] = round(got["import_page_s"] * 100_000 / options.import_rows, 2)
        results[f"import_page_cpu_s_{name}"] = got["import_page_cpu_s"]
        table.append((f"import through the page ({name})", f"{got['import_page_rows']} rows",
                      f"{got['import_page_s']} s", f"cpu {got['import_page_cpu_s']} s", ""))


# --- The store room (issue 19): a site's balance, its day's journal and the full check over millions of movements.
def stores_phase(options, results: dict, table: list) -> None:
    """bench/stores.py: the demo company's stock and N movements in one site's journal (quick: 200 k in the pg phase's
    database, already migrated; full: 10 M), then the balance read, the day's journal and the check of every
    balance against the journal (median of 7, in-process)."""
    env = _env(PG_URL)
    if "bare_django_write_rps" not in results:  # the pg phase did not run: a database of the phase's own
        _fresh_postgres(PG_URL + "_stores")
        env = _env(PG_URL + "_stores")
        _run([PY, "manage.py", "migrate", "--noinput"], env)
    started = time.monotonic()
    log(f"== store room: the demo stock and {options.stores_movements} movements")
    _run([PY, "-m", "bench.stores", "world"], env)
    _run([PY, "-m", "bench.stores", "seed", "--movements", str(options.stores_movements)], env)
    measured = json.loads(_run([PY, "-m", "bench.stores", "measure"], env))
    figures = {"stores_movements": measured["movements"],
               "stores_balance_ms": measured["balance of one item (ms)"],
               "stores_daily_journal_ms": measured["the day's journal of the site (ms)"],
               "stores_check_ms": measured["check of every balance against the journal (ms)"],
               "stores_phase_seconds": round(time.monotonic() - started, 1)}
    figures["stores_check_per_million_ms"] = round(figures["stores_check_ms"] * 1_000_000 / max(
        figures["stores_movements"], 1), 1)
    table.append(("stock balance (PG)", f"{figures['stores_movements']} moves", f"median {figures['stores_balance_ms']} ms",
                  f"day {figures['stores_daily_journal_ms']} ms", f"check {figures['stores_check_ms']} ms"))
    results.update(figures)


# --- Patrol rounds at company scale (issue 20): a month of rounds for 500 projects, then checkpoint scans.
def patrols_phase(options, results: dict, table: list) -> None:
    """bench/patrols.py in the pg phase's database (the demo world is seeded there): 500 projects each with a
    route of 6 points walked every 2 hours and 30 days of closed rounds, then sign-ins at today's open rounds through
    the service, in one process. Reports checkpoint scans per second on PostgreSQL."""
    env = _env(PG_URL)
    if "bare_django_write_rps" not in results:  # the pg phase did not run: a database of the phase's own
        _fresh_postgres(PG_URL + "_patrols")
        env = _env(PG_URL + "_patrols")
        _run([PY, "manage.py", "migrate", "--noinput"], env)
        _run([PY, "-m", "bench.seed", "--out", str(VAR / "patrols-plan.json")], env)
    started = time.monotonic()
    scans = 2000 if options.full else 1000
    log(f"== patrol rounds: 500 projects, 30 days of rounds, {scans} scans")
    measured = json.loads(_run([PY, "-m", "bench.patrols", "--projects", "500", "--days", "30", "--scans",
                                str(scans)], env).strip().splitlines()[-1])
    results.update({"patrol_scans_per_second": measured["scans_per_second"], "patrol_projects": 500,
                    "patrol_visits_total": measured["visits_total"],
                    "patrols_phase_seconds": round(time.monotonic() - started, 1)})
    table.append(("patrol checkpoint scans (PG)", "500 projects, 30 days", f"{measured['scans_per_second']} /s",
                  f"{measured['visits_total']} visits", ""))

GOALS = [
    ("checkout_ratio", "≥ 0.5", "checkout ratio (our API ÷ bare Django, requests/s)"),
    ("checkout_p99_ms", "≤ 150", "checkout p99 at 16 clients, PostgreSQL (ms)"),
    ("desk_page_p99_ms", "≤ 200", "key desk page p99 at 16 clients, PostgreSQL (ms)"),
    ("sqlite_checkout_p99_ratio", "≤ 2", "SQLite checkout p99 ÷ PostgreSQL's"),
    ("archive_worst_ratio", "≤ 3", "archive room, worst ratio 1 M volumes ÷ 10 k (median ms)"),
    ("peer_ratio_state_change", "≥ 1.5", "repair slip issued ÷ helpdesk follow-up with status change (req/s)"),
    ("peer_ratio_create", "≥ 1.5", "repair reported ÷ helpdesk ticket created (req/s)"),
    ("peer_ratio_list", "≥ 1.5", "repairs register page ÷ helpdesk ticket list page + data (req/s)"),
    ("history_growth", "≤ 1.2", "time per request at 500 k repairs ÷ at 50 k, worst of create/dispatch/desk page"),
    ("cross_project_write_scaling", "≥ 1.5", "slips issued per second, 8 projects at once ÷ one project"),
    ("import_page_100k_s_sqlite", "≤ 30", "ledger import, 100,000 rows: page, job and report on SQLite (s)"),
    ("import_page_100k_s_pg", "≤ 30", "ledger import, 100,000 rows: page, job and report on PostgreSQL (s)"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--phases", default="pg,stores,patrols,desk,sqlite,imports",
                        help="comma-separated: pg, stores and patrols (after pg: they reuse its database), desk, "
                             "sqlite, imports")
    parser.add_argument("--repairs", type=int, nargs=2, default=[50_000, 500_000], metavar=("SMALL", "BIG"),
                        help="repairs in the project compared with the peer, and in the big one")
    options = parser.parse_args()
    options.repairs_small, options.repairs_big = options.repairs
    options.keys = 3_000_000 if options.full else 300_000
    options.history = 16 if options.full else 1
    options.seconds = options.seconds or (60.0 if options.full else 10.0)
    options.import_rows = 100_000
    options.audit_events = 1_000_000 if options.full else 200_000
    options.workers, options.threads = 4, 4
    options.archive_volumes = 1_000_000
    options.stores_movements = 10_000_000 if options.full else 200_000
    VAR.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    results: dict = {"mode": "full" if options.full else "quick", "clients": CLIENTS}
    table: list = []
    phases = {"pg": postgres_phase, "stores": stores_phase, "patrols": patrols_phase, "desk": desk_phase,
              "sqlite": sqlite_phase, "imports": imports_phase}
    for name in options.phases.split(","):
        phases[name.strip()](options, results, table)
    if results.get("checkout_p99_ms") and "sqlite_checkout_p99_ms" in results:
        results["sqlite_checkout_p99_ratio"] = round(results["sqlite_checkout_p99_ms"] / results["checkout_p99_ms"], 2)
    results["wall_seconds"] = round(time.monotonic() - started, 1)
    print()
    for row in table:
        print(f"{row[0]:<40} {row[1]:>16} {row[2]:>18} {row[3]:>18} {row[4]:>16}")
    for name, goal, text in GOALS:
        if name in results:
            print(f"{text}: {results[name]}  (goal {goal})")
    print("BENCH " + json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
