"""Reminders of the loss area: a loss or damage report not handled by the end of the working day
(KEY-LOSS-1, 003 篇8 §4.1(8)). The deadline is a query; the sweep only notifies."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core.models import Project
from core.notifications import notify
from core.permissions import staff_with_roles
from keys.selectors import loss as selectors_loss

HEAD_ROLES = ["cs_supervisor", "site_manager"]


def sweep_project(project: Project) -> int:
    sent = 0
    heads = staff_with_roles(project, HEAD_ROLES)
    for report in selectors_loss.unhandled_past_deadline(project=project):
        title = _("Key %(number)s reported %(kind)s is not handled yet (due by the end of the working day)") % {
            "number": report.key.number, "kind": report.get_kind_display()}
        for person in {report.reported_by, *heads}:
            sent += notify(project=project, recipient=person, kind="keys.loss.unhandled", title=title,
                           link=f"/keys/loss/{report.pk}/", subject=f"keys.loss:{report.pk}",
                           dedupe_key=f"keys.loss.unhandled:{report.pk}:{person.pk}")
    # The statement is the borrower's to write: remind them, once per report.
    for report in selectors_loss.statements_missing(project=project):
        sent += notify(project=project, recipient=report.reporter, kind="keys.loss.statement",
                       title=_("Write and sign the statement on key %(number)s") % {"number": report.key.number},
                       link=f"/keys/loss/{report.pk}/", subject=f"keys.loss:{report.pk}",
                       dedupe_key=f"keys.loss.statement:{report.pk}")
    return sent
