"""Reminders of passes: access passes past their last day and not handed back (PASS-1). Expiry is a query;
the sweep only tells the desk to get the pass back."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.models import Project
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles
from desk.selectors.passes import expired_access


def sweep_project(project: Project) -> int:
    queued = 0
    issuers = staff_in_policy_roles(project, "desk.passes.issuer_roles")
    for access_pass in expired_access(project=project)[:200]:
        queued += notify_each(
            project=project, people=issuers, kind="desk.passes.access_expired",
            title=_("Access pass %(serial)s of %(name)s expired on %(day)s: get it back") % {
                "serial": access_pass.serial, "name": access_pass.holder_name, "day": access_pass.valid_until},
            dedupe_key=f"desk.passes.access_expired:{access_pass.pk}", subject=f"desk.access_pass:{access_pass.pk}",
            link=reverse("desk:access-detail", args=[access_pass.pk]))
    return queued
