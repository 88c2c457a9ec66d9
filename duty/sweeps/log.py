"""Reminders of the log area: deadlines are queries; a sweep only notifies (DUTY-LOG-3, DUTY-LOG-4)."""
from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock
from core.models import Project
from core.notifications import notify
from core.permissions import staff_in_policy_roles
from duty.selectors.log import overdue_reports, unsigned_days
from duty.states import SignoffKind


def sweep_project(project: Project) -> int:
    """Overdue written reports to their writer and the 客服部经理; yesterday's unsigned / unread log."""
    queued = 0

    managers = staff_in_policy_roles(project, "duty.log.report_roles")
    for report in overdue_reports(project=project):
        title = _("Written report of %(serial)s is overdue (due %(due)s)") % {
            "serial": report.entry.serial, "due": clock.beijing(report.report_due_at).strftime("%m-%d %H:%M")}
        link = reverse("duty:log-entry", args=[report.entry_id])
        for person in {report.filled_by, report.entry.recorded_by, *managers}:
            queued += notify(project=project, recipient=person, kind="duty.log.report_overdue", title=title,
                             dedupe_key=f"duty.log.report_overdue:{report.pk}:{person.pk}", link=link,
                             subject=f"duty.log_report:{report.pk}")
    yesterday = clock.today() - dt.timedelta(days=1)
    for kind, key in ((SignoffKind.MANAGER_SIGNOFF, "duty.log.signoff_roles"),
                      (SignoffKind.SUPERVISOR_READ, "duty.log.reading_roles")):
        if yesterday not in unsigned_days(project=project, kind=kind, start=yesterday, end=yesterday):
            continue
        title = (_("Sign the duty log of %(day)s") if kind == SignoffKind.MANAGER_SIGNOFF
                 else _("Read the duty log of %(day)s")) % {"day": yesterday.isoformat()}
        link = reverse("duty:log") + f"?day={yesterday.isoformat()}"
        for person in staff_in_policy_roles(project, key):
            queued += notify(project=project, recipient=person, kind=f"duty.log.{kind}", title=title,
                             dedupe_key=f"duty.log.{kind}:{project.pk}:{yesterday.isoformat()}:{person.pk}",
                             link=link, subject=f"duty.log_day:{project.pk}:{yesterday.isoformat()}")
    return queued

