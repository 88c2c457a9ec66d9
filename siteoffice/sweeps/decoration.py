"""Decoration reminders (DECOR-1, DECOR-2): a permit about to run out, to the clerks (the household finishes or
applies again; the inspection is arranged), and each violation past its deadline, daily, to the patrollers and the
supervisor (003 篇9 四.2 严重违章上报客服主管)."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock
from core.models import Project
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles
from siteoffice.selectors import decoration as selectors


def sweep_project(project: Project) -> int:
    queued, day = 0, clock.today().isoformat()
    clerks = staff_in_policy_roles(project, "siteoffice.decoration.clerk_roles")
    for d in selectors.permits_expiring(project=project):
        queued += notify_each(project=project, people=clerks, kind="siteoffice.permit_expiring",
                              title=_("Decoration permit %(permit)s of %(unit)s runs until %(ends)s") % {
                                  "permit": d.permit_number, "unit": str(d.unit), "ends": d.ends.isoformat()},
                              link=reverse("siteoffice:decoration", args=[d.pk]),
                              subject=f"siteoffice.decoration:{d.pk}",
                              dedupe_key=f"siteoffice.permit_expiring:{d.pk}")
    people = list(dict.fromkeys(staff_in_policy_roles(project, "siteoffice.decoration.patrol_roles")
                                + staff_in_policy_roles(project, "siteoffice.decoration.serious_roles")))
    for v in selectors.violations_overdue(project=project):
        queued += notify_each(project=project, people=people, kind="siteoffice.violation_overdue",
                              title=_("Decoration violation at %(unit)s not rectified by %(deadline)s: %(what)s") % {
                                  "unit": str(v.decoration.unit), "deadline": v.deadline.isoformat(),
                                  "what": v.description},
                              link=reverse("siteoffice:decoration", args=[v.decoration_id]),
                              subject=f"siteoffice.violation:{v.pk}",
                              dedupe_key=f"siteoffice.violation_overdue:{v.pk}:{day}")
    return queued
