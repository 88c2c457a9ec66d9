"""Reminders of the complaints area: overdue is a query; the sweep only notifies (COMPLAINT-1, -2)."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.models import Project, User
from core.notifications import notify
from core.permissions import staff_in_policy_roles
from core.roles import HEAD_ROLES
from desk.selectors.complaints import dispatch_overdue, handling_overdue


def _heads_of(project: Project, department: str) -> list[User]:
    return list(User.objects.filter(is_active=True, department__code=department, memberships__project=project,
                                    memberships__role__in=list(HEAD_ROLES)).distinct())


def sweep_project(project: Project) -> int:
    """Complaints not sent in time to the registering clerk and the supervisors; complaints not handled
    in time to the department's head and the supervisors. Each reminder once per complaint and person."""
    queued = 0
    supervisors = staff_in_policy_roles(project, "desk.complaints.escalation_roles")
    for c in dispatch_overdue(project=project).select_related("registered_by"):
        title = _("Complaint %(serial)s has not reached the department in time") % {"serial": c.serial}
        for person in {c.registered_by, *supervisors}:
            queued += notify(project=project, recipient=person, kind="desk.complaints.dispatch_overdue", title=title,
                             dedupe_key=f"desk.complaints.dispatch_overdue:{c.pk}:{person.pk}",
                             subject=f"desk.complaint:{c.pk}",
                             link=reverse("desk:complaints-detail", args=[c.pk]))
    for c in handling_overdue(project=project):
        title = _("Complaint %(serial)s: handling and feedback overdue") % {"serial": c.serial}
        for person in {*_heads_of(project, c.department), *supervisors}:
            queued += notify(project=project, recipient=person, kind="desk.complaints.handling_overdue", title=title,
                             dedupe_key=f"desk.complaints.handling_overdue:{c.pk}:{person.pk}",
                             subject=f"desk.complaint:{c.pk}",
                             link=reverse("desk:complaints-detail", args=[c.pk]))
    return queued
