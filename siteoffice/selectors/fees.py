"""Reads of fees worth naming: the price list in force, a day's receipts, the large fees of a day (日收日报),
the monthly statement, days not yet closed, fees overdue (FEE-1, FEE-2). Overdue is a query, never a flag."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from core import clock, policies
from siteoffice.models import DailyClose, FeeDue, Price, Receipt
from siteoffice.states import EntryKind, FeeKind, PayMethod

ZERO = Decimal("0.00")
FEN = Decimal("0.01")


def _fen(value) -> Decimal:
    """A database sum to the fen (SQLite answers "30" for 30.00)."""
    return (value or ZERO).quantize(FEN)


def price_list(*, project, day: dt.date | None = None) -> list[Price]:
    """Each item's version in force on `day` (today)."""
    day = day or clock.today()
    rows = Price.objects.filter(project=project, effective_from__lte=day).order_by("kind", "name", "-effective_from")
    seen, current = set(), []
    for price in rows:
        if (price.kind, price.name) not in seen:
            seen.add((price.kind, price.name))
            current.append(price)
    return current


def receipts(*, project):
    return Receipt.objects.filter(project=project).select_related("clerk", "unit__building", "original")


def of_day(*, project, day: dt.date, clerk=None):
    qs = receipts(project=project).filter(day=day)
    return qs.filter(clerk=clerk) if clerk is not None else qs


def large_amount(project) -> Decimal:
    return Decimal(str(policies.value("siteoffice.fees.large_amount", project)))


def large_fees(*, project, day: dt.date):
    """大型费用日收日报: the day's charges of at least the policy's amount."""
    return of_day(project=project, day=day).filter(entry=EntryKind.CHARGE,
                                                   amount__gte=large_amount(project)).order_by("seq")


def labelled(by_method: dict) -> list[tuple[str, object]]:
    """(the method's words, amount) for a page or a print: never the stored codes."""
    labels = dict(PayMethod.choices)
    return [(labels[code], amount) for code, amount in by_method.items() if code in labels]


def day_totals(qs) -> dict:
    by_method = {m: ZERO for m in PayMethod.values}
    for row in qs.values("method").annotate(s=Sum("amount")):
        by_method[row["method"]] = _fen(row["s"])
    return {"by_method": by_method, "methods": labelled(by_method), "total": sum(by_method.values(), ZERO),
            "count": qs.count()}


@dataclass
class Statement:
    """The month's statement (本月的收支明细表, 002 篇3 §4.8.2): per item charged, reversed, refunded and net."""
    year: int
    month: int
    lines: list[dict] = field(default_factory=list)
    by_method: list = field(default_factory=list)  # (the method's words, amount)
    total: Decimal = ZERO
    receipts: int = 0


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    return start, dt.date(year + (month == 12), month % 12 + 1, 1)


def statement(*, project, year: int, month: int) -> Statement:
    start, end = month_bounds(year, month)
    qs = Receipt.objects.filter(project=project, day__gte=start, day__lt=end)
    sums: dict = defaultdict(lambda: {e: ZERO for e in EntryKind.values})
    for row in qs.values("kind", "entry").annotate(s=Sum("amount")):
        sums[row["kind"]][row["entry"]] = _fen(row["s"])
    labels = dict(FeeKind.choices)
    lines = [{"kind": kind, "label": labels[kind], "charged": sums[kind][EntryKind.CHARGE],
              "reversed": sums[kind][EntryKind.REVERSAL], "refunded": sums[kind][EntryKind.REFUND],
              "net": sum(sums[kind].values(), ZERO)} for kind in FeeKind.values if kind in sums]
    totals = day_totals(qs)
    return Statement(year, month, lines, totals["methods"], totals["total"], totals["count"])


def closes(*, project):
    return DailyClose.objects.filter(project=project).select_related("clerk", "received_by")


def unclosed_days(*, project, before: dt.date | None = None) -> list[dict]:
    """(clerk, day) with receipts and no close, before `before` (today): the days still to be closed."""
    before = before or clock.today()
    closed = set(DailyClose.objects.filter(project=project).values_list("clerk_id", "day"))
    rows = (Receipt.objects.filter(project=project, day__lt=before).values("clerk_id", "day")
            .annotate(n=Count("pk")).order_by("day", "clerk_id"))
    return [row for row in rows if (row["clerk_id"], row["day"]) not in closed]


def dues(*, project):
    return FeeDue.objects.filter(project=project).select_related("unit__building", "price")


def overdue(*, project, today: dt.date | None = None):
    today = today or clock.today()
    return dues(project=project).filter(paid_at__isnull=True, due_date__lt=today).order_by("due_date", "pk")


def unpaid(*, project):
    return dues(project=project).filter(paid_at__isnull=True)


def refundable_deposits(*, project):
    """Deposit receipts not yet refunded nor reversed."""
    return (receipts(project=project).filter(entry=EntryKind.CHARGE, kind__in=FeeKind.deposits())
            .filter(~Q(pk__in=Receipt.objects.filter(original__isnull=False).values("original_id"))))
