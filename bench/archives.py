"""The archive room at company scale (issue 15): 1 M volumes in one project's general catalogue beside a small
project of 10 k, then the catalogue search and the overdue register timed over HTTP on both, in one run.

  python -m bench.archives seed --volumes 1000000 --small 10000 --out var/bench/archives-plan.json
      (under bench.settings, PostgreSQL; after bench.seed has built the demo world)

`measure(base, plan)` is called by bench.run with the server up; it reports each request's median on the big and
the small project and their ratio: a ratio near 1 means the cost does not grow with the catalogue."""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import time
from pathlib import Path

from bench import load

# Requests a clerk's day makes of the archive room; {number} and {word} come from the plan.
REQUESTS = (
    ("catalogue, first page", "/api/archives/volumes/?project={project}"),
    ("catalogue, one category and year", "/api/archives/volumes/?project={project}&category={category}&year=2024"),
    ("catalogue search, a title word", "/api/archives/volumes/?project={project}&q={word}"),
    ("catalogue search, a volume number", "/api/archives/volumes/?project={project}&q={number}"),
    ("overdue register", "/api/archives/loans/?project={project}&overdue=1"),
)
TIMES = 9


def _seed_project(cur, *, project_id: int, company_id: int, user_id: int, department_id: int, volumes: int,
                  loans: int, overdue: int, now: dt.datetime, tag: str) -> dict:
    """`volumes` volumes over the company's categories and 20 years, `loans` returned loans and `overdue` loans
    still out past their due date. Titles carry a serial (标题 …号) so one word finds a handful of volumes."""
    cur.execute('SELECT id, code, "order" FROM archives_category WHERE company_id = %s ORDER BY id', [company_id])
    categories = cur.fetchall()
    ids, codes, orders = [c[0] for c in categories], [c[1] for c in categories], [c[2] for c in categories]
    cur.execute("""
        INSERT INTO archives_volume (retain_until, project_id, category_id, category_order, year, seq, number,
                                     title, retention, retention_years, owner, department_id, external_unit_id,
                                     status, created_by_id, created_at, sealed_at, room, cabinet, shelf, position,
                                     shelved_at, item_count)
        SELECT %(retain)s, %(project)s, (%(ids)s::int[])[1 + g %% %(n)s], (%(orders)s::int[])[1 + g %% %(n)s],
               2006 + (g / %(n)s) %% 20, g,
               'DA-' || (2006 + (g / %(n)s) %% 20) || '-' || (%(codes)s::text[])[1 + g %% %(n)s] || '-'
                     || lpad(g::text, 7, '0'),
               (ARRAY['业主入住资料','维修工程记录','值班记录','合同','会议纪要','巡查记录'])[1 + g %% 6]
                     || ' 第' || g || '号',
               'permanent', NULL, 'department', %(department)s, NULL,
               (ARRAY['open','open','open','sealed'])[1 + g %% 4], %(user)s, %(now)s, NULL, '', '', NULL, NULL,
               NULL, 3
        FROM generate_series(1, %(volumes)s) AS g
    """, {"retain": (now + dt.timedelta(days=3650)).date(), "project": project_id, "ids": ids, "codes": codes,
          "orders": orders, "n": len(ids), "department": department_id, "user": user_id, "now": now,
          "volumes": volumes})
    cur.execute("SELECT min(id) FROM archives_volume WHERE project_id = %s", [project_id])
    first = cur.fetchone()[0]
    common = """%(project)s, %(user)s, %(user)s, %(user)s, 'bench', '[]', '', %(first)s"""
    cols = """project_id, applicant_id, holder_id, registered_by_id, purpose, chain, chain_clause, volume_id, serial,
              kind, period_start, period_end, status, applied_at, approved_at, issued_by_id, checked_out_at, due_at,
              due_rule, received_by_id, returned_at, returned_intact, closing_note, items_out, items_in"""
    args = {"project": project_id, "user": user_id, "first": first, "now": now, "loans": loans,
            "overdue": overdue, "volumes": volumes, "tag": tag}
    cur.execute(f"""
        INSERT INTO archives_archiveloan ({cols})
        SELECT {common.replace('%(first)s', '%(first)s + g %% %(volumes)s')}, 'AB' || %(tag)s || g, 'borrow',
               %(now)s - make_interval(days => 30 + g %% 900), %(now)s - make_interval(days => 23 + g %% 900),
               'returned', %(now)s - make_interval(days => 30 + g %% 900),
               %(now)s - make_interval(days => 30 + g %% 900),
               %(user)s, %(now)s - make_interval(days => 30 + g %% 900), %(now)s - make_interval(days => 23 + g %% 900),
               'days', %(user)s, %(now)s - make_interval(days => 24 + g %% 900), true, '', 3, 3
        FROM generate_series(1, %(loans)s) AS g
    """, args)
    # Out and late: on distinct volumes (one open loan per volume), a few days to a few weeks past due.
    cur.execute(f"""
        INSERT INTO archives_archiveloan ({cols})
        SELECT {common.replace('%(first)s', '%(first)s + g * 7')}, 'AO' || %(tag)s || g, 'borrow',
               %(now)s - make_interval(days => 10 + g %% 30), %(now)s - make_interval(days => 3 + g %% 30), 'lent',
               %(now)s - make_interval(days => 10 + g %% 30), %(now)s - make_interval(days => 10 + g %% 30), %(user)s,
               %(now)s - make_interval(days => 10 + g %% 30), %(now)s - make_interval(days => 3 + g %% 30), 'days',
               NULL, NULL, NULL, '', 3, NULL
        FROM generate_series(1, %(overdue)s) AS g
    """, args)
    return {"project": project_id, "category": ids[0], "word": f"第{volumes // 3}号",
            "number": f"DA-{2006 + ((volumes // 2) // len(ids)) % 20}-{codes[(volumes // 2) % len(ids)]}-"
                      f"{volumes // 2:07d}"}


def seed(volumes: int, small: int, out: str) -> None:
    from bench.seed import BENCH_PASSWORD, _django

    _django()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from archives.services.catalogue import seed_categories
    from core.models import Department, Project

    started = time.monotonic()
    now = dt.datetime.now(dt.UTC)
    big, little = Project.objects.get(code="cuihu"), Project.objects.get(code="binjiang")
    users = get_user_model().objects
    archivist, small_archivist = users.get(username="dangan"), users.get(username="bj_dangan")
    seed_categories(company=big.company, by=archivist)
    department = Department.objects.filter(company=big.company).order_by("pk").first()
    with transaction.atomic(), connection.cursor() as cur:
        plan_big = _seed_project(cur, project_id=big.pk, company_id=big.company_id, user_id=archivist.pk,
                                 department_id=department.pk, volumes=volumes, loans=volumes // 5,
                                 overdue=max(1, volumes // 500), now=now, tag="B")
        plan_small = _seed_project(cur, project_id=little.pk, company_id=big.company_id,
                                   user_id=small_archivist.pk, department_id=department.pk, volumes=small,
                                   loans=small // 5, overdue=max(1, small // 500), now=now, tag="S")
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE archives_volume")
        cur.execute("VACUUM ANALYZE archives_archiveloan")
    plan = {"password": BENCH_PASSWORD, "volumes": volumes, "small_volumes": small,
            "big": dict(plan_big, user="dangan"), "small": dict(plan_small, user="bj_dangan"),
            "seconds": round(time.monotonic() - started, 1)}
    Path(out).write_text(json.dumps(plan))
    print(f"archives seeded in {plan['seconds']} s")


def measure(base: str, plan: dict) -> list[dict]:
    """Median of TIMES requests for each of REQUESTS, on the big and the small project, in one run."""

    async def timed(side: dict) -> dict[str, float]:
        client = await load.signed_in(base, side["user"], plan["password"])
        medians = {}
        try:
            for name, template in REQUESTS:
                url = template.format(**side)
                samples = []
                for _ in range(TIMES):
                    started = time.perf_counter()
                    response = await client.get(url)
                    samples.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise SystemExit(f"{url} answered {response.status_code}: {response.text[:300]}")
                medians[name] = round(sorted(samples)[len(samples) // 2], 1)
        finally:
            await client.aclose()
        return medians

    big, small = asyncio.run(timed(plan["big"])), asyncio.run(timed(plan["small"]))
    return [{"request": name, "big_ms": big[name], "small_ms": small[name],
             "ratio": round(big[name] / small[name], 2) if small[name] else 0.0} for name, _t in REQUESTS]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["seed"])
    parser.add_argument("--volumes", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    seed(options.volumes, options.small, options.out)


if __name__ == "__main__":
    main()
