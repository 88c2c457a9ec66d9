"""Demo records of lost property, through the services: an item held at the desk (it shows in the handover), one
handed back to its owner against ID with a signature, and one unclaimed past the keeping period for the supervisor
(login `kfzg`) to dispose of before a witness (LOST-1)."""
from __future__ import annotations

import datetime as dt

from core import clock, policies
from desk.demo.repairs import SIGNATURE
from desk.models import LostItem
from desk.services import lost


def build(world) -> None:
    project = world.projects[0]
    if LostItem.objects.filter(project=project).exists():
        return
    u, now = world.users, clock.now()
    lost.register(project=project, registered_by=u["kefu1"], description="黑色钱包(内有银行卡两张)",
                  found_at=now - dt.timedelta(hours=3), place="1栋大堂休息区", finder_name="郑保安",
                  kept_at="前台保险柜")
    keys = lost.register(project=project, registered_by=u["kefu2"], description="汽车钥匙一把(丰田)",
                         found_at=now - dt.timedelta(days=1, hours=2), place="地下车库B区", finder_name="保洁 王阿姨",
                         kept_at="前台抽屉")
    lost.hand_back(item=keys, returned_by=u["kefu2"], claimant_name="业主1-1201", id_number="440301198505054321",
                   claimant_phone="13800001201", signature_image=SIGNATURE)
    # Found four months ago and never claimed: the keeping period is over (desk.lost.keep_days).
    days = int(policies.value("desk.lost.keep_days", project)) + 30
    found = now - dt.timedelta(days=days)
    old = lost.register(project=project, registered_by=u["kefu1"], description="蓝色折叠雨伞一把",
                        found_at=found, place="2栋电梯厅", finder_name="保洁 李阿姨", kept_at="前台储物柜")
    # Registered the day it was found (the service stamps the registration with the time it runs).
    LostItem.objects.filter(pk=old.pk).update(registered_at=found + dt.timedelta(hours=1))
