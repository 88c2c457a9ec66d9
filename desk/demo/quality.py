"""Demo records of the quality-check area, through the services: spot checks this week, one with a
nonconformity (one closed), and a check at the latest completed handover when there is one."""
from __future__ import annotations

import datetime as dt

from core import clock
from desk.models import CheckKind, QualityCheck
from desk.services import quality as svc
from duty.models import Handover, HandoverStatus  # declared direction: quality checks inspect handovers


def build(world) -> None:
    project = world.projects[0]
    if QualityCheck.objects.filter(project=project, note__startswith="[demo]").exists():
        return
    u = world.users
    svc.record_check(project=project, checked_by=u["kfzg"], kind=CheckKind.SPOT, note="[demo] 前台值班情况良好。")
    check = svc.record_check(
        project=project, checked_by=u["kfzg"], kind=CheckKind.SPOT, note="[demo] 抽查发现两项不合格。",
        failed_items=["仪容仪表行为规范", "值班记录"],
        nonconformities=[
            {"item": "仪容仪表行为规范", "person": u["kefu2"], "description": "未佩戴工牌",
             "correction": "即时佩戴工牌,班前自查", "deadline": clock.today()},
            {"item": "值班记录", "person": u["kefu1"], "description": "10:20来电投诉未记录处理结果",
             "correction": "补记处理结果并跟进", "deadline": clock.today() + dt.timedelta(days=2)}])
    svc.close_nonconformity(nonconformity=check.nonconformities.get(item="仪容仪表行为规范"), closed_by=u["kfzg"],
                            note="现场复查已佩戴")
    handover = (Handover.objects.filter(project=project, status=HandoverStatus.COMPLETED)
                .exclude(pk__in=QualityCheck.objects.filter(handover__isnull=False).values("handover"))
                .order_by("-shift_change_at").first())
    if handover is not None:
        svc.record_check(project=project, checked_by=u["kfzg"], kind=CheckKind.HANDOVER, handover=handover,
                         note="[demo] 交接班检查,物品清点无误。")
