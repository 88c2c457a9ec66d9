"""The month's reminder of volumes past their retention (ARCH-10; 002 篇1 §1.1.3 每月底进行一次库藏档案清理, 篇4 §1.7
对过期的文件资料要及时清理): from the policy's day of the month, the archivist is told once a month how many volumes
wait to be listed for destruction. The count is a query; the sweep only notifies."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from archives.selectors.destruction import expired
from core import clock, policies
from core.models import Project
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles


def sweep_project(project: Project) -> int:
    today = clock.today()
    if today.day < int(policies.value("archives.destruction.remind_day", project)):
        return 0
    count = expired(project=project).count()
    if not count:
        return 0
    return notify_each(project=project, people=staff_in_policy_roles(project, "archives.keeper_roles"),
                       kind="archives.retention_expired",
                       title=_("%(n)s archive volume(s) are past their retention: list them for destruction")
                       % {"n": count}, link=reverse("archives:destructions"),
                       subject=f"archives.expired:{project.pk}",
                       dedupe_key=f"archives.retention_expired:{project.pk}:{today:%Y-%m}")
