"""Demo decoration: one household under decoration with a structural change (checked by engineering, approved,
charged, permitted, patrolled with a violation to rectify), one application awaiting the supervisor (login
`kfzg`), and one finished — accepted by engineering and its deposit refunded. Built through the services."""
from __future__ import annotations

import datetime as dt

from core import clock
from core.demo import World
from core.models import Project, Unit
from siteoffice.models import Decoration
from siteoffice.services import decoration, patrols
from siteoffice.states import PayMethod, Severity


def _apply(u, project, unit, owner, *, starts, ends, structural=False, detail=""):
    return decoration.apply(project=project, by=u["kefu1"], unit=unit, owner_name=owner, owner_phone="13800138000",
                            contractor="安居装饰工程有限公司", contractor_phone="13900139000", starts=starts, ends=ends,
                            works="厨卫翻新、铺贴地砖、墙面乳胶漆", area="89.50", structural=structural,
                            structural_detail=detail)


def _through_permit(u, d):
    for step in d.chain:
        approver = u["gongcheng1"] if step["code"] == "engineering" else u["kfzg"]
        d = decoration.decide(decoration=d, approver=approver, approve=True, comment="同意",
                              drawings_checked=step["code"] == "engineering")
    d = decoration.charge(decoration=d, clerk=u["kefu1"], method=PayMethod.TRANSFER)
    return decoration.issue_permit(decoration=d, by=u["kefu1"])


def build_decoration(world: World, project: Project, prefix: str) -> None:
    if Decoration.objects.filter(project=project).exists():
        return
    u = {name: world.users[prefix + name] for name in ("kefu1", "kfzg", "gongcheng1")}
    units = list(Unit.objects.filter(project=project).select_related("building").order_by("pk"))
    if len(units) < 7:
        return
    today = clock.today()
    under_way = _through_permit(u, _apply(u, project, units[4], "赵先生", starts=today - dt.timedelta(days=5),
                                          ends=today + dt.timedelta(days=40), structural=True,
                                          detail="拆除厨房与餐厅之间非承重隔墙"))
    patrols.record_patrol(project=project, zone=units[4].building.zone or "1组团", by=u["kefu1"],
                          note="巡查装修户一户", violations=[{
                              "decoration": under_way, "description": "楼道堆放建筑垃圾", "severity": Severity.MINOR,
                              "deadline": today + dt.timedelta(days=2)}])
    _apply(u, project, units[5], "钱女士", starts=today + dt.timedelta(days=3), ends=today + dt.timedelta(days=60))
    done = _through_permit(u, _apply(u, project, units[6], "孙先生", starts=today - dt.timedelta(days=1),
                                     ends=today + dt.timedelta(days=1)))
    done = decoration.accept(decoration=done, inspector=u["gongcheng1"], passed=True, note="验收合格")
    decoration.refund_deposit(decoration=done, clerk=u["kefu1"], reason="验收合格，全额退还装修押金")
