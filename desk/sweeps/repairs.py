"""Reminders of the repairs area: deadlines are queries; the sweep only notifies (REPAIR-1, -2, -3)."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock
from core.models import Project
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles
from desk.selectors.repairs import engineering_heads, late_repairs, undispatched_late


def sweep_project(project: Project) -> int:
    """Late set-outs to the engineering head; slips not issued in time to the duty staff."""
    queued = 0
    heads = engineering_heads(project)
    for repair in late_repairs(project=project):
        title = _("Repair %(slip)s: nobody has set out (due %(due)s) — %(place)s") % {
            "slip": repair.slip_number, "due": clock.beijing(repair.due_at).strftime("%m-%d %H:%M"),
            "place": repair.place}
        queued += notify_each(project=project, people=heads, kind="desk.repair.late", title=title,
                              dedupe_key=f"desk.repair.late:{repair.pk}:{repair.due_at:%Y%m%d%H%M}",
                              subject=f"desk.repair:{repair.pk}",
                              link=reverse("desk:repairs-detail", args=[repair.pk]))
    issuers = staff_in_policy_roles(project, "desk.repairs.issuer_roles")
    for repair in undispatched_late(project=project):
        title = _("Repair %(serial)s has no work task slip yet — %(place)s") % {"serial": repair.serial,
                                                                               "place": repair.place}
        queued += notify_each(project=project, people=issuers, kind="desk.repair.undispatched", title=title,
                              dedupe_key=f"desk.repair.undispatched:{repair.pk}", subject=f"desk.repair:{repair.pk}",
                              link=reverse("desk:repairs-detail", args=[repair.pk]))
    return queued
