"""Reminders of the holidays area: deadlines are queries; a sweep only notifies (HOLIDAY-1, HOLIDAY-2).

Before each holiday the desk is reminded of notices not yet posted and households under decoration not yet
called, and the project manager of the safety inspection a long break needs."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock, notifications, policies
from core.models import Project
from core.permissions import staff_in_policy_roles
from duty.models import DecorationCall, HolidayInspection, HolidayNotice, HolidayPrep, NoticeKind
from duty.selectors import holidays as sel


def sweep_project(project: Project) -> int:
    """Queue this area's reminders for one project; returns how many were queued. Sent once a day while the
    item is open, from `remind_days_before` ahead of the holiday until its first day off."""
    today = clock.today()
    ahead = int(policies.value("duty.holidays.remind_days_before", project))
    sent = 0
    desk = staff_in_policy_roles(project, "duty.holidays.desk_roles")
    for period in sel.upcoming_holidays(project=project, today=today, within_days=ahead):
        if today >= period.start:
            continue  # the holiday has begun: what is missing is flagged on the page, not chased
        prep = HolidayPrep.objects.filter(project=project, start=period.start).first()
        link = reverse("duty:holidays-prep", args=[prep.pk]) if prep else reverse("duty:holidays")
        key = f"duty.holidays:{project.pk}:{period.start}:{today}"
        channels = policies.value("duty.holidays.notice_channels", project)
        posted = HolidayNotice.objects.filter(prep=prep).count() if prep else 0
        if posted < len(channels) * len(NoticeKind.values):
            due = sel.notice_due(project=project, name=period.name, start=period.start, days=period.days)
            sent += notifications.notify_each(project=project, people=desk, kind="duty.holidays.notices",
                          title=_("%(holiday)s: decoration-stop and safety notices due by %(day)s")
                          % {"holiday": period.name, "day": due}, dedupe_key=f"{key}:notices", link=link,
                          subject=f"duty.holiday:{project.pk}:{period.start}")
        households = sel.households_under_decoration(project=project, start=period.start, end=period.end)
        called = set(DecorationCall.objects.filter(prep=prep).values_list("household_id", flat=True)) if prep else set()
        to_call = [h for h in households if h.pk not in called]
        if to_call:
            due = sel.call_due(project=project, start=period.start)
            sent += notifications.notify_each(project=project, people=desk, kind="duty.holidays.calls",
                          title=_("%(holiday)s: %(count)s households under decoration to phone by %(day)s")
                          % {"holiday": period.name, "count": len(to_call), "day": due},
                          dedupe_key=f"{key}:calls", link=link, subject=f"duty.holiday:{project.pk}:{period.start}")
        if sel.needs_inspection(project=project, days=period.days) and not (
                prep and HolidayInspection.objects.filter(prep=prep).exists()):
            sent += notifications.notify_each(
                project=project, people=staff_in_policy_roles(project, "duty.holidays.inspection_roles"),
                          kind="duty.holidays.inspection",
                          title=_("%(holiday)s: safety inspection due before %(day)s")
                          % {"holiday": period.name, "day": period.start}, dedupe_key=f"{key}:inspection", link=link,
                          subject=f"duty.holiday:{project.pk}:{period.start}")
    return sent
