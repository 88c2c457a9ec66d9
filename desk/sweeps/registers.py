"""Reminders of the desk's daily registers: mail held past the policy's days is chased with the desk staff, once
a day per item, through the notification outbox (FRONT-2)."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock, notifications
from core.models import Project
from core.permissions import staff_in_policy_roles
from desk.selectors.registers import mail_uncollected


def sweep_project(project: Project) -> int:
    today = clock.today()
    staff = staff_in_policy_roles(project, "desk.registers.staff_roles")
    sent = 0
    for item in mail_uncollected(project=project)[:500]:
        sent += notifications.notify_each(
            project=project, people=staff, kind="desk.mail.uncollected",
            title=_("%(kind)s %(serial)s for %(name)s is still not collected.") % {
                "kind": item.get_kind_display(), "serial": item.serial, "name": item.addressee},
            dedupe_key=f"desk.mail.uncollected:{item.pk}:{today.isoformat()}",
            link=reverse("desk:mail-detail", args=[item.pk]), subject=f"desk.mail:{item.pk}")
    return sent
