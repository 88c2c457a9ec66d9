"""Demo data of the holidays area: the statutory calendar and one household under decoration in cuihu."""
from __future__ import annotations

import datetime as dt

from core import clock
from core.models import Unit
from duty.models import DecorationHousehold
from duty.services import holidays as svc
from duty.services.holidays_calendar import load_from_package


def build(world) -> None:
    """Add this area's demo records (idempotent), through the services."""
    load_from_package()
    project = next(p for p in world.projects if p.code == "cuihu")
    if DecorationHousehold.objects.filter(project=project).exists():
        return
    unit = Unit.objects.filter(project=project).select_related("building").order_by(
        "building__code", "-floor", "number").first()
    if unit is None:
        return
    today = clock.today()
    svc.register_household(project=project, registered_by=world.users["kefu1"], unit=unit, contact_name="王先生",
                           contact_phone="13800138000", contractor="美家装饰工程有限公司",
                           starts=today - dt.timedelta(days=20), ends=today + dt.timedelta(days=70))
