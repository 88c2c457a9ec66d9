"""Demo data of the handover area: one completed handover in cuihu from kefu1 to kefu2, with work
carried forward to the next shift, and a finished start-up of major equipment on record (built through the
services, idempotent)."""
from __future__ import annotations

import datetime as dt

from django.conf import settings

from core import clock
from core.errors import DomainError
from duty.models import EquipmentOperation, Handover
from duty.services import handover as svc
from duty.services import handover_extra as extra


def build(world) -> None:
    """Add this area's demo records (idempotent: each skipped once cuihu has one)."""
    project, u = world.projects[0], world.users
    if not Handover.objects.filter(project=project).exists():
        _handover(world, project, u)
    if not EquipmentOperation.objects.filter(project=project).exists():
        # The fire pump's monthly test run, registered and finished, so no handover waits on it (HANDOVER-5).
        op = extra.start_equipment_operation(project=project, started_by=u["gongcheng1"], equipment="消防水泵",
                                             kind="start", note="消防水泵月度试运行")
        extra.finish_equipment_operation(operation=op, finished_by=u["gongcheng1"],
                                         note="试运行正常,压力0.6MPa,已恢复自动状态")


def _handover(world, project, u) -> None:
    password = getattr(world, "password", None) or settings.PROPDESK_DEMO_PASSWORD
    out, inc = u["kefu1"], u["kefu2"]
    change = clock.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=20)
    handover = svc.start_handover(project=project, outgoing=out, incoming=inc, shift_change_at=change,
                                  shift_code="早班")
    svc.check_in(handover=handover, actor=inc)
    svc.update_preparation(handover=handover, actor=out, records_read=True, equipment_checked=True,
                           environment_checked=True, public_repairs="2栋大堂吊灯更换灯管,工程部已派单,预计明日完成。",
                           notes="快递柜旁暂存业主1-201包裹一件。")
    svc.record_counts(handover=handover, counted_by=out, counts={
        c.pk: {"counted": c.expected, "condition": "ok"} for c in handover.counts.all()})
    extra.add_carry_item(handover=handover, added_by=out, text="回复3栋502业主漏水报修进度(工程部下午反馈)")
    svc.mark_ready(handover=handover, actor=out)
    try:
        svc.complete_handover(handover=handover, actor=out, outgoing_password=password, incoming_password=password)
    except DomainError:
        # Another area's demo left a blocker (an open major event): the refused handover stays ready, on record.
        pass
