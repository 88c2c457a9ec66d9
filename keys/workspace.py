"""The key room in the workspace: its links (each with the predicate its page checks) and its overview figures."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core import workspace
from core.workspace import CLERK, MANAGER, SUPERVISOR, Figure, Link, Room
from keys import permissions as may
from keys.selectors import loans as selectors


def provide() -> None:
    workspace.register_room(Room("keys", _("Key room"), 10, (
        # 钥匙借还, not 前台借还: the front desk (前台) is a room of its own.
        Link(_("Lend and return keys"), "pages:desk", may.work_the_key_desk),
        Link(_("Approvals"), "pages:inbox", may.apply_for_keys),
        Link(_("Loans"), "pages:loans", may.apply_for_keys),
        Link(_("Ledger"), "pages:ledger", may.keep_the_registers),
        Link(_("Daily register"), "pages:daily", may.keep_the_registers),
        Link(_("Inventory"), "pages:inventory", may.keep_the_registers),
        Link(_("Deposited keys"), "pages:deposit-register", may.handle_custody),
        Link(_("Lost and damaged keys"), "pages:loss-list", may.handle_custody),
        Link(_("Shift keys"), "pages:custody-checks-shift", may.handle_custody),
        Link(_("Checks"), "pages:custody-checks", may.handle_custody),
        Link(_("Forms"), "pages:key-forms", may.keep_the_registers),
    )))
    registers = may.keep_the_registers
    for figure in (
        Figure("keys.approvals", _("Waiting for my approval"), "keys", SUPERVISOR, _my_approvals, "pages:inbox",
               may.apply_for_keys, alarm=False),
        Figure("keys.out", _("Keys out now"), "keys", CLERK,
               lambda project, user: selectors.unreturned_loans(project=project).count(), "pages:daily", registers,
               alarm=False),
        Figure("keys.overdue", _("Overdue keys"), "keys", CLERK,
               lambda project, user: selectors.overdue_loans(project=project).count(), "pages:daily", registers),
        Figure("keys.paperwork", _("Emergency paperwork open"), "keys", SUPERVISOR,
               lambda project, user: selectors.emergency_paperwork_open(project=project).count(), "pages:daily",
               registers),
        Figure("keys.incidents", _("Open incidents and faults"), "keys", MANAGER,
               lambda project, user: (selectors.open_incidents(project=project).count()
                                      + selectors.open_faults(project=project).count()), "pages:daily", registers),
    ):
        workspace.register_figure(figure)


def _my_approvals(project, user) -> int:
    return sum(1 for loan in selectors.approvals_inbox(user) if loan.project_id == project.pk)
