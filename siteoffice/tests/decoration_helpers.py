"""Builders of the decoration tests, through the services."""
from __future__ import annotations

import datetime as dt

from core import clock
from siteoffice.services import decoration
from siteoffice.states import FeeKind, PayMethod
from siteoffice.tests.helpers import price, unit


def prices(project, users) -> None:
    price(project, users, kind=FeeKind.DECORATION, name="装修管理费", unit_price="6.00", label="元/㎡")
    price(project, users, kind=FeeKind.DECORATION_DEPOSIT, name="装修押金", unit_price="2000.00", label="元/户")


def apply(project, users, *, index: int = 4, structural: bool = True, by: str = "kefu1", days: int = 30, **kw):
    today = clock.today()
    fields = {"owner_name": "赵先生", "owner_phone": "13800138000", "contractor": "安居装饰", "starts": today,
              "ends": today + dt.timedelta(days=days), "works": "厨卫翻新", "area": "89.50",
              "structural": structural, "structural_detail": "拆除非承重隔墙" if structural else "", **kw}
    return decoration.apply(project=project, by=users[by], unit=unit(project, index), **fields)


def approve_all(d, users):
    for step in d.chain:
        d = decoration.decide(decoration=d, approver=users["gongcheng1" if step["code"] == "engineering" else "kfzg"],
                              approve=True, drawings_checked=True)
    return d


def permitted(project, users, **kw):
    d = approve_all(apply(project, users, **kw), users)
    d = decoration.charge(decoration=d, clerk=users["kefu1"], method=PayMethod.TRANSFER)
    return decoration.issue_permit(decoration=d, by=users["kefu1"])
