"""Demo data of the attendance area: cuihu's clerk, a clock-in of whoever is on shift, a leave of post.

Built through the services, so every time is the server's; without an issued roster it only designates the clerk."""
from __future__ import annotations

from duty.models.attendance import AttendanceClerk, ClockEvent, PostLeave
from duty.selectors import attendance as sel
from duty.services import attendance as svc
from duty.services import attendance_post as post


def build(world) -> None:
    """Add this area's demo records (idempotent)."""
    users = world.users
    project = world.projects[0]
    if not AttendanceClerk.objects.filter(project=project, active=True).exists():
        svc.designate_clerk(project=project, person=users["kefu1"], actor=users["kfzg"])
    on_shift = [name for name in ("kefu1", "kefu2")
                if sel.current_shift(project=project, person=users[name]) is not None]
    if not on_shift:
        return  # no issued roster covering now: nothing to clock against
    for name in on_shift:
        if not ClockEvent.objects.filter(project=project, person=users[name]).exists():
            svc.record_clock(project=project, person=users[name], kind="in")
    if not PostLeave.objects.filter(project=project).exists():
        leave = post.request_leave(project=project, person=users[on_shift[0]], reason="去管理处领取办公用品")
        post.decide_leave(leave=leave, approver=users["kfzg"], approve=True, comment="尽快返回")
