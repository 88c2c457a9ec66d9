"""Demo data of the roster area: cuihu's front desk with this month's roster issued and next month's drafted."""
from __future__ import annotations

import datetime as dt

from core import clock
from duty.models import Roster, RosterAssignment, ShiftChangeRequest
from duty.services import roster as svc
from duty.services import roster_changes
from duty.states import RosterStatus


def _fill(roster: Roster, users, actor) -> Roster:
    """kefu1 and kefu2 alternate early and late shifts, each with a rest day a week."""
    cells = {}
    day = roster.period_start
    while day <= roster.period_end:
        n = (day - roster.period_start).days
        for offset, name in enumerate(("kefu1", "kefu2")):
            code = "" if (n + offset * 3) % 7 == 6 else ("E" if (n // 7 + offset) % 2 == 0 else "L")
            cells[(users[name].pk, day)] = code
        day += dt.timedelta(days=1)
    return svc.save_cells(roster=roster, actor=actor, cells=cells)


def build(world) -> None:
    """Add this area's demo records (idempotent)."""
    users = world.users
    for project in world.projects:
        svc.ensure_default_patterns(project=project)
    project = world.projects[0]
    if not svc.team_people(project=project, team="front_desk"):
        svc.set_team(project=project, team="front_desk", people=[users["kefu1"], users["kefu2"]],
                     actor=users["kfzg"])
    this_month = svc.month_start(clock.today())
    if not Roster.objects.filter(project=project, team="front_desk", period_start=this_month).exists():
        roster = svc.create_draft(project=project, team="front_desk", month=this_month, drafted_by=users["kefu1"])
        roster = _fill(roster, users, users["kefu1"])
        roster = svc.review_roster(roster=roster, reviewer=users["kfzg"])
        roster = svc.approve_roster(roster=roster, approver=users["jingli"])
        svc.issue_roster(roster=roster, actor=users["kfzg"])
    if not ShiftChangeRequest.objects.filter(project=project).exists():
        _ask_for_leave(project, users)
    upcoming = svc.next_month(this_month)
    if not Roster.objects.filter(project=project, team="front_desk", period_start=upcoming).exists():
        _fill(svc.create_draft(project=project, team="front_desk", month=upcoming, drafted_by=users["kefu1"]),
              users, users["kefu1"])


def _ask_for_leave(project, users) -> None:
    """kefu2 asks, well ahead of the notice period, for a day off on a shift of the issued roster (ROSTER-3).
    The request waits for 客服主管, who names the substitute; skipped when no such shift is left this month."""
    now = clock.now()
    shifts = RosterAssignment.objects.filter(
        roster__project=project, roster__team="front_desk", roster__status=RosterStatus.ISSUED,
        person=users["kefu2"], day__gte=clock.today() + dt.timedelta(days=2)).select_related("roster", "shift")
    assignment = next((a for a in shifts.order_by("day") if now < roster_changes.change_deadline(a)), None)
    if assignment is not None:
        roster_changes.request_change(assignment=assignment, requested_by=users["kefu2"], kind="leave",
                                      reason="孩子学校召开家长会,申请请假一天")
