"""Demo fees: the price list, the morning's receipts (one a large fee, one a decoration deposit), a reversal
awaiting the supervisor (login `kfzg`), a second clerk's day closed and received, fees due with one overdue and
reminded. Built through the services, once per project."""
from __future__ import annotations

import datetime as dt

from core import clock
from core.demo import World
from core.models import Project, Unit
from siteoffice.models import Price
from siteoffice.services import collection, prices, receipts
from siteoffice.states import FeeKind, PayMethod, ReminderChannel

PRICES = [
    (FeeKind.SERVICE, "物业服务费", "元/㎡·月", "2.50"),
    (FeeKind.ON_BEHALF, "代收水费", "元/吨", "4.20"),
    (FeeKind.DECORATION, "装修管理费", "元/㎡", "6.00"),
    (FeeKind.DECORATION_DEPOSIT, "装修押金", "元/户", "2000.00"),
    (FeeKind.OTHER_DEPOSIT, "出入证押金", "元/张", "50.00"),
]


def build_fees(world: World, project: Project, prefix: str) -> None:
    if Price.objects.filter(project=project).exists():
        return
    u = {name: world.users[prefix + name] for name in ("kefu1", "kefu2", "kfzg", "jingli")}
    today = clock.today()
    price = {name: prices.publish(project=project, by=u["kfzg"], kind=kind, name=name, unit_label=label,
                                  unit_price=amount, effective_from=today)
             for kind, name, label, amount in PRICES}
    units = list(Unit.objects.filter(project=project).select_related("building").order_by("pk")[:4])
    if len(units) < 3:
        return
    clerk = u["kefu1"]
    receipts.issue(project=project, clerk=clerk, price=price["物业服务费"], quantity="300", payer="王先生",
                   method=PayMethod.TRANSFER, unit=units[0], period=f"{today.year}年第四季度")
    water = receipts.issue(project=project, clerk=clerk, price=price["代收水费"], quantity="12.5", payer="李女士",
                           method=PayMethod.CASH, unit=units[1], period=f"{today:%Y-%m}")
    receipts.issue(project=project, clerk=clerk, price=price["物业服务费"], quantity="2400", payer="某某商贸有限公司",
                   method=PayMethod.TRANSFER, unit=units[2], period=f"{today.year}年全年")  # a large fee
    receipts.issue(project=project, clerk=clerk, price=price["装修押金"], quantity="1", payer="王先生",
                   method=PayMethod.CARD, unit=units[0])
    receipts.request_reversal(receipt=water, by=clerk, reason="抄表读数录错，应为10.5吨")
    other = u["kefu2"]
    receipts.issue(project=project, clerk=other, price=price["出入证押金"], quantity="2", payer="装修公司张工",
                   method=PayMethod.CASH, unit=units[0])
    close = collection.close_day(project=project, clerk=other)
    collection.sign_close(close=close, receiver=u["kfzg"])
    overdue = collection.record_due(project=project, by=clerk, unit=units[1], price=price["物业服务费"],
                                    quantity="270", period=f"{today.year}年第三季度",
                                    due_date=today - dt.timedelta(days=20), payer="李女士")
    collection.remind(due=overdue, by=clerk, channel=ReminderChannel.PHONE, note="业主称月底前缴清")
    collection.record_due(project=project, by=clerk, unit=units[2], price=price["物业服务费"], quantity="200",
                          period=f"{today.year + 1}年第一季度", due_date=today + dt.timedelta(days=25),
                          payer="某某商贸有限公司")
