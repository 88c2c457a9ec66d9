"""Reminders of the shelf checks (ARCH-4, ARCH-11): this month's check from the policy's day, the personal files'
check in the last month of each half year, the full check from 1 January — each to the archivist, and to the
manager once overdue; each open finding once to the archivist. Counts are queries; the sweep only notifies."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from archives.selectors.checks import due, open_findings
from archives.services.checks import check_subject
from core.models import Project
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles


def sweep_project(project: Project) -> int:
    queued = 0
    keepers = staff_in_policy_roles(project, "archives.keeper_roles")
    link = reverse("archives:checks")
    for item in due(project=project):
        if not item.remind:
            continue
        people = keepers + (staff_in_policy_roles(project, "archives.confidential_roles") if item.overdue else [])
        state = "overdue" if item.overdue else "due"
        title = (_("%(check)s for %(start)s – %(end)s is overdue") if item.overdue
                 else _("%(check)s for %(start)s – %(end)s is due")) % {
            "check": item.label, "start": item.period_start, "end": item.period_end}
        queued += notify_each(project=project, people=list(dict.fromkeys(people)), kind=f"archives.check_{state}",
                              title=title, link=link, subject=check_subject(project, item.kind, item.period_start),
                              dedupe_key=f"archives.check_{state}:{project.pk}:{item.kind}:{item.period_start}")
    for finding in open_findings(project=project):
        queued += notify_each(project=project, people=keepers, kind="archives.finding_open",
                              title=_("Archive volume %(number)s was not found on its shelf") % {
                                  "number": finding.volume.number},
                              link=reverse("archives:finding", args=[finding.pk]),
                              subject=f"archives.finding:{finding.pk}",
                              dedupe_key=f"archives.finding_open:{finding.pk}")
    return queued
