"""Reminders of custody checks and shift keys (KEY-CHECK-1, KEY-SHIFT-1). Deadlines are queries; this only notifies."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from core import clock, policies
from core.models import Project, User
from core.notifications import notify
from keys.selectors import custody_checks as sel


def _department_staff(project: Project, department: str) -> list[User]:
    return list(User.objects.filter(memberships__project=project, department__code=department, is_active=True)
                .distinct().order_by("pk"))


@transaction.atomic
def sweep_project(project: Project) -> int:
    """Overdue findings → owner; a check not done last period → its department; no front-desk slip yesterday."""
    sent = 0
    today = clock.today()
    for finding in sel.overdue_findings(project=project, today=today):
        title = _("Finding past its rectification deadline (%(deadline)s): %(text)s") % {
            "deadline": finding.deadline.isoformat(), "text": finding.description}
        sent += notify(project=project, recipient=finding.owner, kind="keys.custody_checks.finding_overdue",
                       title=title, link=f"/keys/custody/checks/{finding.check_record_id}/",
                       subject=f"keys.finding:{finding.pk}",
                       dedupe_key=f"keys.cc.finding:{finding.pk}:{today.isoformat()}")
    checks = policies.value("keys.custody_checks.checks", project)
    for missed in sel.missed_checks(project=project, today=today):
        title = _("The %(kind)s of %(start)s – %(end)s was not done.") % {
            "kind": missed["kind_display"], "start": missed["period_start"], "end": missed["period_end"]}
        for person in _department_staff(project, checks[missed["kind"]]["department"]):
            sent += notify(project=project, recipient=person, kind="keys.custody_checks.check_missed", title=title,
                           link="/keys/custody/checks/",
                           subject=f"keys.custody_check:{missed['kind']}:{missed['period_start']}",
                           dedupe_key=f"keys.cc.missed:{missed['kind']}:{missed['period_start']}:{person.pk}")
    yesterday = today - dt.timedelta(days=1)
    if sel.front_desk_missing_days(project=project, start=yesterday, end=yesterday):
        title = _("No front-desk key handover was recorded on %(day)s.") % {"day": yesterday.isoformat()}
        for person in _department_staff(project, "cs"):
            sent += notify(project=project, recipient=person, kind="keys.custody_checks.front_desk_missing",
                           title=title, link="/keys/custody/shift/", subject=f"keys.shift_day:{yesterday.isoformat()}",
                           dedupe_key=f"keys.cc.frontdesk:{yesterday.isoformat()}:{person.pk}")
    return sent
