"""Builders of the store-room tests, through the services."""
from __future__ import annotations

import datetime as dt

from core import clock
from stores.services import stock
from stores.states import DocKind

# A Tuesday morning, Beijing time.
MORNING = dt.datetime(2026, 3, 10, 9, 30)


def at(day: dt.date | dt.datetime, hour: int = 9, minute: int = 30) -> dt.datetime:
    if isinstance(day, dt.datetime):
        day = day.date()
    return clock.at_beijing(day, dt.time(hour, minute))


def stocked(project, users, warehouse, item, quantity: int, *, kind=DocKind.PURCHASE, **line):
    """`quantity` of `item` received into `warehouse` and audited (writer cangguan, auditor gczg)."""
    doc = stock.create(project=project, by=users["cangguan"], kind=kind, warehouse=warehouse,
                       lines=[{"item": item, "quantity": quantity, **line}])
    return stock.audit_document(document=doc, auditor=users["gczg"])


def issue(project, users, warehouse, item, quantity: int, *, kind=DocKind.OWN_USE, red=False, audit=True):
    doc = stock.create(project=project, by=users["cangguan"], kind=kind, warehouse=warehouse, red=red,
                       lines=[{"item": item, "quantity": quantity}])
    return stock.audit_document(document=doc, auditor=users["gczg"]) if audit else doc
