"""Reminders of the handover area: deadlines are queries; a sweep only notifies.

A takeover missed long after the shift change (HANDOVER-6) is told to the outgoing person, who must
stay, and to the supervisors, who arrange a substitute (003 篇14 §4.2.7–4.2.8)."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core import notifications, policies
from core.models import Membership
from duty.selectors import handover as selectors


def sweep_project(project) -> int:
    """Queue this area's reminders for one project; returns how many were queued."""
    roles = policies.value("duty.handover.supervisor_roles", project)
    supervisors = [m.user for m in Membership.objects.filter(project=project, role__in=roles).select_related("user")]
    queued = 0
    for handover in selectors.missed_takeovers(project=project):
        title = _("Takeover missed: %(incoming)s has not taken over from %(outgoing)s (shift change %(at)s).") % {
            "incoming": handover.incoming.display_name, "outgoing": handover.outgoing.display_name,
            "at": f"{handover.shift_change_at:%H:%M}"}
        link = reverse("duty:handover-detail", args=[handover.pk])
        for person in {handover.outgoing, *supervisors}:
            queued += int(notifications.notify(
                project=project, recipient=person, kind="duty.handover.missed", title=title,
                dedupe_key=f"duty.handover.missed:{handover.pk}:{person.pk}", link=link,
                subject=f"duty.handover:{handover.pk}"))
    return queued
