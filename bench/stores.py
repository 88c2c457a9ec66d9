"""The store room at scale (issue 19): a site's stock balance and its journal over millions of movements.

  python -m bench.stores world                         (the demo company and the store room's demo stock only —
                                                        enough for `seed`; or run `manage.py demo_data`)
  python -m bench.stores seed --movements 10000000     (DJANGO_SETTINGS_MODULE=bench.settings, PostgreSQL)
  python -m bench.stores measure

`seed` writes the movements straight into the journal with generate_series (one audited document carries them)
and sets each balance to the sum of its journal, so the books agree. `measure` times, each a median of TIMES runs:
one balance read (the issue path: one indexed row), the day's journal of the site (index on warehouse, day), and
the full check of every balance against its journal (an aggregate over the warehouse's whole journal — the
reconciliation's cost, which grows with the journal). Not part of the quick runs: 10 M rows take minutes."""
from __future__ import annotations

import argparse
import json
import os
import statistics
import time

TIMES = 7


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django
    django.setup()


def world() -> dict:
    """The demo company, its projects and staff, and the store room's warehouses with one audited purchase-in: what
    `seed` needs, without every room's demo records (the bench's quick phase stays short)."""
    from core.demo import build_world
    from stores.demo.stock import build

    built = build_world()
    build(built)
    return {"project": built.projects[0].pk}


def seed(movements: int) -> dict:
    from django.db import connection, transaction

    from core import clock
    from core.models import Project
    from stores.models import Balance, Item, StockDocument, Warehouse
    from stores.states import Level

    project = Project.objects.order_by("pk").first()
    site = Warehouse.objects.filter(project=project, level=Level.SITE).first() if project else None
    doc = StockDocument.objects.filter(warehouse=site).order_by("pk").first()
    if site is None or doc is None:
        raise SystemExit("run `manage.py demo_data` first: the site warehouse and its first document are needed")
    items = list(Item.objects.filter(company_id=project.company_id).values_list("pk", flat=True))
    start = clock.now()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("""
            INSERT INTO stores_movement (project_id, warehouse_id, item_id, grade, delta, document_id, day, occurred_at)
            SELECT %s, %s, (%s::int[])[1 + (g %% %s)], 'good', CASE WHEN g %% 3 = 0 THEN -1 ELSE 2 END, %s,
                   (%s::date - (g / 3000)::int), %s - make_interval(secs => g)
            FROM generate_series(1, %s) AS g""",
                    [project.pk, site.pk, items, len(items), doc.pk, clock.today(), start, movements])
        for item in items:
            cur.execute("SELECT COALESCE(SUM(delta), 0) FROM stores_movement WHERE warehouse_id = %s AND "
                        "item_id = %s AND grade = 'good'", [site.pk, item])
            n = cur.fetchone()[0]
            Balance.objects.update_or_create(warehouse=site, item_id=item, grade="good", defaults={"quantity": n})
    return {"project": project.pk, "warehouse": site.pk, "items": items, "movements": movements}


def _median(call) -> float:
    runs = []
    for _ in range(TIMES):
        began = time.perf_counter()
        call()
        runs.append((time.perf_counter() - began) * 1000)
    return round(statistics.median(runs), 2)


def measure() -> dict:
    from core import clock
    from stores.models import Item, Movement, Warehouse
    from stores.selectors import stock as sel
    from stores.states import Level

    site = Warehouse.objects.filter(level=Level.SITE).order_by("pk").first()
    item = Item.objects.filter(company_id=site.project.company_id).order_by("pk").first()
    return {
        "movements": Movement.objects.filter(warehouse=site).count(),
        "balance of one item (ms)": _median(lambda: sel.quantity(site, item)),
        "the day's journal of the site (ms)": _median(lambda: sel.daily_journal(site, clock.today())),
        "check of every balance against the journal (ms)": _median(lambda: sel.check_balances(site)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.stores")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("seed").add_argument("--movements", type=int, default=10_000_000)
    sub.add_parser("measure")
    sub.add_parser("world")
    args = parser.parse_args()
    _setup()
    result = {"seed": lambda: seed(args.movements), "measure": measure, "world": world}[args.command]()
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
