"""Demo records of passes, through the services: an owner's goods approved for today (the guard `baoan1` can open
it at 门岗核验 by its code), a tenant's waiting for the owner's consent, one already let out, a decoration
worker's access pass (PASS-1)."""
from __future__ import annotations

import datetime as dt

from core import clock
from core.models import Unit
from desk.models import GoodsPass
from desk.services import passes, passes_access, passes_gate


def build(world) -> None:
    project = world.projects[0]
    if GoodsPass.objects.filter(project=project).exists():
        return
    u, today = world.users, clock.today()
    unit = Unit.objects.get(project=project, building__code="1", number="102")
    owner_move = passes.apply(project=project, registered_by=u["kefu1"], unit=unit, applicant_kind="owner",
                              applicant_name="业主1-102", applicant_phone="13800001102", exit_date=today,
                              goods=[{"name": "旧沙发", "quantity": 1}, {"name": "纸箱(书籍)", "quantity": 6}],
                              vehicle_plate="粤B12345", note="搬家,自有车辆")
    passes.decide(goods_pass=owner_move, approver=u["kfzg"], approve=True, comment="业主本人申请,核实无误")
    tenant = Unit.objects.get(project=project, building__code="1", number="202")
    passes.apply(project=project, registered_by=u["kefu2"], unit=tenant, applicant_kind="tenant",
                 applicant_name="租户 陈先生", applicant_phone="13900002202", exit_date=today + dt.timedelta(days=1),
                 goods=[{"name": "冰箱", "quantity": 1}, {"name": "洗衣机", "quantity": 1}])
    out = passes.apply(project=project, registered_by=u["kefu1"], unit=unit, applicant_kind="owner",
                       applicant_name="业主1-102", exit_date=today, goods=[{"name": "旧床垫", "quantity": 1}])
    passes.decide(goods_pass=out, approver=u["kfzg"], approve=True)
    passes_gate.record_exit(goods_pass=out, guard=u["baoan1"])
    decorated = Unit.objects.get(project=project, building__code="1", number="1201")
    passes_access.issue(project=project, issued_by=u["kefu1"], holder_name="刘师傅", id_number="44030119800101123X",
                        company_name="鸿基装饰工程有限公司", unit=decorated, purpose="室内装修(水电改造)",
                        valid_from=today, valid_until=today + dt.timedelta(days=30))
