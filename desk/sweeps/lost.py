"""Reminders of lost property: items unclaimed past the keeping period, listed for disposal before a witness
(LOST-1). The period is a query on the time found; the sweep only notifies."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.models import Project
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles
from desk.selectors.lost import due_for_disposal


def sweep_project(project: Project) -> int:
    due = list(due_for_disposal(project=project)[:200])
    if not due:
        return 0
    return notify_each(
        project=project, people=staff_in_policy_roles(project, "desk.lost.disposer_roles"), kind="desk.lost.due",
        title=_("%(n)s unclaimed lost-property item(s) past the keeping period: %(serials)s") % {
            "n": len(due), "serials": ", ".join(item.serial for item in due[:10])},
        dedupe_key=f"desk.lost.due:{project.pk}:{due[-1].pk}:{len(due)}", subject=f"desk.lost_due:{project.pk}",
        link=reverse("desk:lost-list") + "?show=due")
