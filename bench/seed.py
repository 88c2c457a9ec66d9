"""Generate the benchmark data set in the database named by DATABASE_URL (run under bench.settings).

  python -m bench.seed --keys 300000 --history 1 --out var/bench/plan.json

On PostgreSQL the bulk of the keys and loans is made with generate_series (millions of rows in
minutes); on SQLite only the small working set is made. Writes a JSON plan for the load generator."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

BENCH_PASSWORD = "bench-pass-2026"
CYCLE_KEYS = 64


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()


@contextmanager
def _bulk_load(cur, tables: list[str]):
    """Load like a bulk loader: foreign-key triggers off for this session (the generated ids are valid
    by construction; 48 M loans otherwise queue ~300 M deferred checks until commit), and the tables'
    secondary indexes dropped, then rebuilt once, sorted, after the load. Needs a superuser."""
    cur.execute("""SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)
                   AND indexname NOT IN (SELECT conname FROM pg_constraint)""", [tables])
    indexes = cur.fetchall()
    for name, _definition in indexes:
        cur.execute(f'DROP INDEX "{name}"')
    cur.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        cur.execute("SET session_replication_role = DEFAULT")
        cur.execute("SET maintenance_work_mem = '1GB'")
        for _name, definition in indexes:
            cur.execute(definition)
        cur.execute("RESET maintenance_work_mem")


def _bulk_history_postgres(project_id: int, users: dict, keys: int, history: int, lent_share: float) -> None:
    """keys × history returned loans, and a lent loan for a share of the keys (the morning register)."""
    from django.db import connection

    now = dt.datetime.now(dt.timezone.utc)
    with connection.cursor() as cur, _bulk_load(cur, ["keys_keyset", "keys_keyloan"]):
        cur.execute("""
            INSERT INTO keys_keyset (project_id, number, category, name, floor, equipment, room_number, pieces,
                                     storage, status, is_emergency_spare, tag_token, notes, created_at, updated_at)
            SELECT %s, 'BK' || lpad(g::text, 8, '0'), (ARRAY['public','equipment','office','unit'])[1 + g %% 4],
                   'bench key ' || g, NULL, '', '', 1 + g %% 3, 'S-' || (g %% 500), 'in_store', false,
                   'B' || lpad(g::text, 11, '0'), '', %s, %s
            FROM generate_series(1, %s) AS g
        """, [project_id, now, now, keys])
        cur.execute("SELECT min(id) FROM keys_keyset WHERE number LIKE 'BK%%' AND project_id = %s", [project_id])
        first = cur.fetchone()[0]
        loan_cols = """retain_until, project_id, serial, key_id, category, form_kind, applicant_id, holder_id,
            registered_by_id, contractor_name, contractor_company, purpose_kind, purpose, address, owner_name,
            key_name, room_number, period_start, period_end, is_important, is_emergency, off_premises, chain,
            chain_clause, status, applied_at, approved_at, issued_by_id, pieces_out, checked_out_at, due_at,
            due_rule, received_by_id, pieces_in, returned_at, returned_intact, closing_note"""
        common = "%(tech)s, %(tech)s, %(clerk)s, '', '', 'repair', 'bench', '', '', '', ''"
        args = {"project": project_id, "first": first, "keys": keys, "tech": users["gongcheng1"],
                "clerk": users["kefu1"], "admin": users["xingzheng"], "now": now, "history": history,
                "lent": max(1, int(keys * lent_share)), "retain": (now + dt.timedelta(days=730)).date()}
        if history:
            cur.execute(f"""
                INSERT INTO keys_keyloan ({loan_cols})
                SELECT %(retain)s, %(project)s, 'BH' || g, %(first)s + (g %% %(keys)s), 'public', 'public', {common},
                       %(now)s - make_interval(days => 1 + g %% 700), %(now)s - make_interval(days => g %% 700),
                       false, false, false, '[]', '', 'returned', %(now)s - make_interval(days => 1 + g %% 700),
                       %(now)s - make_interval(days => 1 + g %% 700), %(admin)s, 1,
                       %(now)s - make_interval(days => 1 + g %% 700), %(now)s - make_interval(days => g %% 700),
                       'after_use', %(admin)s, 1, %(now)s - make_interval(days => g %% 700), true, ''
                FROM generate_series(1, %(keys)s * %(history)s) AS g
            """, args)
        cur.execute(f"""
            INSERT INTO keys_keyloan ({loan_cols})
            SELECT %(retain)s, %(project)s, 'BL' || g, %(first)s + g, 'public', 'public', {common},
                   %(now)s - interval '2 hours', %(now)s + interval '2 days', false, false, false,
                   '[]', '', 'lent', %(now)s - interval '3 hours', %(now)s - interval '3 hours', %(admin)s, 1,
                   %(now)s - interval '2 hours', %(now)s + make_interval(hours => (g %% 48) - 12), 'after_use',
                   NULL, NULL, NULL, NULL, ''
            FROM generate_series(1, %(lent)s) AS g
        """, args)
        # The lent loans above are on keys first+1 … first+lent.
        cur.execute("UPDATE keys_keyset SET status = 'lent' WHERE id BETWEEN %(first)s + 1 AND %(first)s + %(lent)s",
                    args)
    with connection.cursor() as cur:  # after the indexes are back
        # As autovacuum leaves a table in service: statistics, and a visibility map that lets counts
        # read the index alone (a bulk-loaded table without it reads 3 M heap rows to count keys).
        cur.execute("VACUUM ANALYZE keys_keyset")
        cur.execute("VACUUM ANALYZE keys_keyloan")


def _cycle_plan(project, users, cycles_per_key: int, count: int = CYCLE_KEYS) -> list[dict]:
    """Keys with approved loans waiting at the desk: each lend + return cycle uses one loan."""
    from core import clock
    from keys.models import KeyLoan, KeySet
    from keys.states import KeyStatus, LoanStatus

    now = clock.now()
    keys = KeySet.objects.bulk_create([
        KeySet(project=project, number=f"CY{i:04d}", category="public", name=f"cycle key {i}", pieces=1,
               storage="CY", status=KeyStatus.IN_STORE, created_at=now, updated_at=now)
        for i in range(count)])
    keys = list(KeySet.objects.filter(project=project, number__startswith="CY").order_by("number"))
    loans = []
    for key in keys:
        for n in range(cycles_per_key):
            loans.append(KeyLoan(
                project=project, serial=f"CYL{key.pk}-{n}", key=key, category="public", form_kind="public",
                applicant=users["gongcheng1"], holder=users["gongcheng1"], registered_by=users["kefu1"],
                purpose_kind="repair", purpose="bench", key_name=key.name, period_start=now,
                period_end=now + dt.timedelta(days=30), status=LoanStatus.APPROVED, applied_at=now, approved_at=now,
                retain_until=(now + dt.timedelta(days=730)).date()))
    KeyLoan.objects.bulk_create(loans, batch_size=5000)
    by_key: dict[int, list[int]] = {}
    waiting = KeyLoan.objects.filter(project=project, serial__startswith="CYL")
    for loan_id, key_id in waiting.values_list("pk", "key_id"):
        by_key.setdefault(key_id, []).append(loan_id)
    return [{"key": k.pk, "tag": k.tag_token, "number": k.number, "loans": sorted(by_key[k.pk])} for k in keys]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=0, help="bulk keys (PostgreSQL only)")
    parser.add_argument("--history", type=int, default=0, help="returned loans per bulk key")
    parser.add_argument("--lent-share", type=float, default=0.01)
    parser.add_argument("--cycles-per-key", type=int, default=60)
    parser.add_argument("--cycle-keys", type=int, default=CYCLE_KEYS)
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    _django()
    from django.db import connection

    from bench.baseline.models import BareKey
    from core.demo import build_world

    started = time.monotonic()
    world = build_world(password=BENCH_PASSWORD)
    users = {name: user.pk for name, user in world.users.items()}
    project = world.projects[0]
    if options.keys and connection.vendor == "postgresql":
        _bulk_history_postgres(project.pk, users, options.keys, options.history, options.lent_share)
    plan = {"project": project.pk, "password": BENCH_PASSWORD, "issuer": "xingzheng",
            "cycle": _cycle_plan(project, world.users, options.cycles_per_key, options.cycle_keys),
            "bare": [k.pk for k in BareKey.objects.bulk_create([BareKey() for _ in range(CYCLE_KEYS)])],
            "seconds": 0.0}
    if not all(plan["bare"]):
        plan["bare"] = list(BareKey.objects.order_by("pk").values_list("pk", flat=True))
    plan["seconds"] = round(time.monotonic() - started, 1)
    Path(options.out).write_text(json.dumps(plan))
    print(f"seeded in {plan['seconds']} s")


if __name__ == "__main__":
    main()
