"""Reminders of the attendance area: deadlines are queries; a sweep only notifies (ATTEND-1)."""
from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock, notifications, policies
from core.models import Project
from core.permissions import staff_in_policy_roles
from duty.models.attendance import ReportStatus
from duty.selectors import attendance as sel


def sweep_project(project: Project) -> int:
    """Before the policy day, remind the clerk (or the supervisors, when none is designated) that last month's
    report is due; after it, tell the supervisors it is overdue (001 篇11 §1.1.3)."""
    today = clock.today()
    month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    due = sel.report_due_on(project=project, month=month)
    report = sel.report_for(project=project, month=month)
    if report is not None and report.status == ReportStatus.SUBMITTED:
        return 0
    remind = int(policies.value("duty.attendance.remind_days_before", project))
    link = reverse("duty:attendance-report", args=[f"{month:%Y-%m}"])
    values = {"month": f"{month:%Y-%m}", "due": due.isoformat()}
    if due - dt.timedelta(days=remind) <= today <= due:
        clerk = sel.current_clerk(project)
        recipients = [clerk] if clerk else staff_in_policy_roles(project, "duty.attendance.supervisor_roles")
        kind, title = "duty.attendance.report_due", _("Attendance report %(month)s is due on %(due)s") % values
    elif today > due:
        recipients = staff_in_policy_roles(project, "duty.attendance.supervisor_roles")
        clerk = sel.current_clerk(project)
        if clerk and clerk not in recipients:
            recipients.append(clerk)
        kind = "duty.attendance.report_overdue"
        title = _("Attendance report %(month)s is overdue (due %(due)s)") % values
    else:
        return 0
    return sum(notifications.notify(project=project, recipient=person, kind=kind, title=title, link=link,
                                    subject=f"duty.attendance_month:{project.pk}:{month:%Y-%m}",
                                    dedupe_key=f"{kind}.{project.pk}.{month:%Y-%m}.{person.pk}")
               for person in recipients)
