"""The site office in the workspace: its links (each with the predicate its page checks) and its figures."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core import clock, workspace
from core.workspace import CLERK, MANAGER, SUPERVISOR, Figure, Link, Room
from siteoffice import permissions as may
from siteoffice.models import CounterEntry
from siteoffice.selectors import decoration as decoration_selectors
from siteoffice.selectors import fees as fee_selectors
from siteoffice.states import CounterStatus


def provide() -> None:
    workspace.register_room(Room("siteoffice", _("Site office"), 50, (
        Link(_("Receipts"), "siteoffice:receipts", may.read_fees),
        Link(_("Price list"), "siteoffice:prices", may.read_fees),
        Link(_("Daily close"), "siteoffice:closes", may.read_fees),
        Link(_("Daily report of large fees"), "siteoffice:daily-report", may.read_fees),
        Link(_("Monthly statement"), "siteoffice:statement", may.read_fees),
        Link(_("Fees due"), "siteoffice:dues", may.read_fees),
        Link(_("Decoration"), "siteoffice:decorations", may.read_decoration),
        Link(_("Decoration patrols"), "siteoffice:patrols", may.read_decoration),
    )))
    for figure in (
        Figure("siteoffice.dues_overdue", _("Fees overdue"), "siteoffice", CLERK,
               lambda project, user: fee_selectors.overdue(project=project).count(), "siteoffice:dues",
               may.collect_fees),
        Figure("siteoffice.days_unclosed", _("Days' collection not closed"), "siteoffice", SUPERVISOR,
               lambda project, user: len(fee_selectors.unclosed_days(project=project)), "siteoffice:closes",
               may.read_fees),
        Figure("siteoffice.reversals_pending", _("Receipt reversals awaiting approval"), "siteoffice", SUPERVISOR,
               lambda project, user: CounterEntry.objects.filter(project=project,
                                                                 status=CounterStatus.PENDING).count(),
               "siteoffice:receipts", may.receive_closes),
        Figure("siteoffice.large_today", _("Large fees today"), "siteoffice", MANAGER,
               lambda project, user: fee_selectors.large_fees(project=project, day=clock.today()).count(),
               "siteoffice:daily-report", may.read_fees),
        Figure("siteoffice.violations_overdue", _("Decoration violations past their deadline"), "siteoffice",
               SUPERVISOR, lambda project, user: decoration_selectors.violations_overdue(project=project).count(),
               "siteoffice:patrols", may.read_decoration),
        Figure("siteoffice.permits_expiring", _("Decoration permits running out"), "siteoffice", CLERK,
               lambda project, user: decoration_selectors.permits_expiring(project=project).count(),
               "siteoffice:decorations", may.handle_decoration, alarm=False),
    ):
        workspace.register_figure(figure)
