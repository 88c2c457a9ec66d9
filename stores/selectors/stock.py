"""Reads of stock: balances, the daily journal per site, the check of every balance against its journal (STOCK-4)."""
from __future__ import annotations

import datetime as dt

from django.db.models import Q, Sum

from core import clock, policies
from stores.models import Balance, Item, Location, Lot, Movement, Warehouse
from stores.states import Grade


def quantity(warehouse: Warehouse, item: Item, grade: str = Grade.GOOD) -> int:
    row = Balance.objects.filter(warehouse=warehouse, item=item, grade=grade).values_list("quantity", flat=True)
    return row[0] if row else 0


def balances(warehouse: Warehouse):
    return (Balance.objects.filter(warehouse=warehouse).select_related("item", "location")
            .order_by("item__code", "grade"))


def journal_total(warehouse: Warehouse, item: Item, grade: str) -> int:
    return Movement.objects.filter(warehouse=warehouse, item=item, grade=grade).aggregate(
        n=Sum("delta"))["n"] or 0


def check_balances(warehouse: Warehouse) -> list[dict]:
    """Every (item, grade) whose balance differs from the sum of its journal: empty when the books agree."""
    sums = {(r["item_id"], r["grade"]): r["n"] for r in Movement.objects.filter(warehouse=warehouse)
            .values("item_id", "grade").annotate(n=Sum("delta")).order_by()}
    held = {(r["item_id"], r["grade"]): r["quantity"]
            for r in Balance.objects.filter(warehouse=warehouse).values("item_id", "grade", "quantity")}
    out = []
    for key in sorted(set(sums) | set(held)):
        if sums.get(key, 0) != held.get(key, 0):
            out.append({"item": key[0], "grade": key[1], "balance": held.get(key, 0), "journal": sums.get(key, 0)})
    return out


def daily_journal(warehouse: Warehouse, day: dt.date) -> dict:
    """The day's in/out journal of a warehouse (出入库流水账): every movement, and totals in and out."""
    rows = list(Movement.objects.filter(warehouse=warehouse, day=day).select_related("item", "document")
                .order_by("occurred_at", "pk"))
    return {"day": day, "warehouse": warehouse, "rows": rows,
            "in": sum(m.delta for m in rows if m.delta > 0), "out": -sum(m.delta for m in rows if m.delta < 0)}


def expiring_lots(project, *, within_days: int | None = None):
    """Lots still held that expire within the warning period (or already have), soonest first (STOCK-8)."""
    days = within_days if within_days is not None else policies.value("stores.expiry_warn_days", project)
    limit = clock.today() + dt.timedelta(days=days)
    return (Lot.objects.filter(warehouse__project=project, remaining__gt=0, expires_on__lte=limit)
            .select_related("item", "warehouse").order_by("expires_on"))


def maintenance_due(project):
    """Balances of items with a maintenance cycle whose last maintenance is older than the cycle (STOCK-8)."""
    today = clock.today()
    due = []
    for b in (Balance.objects.filter(warehouse__project=project, quantity__gt=0, item__maintenance_days__isnull=False)
              .select_related("item", "warehouse")):
        last = b.maintained_on
        if last is None or (today - last).days >= b.item.maintenance_days:
            due.append(b)
    return due


def location_card(location: Location) -> dict:
    """物料卡: 库号、架(区)号、层(排)号、位号、名称、编号、规格、有效期限、储备定额 (STOCK-11; 003 篇2 §1.4)."""
    rows = []
    for b in Balance.objects.filter(location=location, quantity__gt=0).select_related("item"):
        soonest = (Lot.objects.filter(warehouse=location.warehouse, item=b.item, grade=b.grade, remaining__gt=0)
                   .exclude(expires_on=None).order_by("expires_on").values_list("expires_on", flat=True).first())
        rows.append({"item": b.item, "grade": b.grade, "quantity": b.quantity, "expires_on": soonest,
                     "reserve": b.item.reserve})
    return {"warehouse": location.warehouse, "location": location, "rows": rows}


def hazardous_misplaced(project):
    """Hazardous goods held outside a hazardous-goods location (the periodic check, STOCK-11)."""
    return Balance.objects.filter(warehouse__project=project, item__hazardous=True, quantity__gt=0).filter(
        Q(location__isnull=True) | Q(location__hazardous=False))
