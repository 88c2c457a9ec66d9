"""The staff room in the workspace: its links (each with the predicate its page checks) and its figures."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core import workspace
from core.workspace import MANAGER, SUPERVISOR, Figure, Link, Room
from staff import permissions as may
from staff.selectors import appraisal, checks, training


def provide() -> None:
    workspace.register_room(Room("staff", _("Staff"), 80, (
        Link(_("Daily checks"), "staff:checks", may.read_daily_checks),
        Link(_("Training records"), "staff:training", may.read_training),
        Link(_("Monthly appraisal"), "staff:appraisals", may.read_appraisals),
    )))
    for figure in (
        Figure("staff.unchecked_today", _("Staff not yet checked today"), "staff", SUPERVISOR,
               lambda project, user: len(checks.unchecked_today(project=project)), "staff:checks",
               may.make_daily_checks, alarm=False),
        Figure("staff.checks_missed", _("Days a staff member was not checked"), "staff", SUPERVISOR,
               lambda project, user: len(checks.missed(project=project)), "staff:checks", may.read_daily_checks),
        Figure("staff.training_due", _("Training due"), "staff", SUPERVISOR,
               lambda project, user: len(training.due(project=project)), "staff:training", may.record_training),
        Figure("staff.appraisals_to_decide", _("Appraisals awaiting approval"), "staff", MANAGER,
               lambda project, user: appraisal.awaiting_decision(project=project).count(), "staff:appraisals",
               may.read_all_appraisals),
    ):
        workspace.register_figure(figure)
