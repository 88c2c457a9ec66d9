"""Demo data of the attendance area: cuihu's clerk, this month's report in draft, a clock-in of whoever is on
shift, a leave of post.

Built through the services, so every time is the server's; without an issued roster it only designates the clerk
and drafts the (empty) report."""
from __future__ import annotations

import datetime as dt

from core import clock
from duty.models.attendance import AttendanceClerk, AttendanceReport, ClockEvent, PostLeave
from duty.selectors import attendance as sel
from duty.services import attendance as svc
from duty.services import attendance_post as post


def build(world) -> None:
    """Add this area's demo records (idempotent)."""
    users = world.users
    project = world.projects[0]
    if not AttendanceClerk.objects.filter(project=project, active=True).exists():
        svc.designate_clerk(project=project, person=users["kefu1"], actor=users["kfzg"])
    if not AttendanceReport.objects.filter(project=project).exists():
        # The clerk drafts this month's report, to be submitted to HR by the policy day (ATTEND-1).
        svc.prepare_report(project=project, month=clock.today(), actor=users["kefu1"])
    on_shift = [name for name in ("kefu1", "kefu2")
                if sel.current_shift(project=project, person=users[name]) is not None]
    if not on_shift:
        _ask_ahead(project, users)
        return  # no shift of the issued roster now: nothing to clock against
    for name in on_shift:
        if not ClockEvent.objects.filter(project=project, person=users[name]).exists():
            svc.record_clock(project=project, person=users[name], kind="in")
    if not PostLeave.objects.filter(project=project).exists():
        leave = post.request_leave(project=project, person=users[on_shift[0]], reason="去管理处领取办公用品")
        post.decide_leave(leave=leave, approver=users["kfzg"], approve=True, comment="尽快返回")


def _ask_ahead(project, users) -> None:
    """Off shift: whoever works the next shift within a day asks ahead to leave the post during it (ATTEND-2).
    The request waits for the supervisor; nothing is asked without an issued roster."""
    if PostLeave.objects.filter(project=project).exists():
        return
    now, today = clock.now(), clock.today()
    upcoming = [row for name in ("kefu1", "kefu2")
                for row in sel.person_rows(project=project, person=users[name], start=today,
                                           end=today + dt.timedelta(days=1))
                if now < row.start <= now + dt.timedelta(days=1)]
    if upcoming:
        row = min(upcoming, key=lambda r: r.start)
        post.request_leave(project=project, person=row.person,
                           reason="下一班次期间需到银行办理社保卡业务,申请离岗约30分钟,由同班同事代岗")
