"""Chasing overdue archive loans (ARCH-5; 002 篇1 §1.3.5 对借出资料按期催还): once a day, to the borrower and
the archivists, until the volume is back."""
from __future__ import annotations

from django.utils.translation import gettext as _

from archives.selectors.lending import overdue
from core import clock
from core.models import Project
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles


def sweep_project(project: Project) -> int:
    queued = 0
    day = clock.today().isoformat()
    keepers = staff_in_policy_roles(project, "archives.keeper_roles")
    for loan in overdue(project=project):
        title = _("Archive volume %(number)s is overdue (due %(due)s), loan %(serial)s") % {
            "number": loan.volume.number, "due": clock.beijing(loan.due_at).strftime("%Y-%m-%d %H:%M"),
            "serial": loan.serial}
        people = list(dict.fromkeys([loan.holder, *keepers]))
        queued += notify_each(project=project, people=people, kind="archives.loan_overdue", title=title,
                              link=f"/archives/loans/{loan.pk}/", subject=f"archives.loan:{loan.pk}",
                              dedupe_key=f"archives.loan_overdue:{loan.pk}:{day}")
    return queued
