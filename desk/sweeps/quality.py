"""Reminders of the quality-check area: a week short of spot checks, a week running out of days, an
open nonconformity past its deadline. Counts are queries; the sweep only notifies (QUALITY-1)."""
from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock
from core.models import Project
from core.notifications import notify, notify_each
from core.permissions import staff_in_policy_roles
from desk.selectors.quality import open_overdue, weeks


def sweep_project(project: Project) -> int:
    queued = 0
    today = clock.today()
    checkers = staff_in_policy_roles(project, "desk.quality.checker_roles")
    link = reverse("desk:quality-list")
    last_week, this_week = weeks(project=project, start=today - dt.timedelta(days=7), end=today)[-2:]
    if last_week["short"]:
        queued += notify_each(project=project, people=checkers, kind="desk.quality.week_short",
                              title=_("Only %(n)s of %(need)s spot checks of the front desk in the week of %(day)s") % {
                                  "n": last_week["count"], "need": last_week["need"], "day": last_week["start"]},
                              dedupe_key=f"desk.quality.week_short:{project.pk}:{last_week['start']}", link=link,
                              subject=f"desk.quality_week:{project.pk}:{last_week['start']}")
    days_left = (this_week["end"] - today).days + 1
    missing = this_week["need"] - this_week["count"]
    if missing > 0 and days_left <= missing:
        queued += notify_each(project=project, people=checkers, kind="desk.quality.week_running_out",
                              title=_("%(n)s spot check(s) of the front desk still due this week") % {"n": missing},
                              dedupe_key=f"desk.quality.week_running_out:{project.pk}:{today}", link=link,
                              subject=f"desk.quality_week:{project.pk}:{this_week['start']}")
    for nc in open_overdue(project=project):
        title = _("Nonconformity of %(day)s past its correction deadline") % {"day": nc.deadline}
        for person in {nc.person, *checkers}:
            queued += notify(project=project, recipient=person, kind="desk.quality.nc_overdue", title=title,
                             dedupe_key=f"desk.quality.nc_overdue:{nc.pk}:{person.pk}",
                             subject=f"desk.quality_nc:{nc.pk}",
                             link=reverse("desk:quality-detail", args=[nc.check_record_id]))
    return queued
