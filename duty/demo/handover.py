"""Demo data of the handover area: one completed handover in cuihu from kefu1 to kefu2, with work
carried forward to the next shift (built through the services, idempotent)."""
from __future__ import annotations

import datetime as dt

from django.conf import settings

from core import clock
from core.errors import DomainError
from duty.models import Handover
from duty.services import handover as svc
from duty.services import handover_extra as extra


def build(world) -> None:
    """Add this area's demo records (idempotent: skipped once cuihu has a handover)."""
    project, u = world.projects[0], world.users
    if Handover.objects.filter(project=project).exists():
        return
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
