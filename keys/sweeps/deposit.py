"""Reminders for deposited keys. Deadlines are queries; the sweep only notifies (KEY-DEPOSIT-2, -4, -6, -7)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import clock
from core.models import Project
from core.notifications import notify_each
from core.permissions import staff_with_roles
from keys.selectors import deposit as sel


def sweep_project(project: Project) -> int:
    """Daily: open lock changes, deposits awaiting re-seal, unfinished paperwork, expired temporary deposits."""
    day = clock.today().isoformat()
    staff = staff_with_roles(project, ["key_keeper", "cs_supervisor"])
    sent = 0
    for change in sel.open_lock_changes(project=project):
        sent += notify_each(project=project, people=staff, kind="keys.deposit.lock_change",
                            title=_("Lock change of %(serial)s: deposit the new key and return the old one")
                            % {"serial": change.deposit.serial}, link=f"/keys/deposits/{change.deposit_id}/",
                            subject=f"keys.lock_change:{change.pk}",
                            dedupe_key=f"keys.deposit.lock_change:{change.pk}:{day}")
    for deposit in sel.awaiting_reseal(project=project):
        sent += notify_each(project=project, people=staff, kind="keys.deposit.reseal",
                            title=_("Deposit %(serial)s is opened, awaiting re-seal") % {"serial": deposit.serial},
                            link=f"/keys/deposits/{deposit.pk}/", subject=f"keys.deposit:{deposit.pk}",
                            dedupe_key=f"keys.deposit.reseal:{deposit.pk}:{day}")
    for opening in sel.paperwork_open(project=project).filter(paperwork_due_at__lt=clock.now()):
        sent += notify_each(project=project, people=staff, kind="keys.deposit.paperwork",
                            title=_("Complete the paperwork of opening %(serial)s") % {"serial": opening.deposit.serial},
                            link=f"/keys/deposits/{opening.deposit_id}/",
                            subject=f"keys.deposit_opening:{opening.pk}",
                            dedupe_key=f"keys.deposit.paperwork:{opening.pk}:{day}")
    for deposit in sel.expired_temporary(project=project):
        sent += notify_each(project=project, people=staff, kind="keys.deposit.expired",
                            title=_("Temporary deposit %(serial)s has expired") % {"serial": deposit.serial},
                            link=f"/keys/deposits/{deposit.pk}/", subject=f"keys.deposit:{deposit.pk}",
                            dedupe_key=f"keys.deposit.expired:{deposit.pk}:{day}")
    return sent
