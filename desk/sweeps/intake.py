"""Reminders of the intake area: open contacts older than the policy hours (DESK-INTAKE-1)."""
from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock, policies
from core.models import Project
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles
from desk.models import Contact, ContactStatus


def stale_contacts(project: Project):
    hours = int(policies.value("desk.intake.remind_hours", project))
    return (Contact.objects.filter(project=project, received_at__lt=clock.now() - dt.timedelta(hours=hours))
            .exclude(status=ContactStatus.CLOSED).select_related("received_by"))


def sweep_project(project: Project) -> int:
    queued = 0
    supervisors = staff_in_policy_roles(project, "desk.intake.supervisor_roles")
    for contact in stale_contacts(project):
        title = _("Contact %(serial)s (%(name)s) is still open — follow it up") % {
            "serial": contact.serial, "name": contact.person_name}
        people = {contact.received_by, *supervisors}
        queued += notify_each(project=project, people=sorted(people, key=lambda p: p.pk), kind="desk.contact.stale",
                              title=title, dedupe_key=f"desk.contact.stale:{contact.pk}",
                              subject=f"desk.contact:{contact.pk}",
                              link=reverse("desk:intake-detail", args=[contact.pk]))
    return queued
