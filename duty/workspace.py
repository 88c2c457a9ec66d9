"""The duty desk in the workspace: its links (each with the predicate its page checks) and its overview figures."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core import workspace
from core.workspace import CLERK, MANAGER, SUPERVISOR, Figure, Link, Room
from duty import permissions as may
from duty.selectors import handover as handover_selectors
from duty.selectors import log as log_selectors
from duty.selectors import roster as roster_selectors


def provide() -> None:
    workspace.register_room(Room("duty", _("Duty desk"), 20, (
        Link(_("Duty desk"), "duty:home", may.take_shifts),
        Link(_("Duty log"), "duty:log", may.read_the_log),
        Link(_("Shift handover"), "duty:handover", may.take_shifts),
        Link(_("Roster"), "duty:roster", may.take_shifts),
        Link(_("Clock in and out"), "duty:attendance", may.take_shifts),
        Link(_("Attendance today"), "duty:attendance-day", may.prepare_attendance),
        Link(_("Attendance reports"), "duty:attendance-reports", may.read_attendance_reports),
        Link(_("Holidays"), "duty:holidays", may.take_shifts),
    )))
    for figure in (
        Figure("duty.handovers_open", _("Handovers not yet taken over"), "duty", CLERK,
               lambda project, user: handover_selectors.open_handovers(project=project).count(), "duty:handover",
               may.take_shifts, alarm=False),
        Figure("duty.serious_open", _("Major or emergency events unresolved"), "duty", SUPERVISOR,
               lambda project, user: log_selectors.open_serious_entries(project=project).count(), "duty:log",
               may.read_the_log),
        Figure("duty.reports_overdue", _("Emergency reports overdue"), "duty", SUPERVISOR,
               lambda project, user: log_selectors.overdue_reports(project=project).count(), "duty:log",
               may.read_the_log),
        Figure("duty.rosters_late", _("Next month's rosters not approved by the deadline"), "duty", SUPERVISOR,
               lambda project, user: len(roster_selectors.next_month_not_approved(project=project)), "duty:roster",
               may.supervise),
        Figure("duty.roster_requests", _("Shift swaps and substitutes waiting"), "duty", SUPERVISOR,
               lambda project, user: roster_selectors.pending_requests(project=project).count(),
               "duty:roster-requests", may.supervise, alarm=False),
        Figure("duty.unsigned_days", _("Days of the log not signed by the manager"), "duty", MANAGER,
               lambda project, user: len(log_selectors.unsigned_days(project=project)), "duty:log",
               may.sign_the_log),
    ):
        workspace.register_figure(figure)
