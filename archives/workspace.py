"""The archive room in the workspace: its links (each with the predicate its page checks) and its figures."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from archives import permissions as may
from archives.selectors import checks as check_selectors
from archives.selectors import destruction as destruction_selectors
from archives.selectors import lending as loan_selectors
from core import workspace
from core.workspace import CLERK, MANAGER, SUPERVISOR, Figure, Link, Room


def _checks_due(project, user) -> int:
    return sum(d.remind for d in check_selectors.due(project=project))


def provide() -> None:
    workspace.register_room(Room("archives", _("Archive room"), 40, (
        Link(_("General catalogue"), "archives:catalogue", may.read_catalogue),
        Link(_("Shelves"), "archives:shelves", may.read_catalogue),
        Link(_("Transfer records"), "archives:transfers", may.keep_archives),
        Link(_("Shelf checks"), "archives:checks", may.keep_archives),
        Link(_("Archive loans"), "archives:loans", may.read_catalogue),
        Link(_("Archive incidents"), "archives:incidents", may.read_catalogue),
        Link(_("Outsiders reading archives"), "archives:outsiders", may.keep_archives),
        Link(_("Archive destruction"), "archives:destructions", may.read_catalogue),
        Link(_("Import the catalogue"), "archives:catalogue-import", may.keep_archives),
        Link(_("Archive categories"), "archives:categories", may.read_catalogue),
        Link(_("Confidential archives permissions"), "archives:grants", may.give_permissions),
        Link(pgettext_lazy("archive room", "Documents"), "archives:documents"),
    )))
    for figure in (
        Figure("archives.checks_due", _("Archive checks due"), "archives", CLERK, _checks_due,
               "archives:checks", may.keep_archives),
        Figure("archives.findings_open", _("Archive volumes missing from the shelves"), "archives", SUPERVISOR,
               lambda project, user: check_selectors.open_findings(project=project).count(),
               "archives:checks", may.keep_archives),
        Figure("archives.loans_overdue", _("Archive loans overdue"), "archives", CLERK,
               lambda project, user: loan_selectors.overdue(project=project).count(), "archives:loans",
               may.keep_archives),
        Figure("archives.loans_awaiting", _("Archive loans awaiting approval"), "archives", MANAGER,
               lambda project, user: loan_selectors.awaiting(project=project).count(), "archives:loans",
               may.read_catalogue),
        Figure("archives.destructions_awaiting", _("Archive destruction lists awaiting approval"), "archives", MANAGER,
               lambda project, user: destruction_selectors.awaiting(project=project).count(), "archives:destructions",
               may.read_catalogue),
    ):
        workspace.register_figure(figure)
