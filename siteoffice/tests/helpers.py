"""Builders of the site-office tests, through the services (never the project's code mocked)."""
from __future__ import annotations

import datetime as dt

from core import clock
from core.models import Unit
from siteoffice.models import Price
from siteoffice.services import prices, receipts
from siteoffice.states import FeeKind, PayMethod

# A Tuesday morning, Beijing time.
MORNING = dt.datetime(2026, 3, 10, 9, 30)


def at(day: dt.date | dt.datetime, hour: int = 9, minute: int = 30) -> dt.datetime:
    if isinstance(day, dt.datetime):
        day = day.date()
    return clock.at_beijing(day, dt.time(hour, minute))


def price(project, users, *, kind=FeeKind.SERVICE, name="物业服务费", unit_price="2.50", label="元/㎡·月",
          effective_from=None) -> Price:
    return prices.publish(project=project, by=users["kfzg"], kind=kind, name=name, unit_label=label,
                          unit_price=unit_price, effective_from=effective_from or clock.today())


def unit(project, index: int = 0) -> Unit:
    return Unit.objects.filter(project=project).order_by("pk")[index]


def issue(project, users, p: Price, *, quantity="1", clerk="kefu1", method=PayMethod.CASH, payer="王先生", **kw):
    return receipts.issue(project=project, clerk=users[clerk], price=p, quantity=quantity, payer=payer,
                          method=method, **kw)
