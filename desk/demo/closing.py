"""Demo close of the desk (FRONT-4), in each project: yesterday evening's close by the second clerk, the cabinet
locked, the front-desk keys counted back against the key ledger, a held parcel and the unfinished work handed to
the first clerk. Today's close is left for the user to try."""
from __future__ import annotations

import datetime as dt

from core import clock, handoffs, policies
from desk.models import DeskClose
from desk.services import closing


def build(world) -> None:
    for project, prefix in zip(world.projects, ("", "bj_")):
        if DeskClose.objects.filter(project=project).exists():
            continue
        clerk, following = world.users.get(prefix + "kefu2"), world.users.get(prefix + "kefu1")
        if clerk is None or following is None:
            continue
        counted = None
        if handoffs.keys_on_hook.provided:
            counted = handoffs.keys_on_hook(project.pk, policies.value("desk.closing.key_category", project))
        close = closing.close_desk(project=project, clerk=clerk, next_clerk=following, cabinet_locked=True,
                                   keys_returned=True, keys_counted=counted,
                                   unfinished="1栋1201业主报修的厨房水龙头漏水，工程部明早上门，请跟进回访。",
                                   items_handed="前台抽屉钥匙一串；寄存雨伞、购物袋一份（业主1-201）。")
        # Yesterday's close: the service closes the clerk's day today, so the demo moves it to last evening.
        evening = clock.at_beijing(clock.today() - dt.timedelta(days=1), dt.time(18, 30))
        DeskClose.objects.filter(pk=close.pk).update(day=clock.beijing(evening).date(), closed_at=evening)
