"""Reminders of the roster area: deadlines are queries; a sweep only notifies (ROSTER-2, ROSTER-4)."""
from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from core import clock, notifications, policies
from core.models import Project
from core.permissions import staff_in_policy_roles
from duty.models import Roster, ShiftPattern
from duty.services import roster as svc
from duty.services.roster_holidays import upcoming_holidays
from duty.states import RosterStatus

WAITING = {RosterStatus.DRAFT: "duty.roster.reviewer_roles", RosterStatus.REVIEWED: "duty.roster.approver_roles",
           RosterStatus.APPROVED: "duty.roster.issuer_roles"}


def sweep_project(project: Project) -> int:
    """Remind drafters before the 25th when next month's roster is missing, approvers of rosters waiting on
    them, and drafters of statutory holidays whose roster is not yet issued."""
    today = clock.today()
    sent = 0
    month = svc.next_month(today)
    deadline = svc.deadline_for_month(project=project, month=month)
    remind_from = deadline - dt.timedelta(days=int(policies.value("duty.roster.remind_days_before", project)))
    if today >= remind_from:
        teams = set(ShiftPattern.objects.filter(project=project, active=True, is_holiday=False)
                    .values_list("team", flat=True))
        drafters = staff_in_policy_roles(project, "duty.roster.drafter_roles")
        for team in sorted(teams):
            if Roster.objects.filter(project=project, team=team, period_start=month, holiday_name="").exists():
                continue
            title = _("Next month's roster for %(team)s is due by %(day)s.") % {
                "team": svc.team_label(team), "day": f"{deadline:%Y-%m-%d}"}
            sent += notifications.notify_each(project=project, people=drafters, kind="duty.roster.draft_due",
                                              title=title,
                          dedupe_key=f"duty.roster.draft_due:{team}:{month}:{today}", link="/duty/roster/",
                          subject=f"duty.roster_month:{project.pk}:{team}:{month}")
    for roster in Roster.objects.filter(project=project, status__in=list(WAITING)):
        people = [p for p in staff_in_policy_roles(project, WAITING[roster.status]) if p.pk != roster.drafted_by_id]
        title = _("A roster is waiting for you: %(team)s %(period)s (%(status)s)") % {
            "team": svc.team_label(roster.team), "period": roster.holiday_name or f"{roster.period_start:%Y-%m}",
            "status": roster.get_status_display()}
        sent += notifications.notify_each(project=project, people=people, kind="duty.roster.waiting", title=title,
                      dedupe_key=f"duty.roster.waiting:{roster.pk}:{roster.status}", link=f"/duty/roster/{roster.pk}/",
                      subject=f"duty.roster:{roster.pk}")
    notice = int(policies.value("duty.roster.holiday_notice_days", project))
    for holiday in upcoming_holidays(project):
        name, start = holiday["name"], holiday["start"]
        if not name or not isinstance(start, dt.date) or not today <= start <= today + dt.timedelta(days=notice + 7):
            continue
        if Roster.objects.filter(project=project, holiday_name=name, period_start=start,
                                 status=RosterStatus.ISSUED).exists():
            continue
        title = _("The roster for %(holiday)s must reach HR by %(day)s.") % {
            "holiday": name, "day": f"{start - dt.timedelta(days=notice):%Y-%m-%d}"}
        sent += notifications.notify_each(
            project=project, people=staff_in_policy_roles(project, "duty.roster.drafter_roles"),
            kind="duty.roster.holiday_due", title=title, link="/duty/roster/holiday/",
            dedupe_key=f"duty.roster.holiday_due:{name}:{start}:{today}",
            subject=f"duty.roster_holiday:{project.pk}:{name}:{start}")
    return sent
