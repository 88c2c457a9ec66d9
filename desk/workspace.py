"""The front desk in the workspace: its links (each with the predicate its page checks) and its overview figures."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core import workspace
from core.workspace import CLERK, SUPERVISOR, Figure, Link, Room, member
from desk import permissions as may
from desk.selectors import complaints as complaint_selectors
from desk.selectors import registers as register_selectors
from desk.selectors import lost as lost_selectors
from desk.selectors import passes as pass_selectors
from desk.selectors import repairs as repair_selectors
from desk.selectors import visits as visit_selectors


def provide() -> None:
    workspace.register_room(Room("desk", _("Front desk"), 30, (
        Link(_("Front desk"), "desk:home", member),
        Link(_("Contacts"), "desk:intake-list", may.work_the_desk),
        Link(_("Repairs"), "desk:repairs-list", may.may_view_repairs),
        Link(_("Paid services"), "desk:paid-list", may.handle_paid_services),
        Link(_("Complaints"), "desk:complaints-list", member),
        Link(_("Complaint statistics"), "desk:complaints-stats", may.read_complaint_figures),
        Link(_("Return visits"), "desk:visits-list", may.read_visits),
        Link(_("Quality checks"), "desk:quality-list", may.read_quality_checks),
        Link(_("Compliance"), "desk:compliance", may.read_visits),
        # The desk's daily registers (FRONT-1..4).
        Link(_("Visitor reception"), "desk:visitors-list", may.keep_registers),
        Link(_("Mail and periodicals"), "desk:mail-list", may.keep_registers),
        Link(_("Items for others"), "desk:deposits-list", may.decide_or_keep_deposits),
        Link(_("Close of the desk"), "desk:closing", may.keep_registers),
        Link(_("Goods-release passes"), "desk:passes-list", may.issue_passes),
        Link(_("Access passes"), "desk:access-list", may.issue_passes),
        Link(_("Gate check"), "desk:gate", may.check_at_gate),
        Link(_("Lost property"), "desk:lost-list", may.keep_lost_property),
    )))
    for figure in (
        Figure("desk.repairs_undispatched", _("Repairs not yet sent to engineering in time"), "desk", CLERK,
               lambda project, user: repair_selectors.undispatched_late(project=project).count(),
               "desk:repairs-list", may.may_view_repairs, query="?status=reported"),
        Figure("desk.repairs_late", _("Repairs not set out in time"), "desk", SUPERVISOR,
               lambda project, user: repair_selectors.late_repairs(project=project).count(),
               "desk:repairs-list", may.may_view_repairs, query="?late=1"),
        Figure("desk.repairs_unsigned", _("Completed repairs without the resident's signature"), "desk", SUPERVISOR,
               lambda project, user: repair_selectors.unsigned_repairs(project=project).count(),
               "desk:repairs-list", may.may_view_repairs, query="?status=completed"),
        Figure("desk.complaints_overdue", _("Complaints past their timers"), "desk", SUPERVISOR,
               lambda project, user: complaint_selectors.overdue(project=project).count(),
               "desk:complaints-list", may.read_complaint_figures, query="?overdue=1"),
        Figure("desk.visits_due", _("Return visits due"), "desk", CLERK,
               lambda project, user: visit_selectors.due_now(project=project).count(),
               "desk:visits-list", may.read_visits, query="?show=due", alarm=False),
        Figure("desk.visits_overdue", _("Return visits past their window"), "desk", SUPERVISOR,
               lambda project, user: visit_selectors.overdue(project=project).count(),
               "desk:visits-list", may.read_visits, query="?show=overdue"),
        Figure("desk.visits_review", _("Return visits to review"), "desk", SUPERVISOR,
               lambda project, user: visit_selectors.awaiting_review(project=project).count(),
               "desk:visits-list", may.review_visits, query="?show=review", alarm=False),
        Figure("desk.deposits_pending", _("Items for others awaiting approval"), "desk", SUPERVISOR,
               lambda project, user: register_selectors.deposits_pending(project=project).count(),
               "desk:deposits-list", may.decide_or_keep_deposits, query="?status=pending", alarm=False),
        Figure("desk.mail_uncollected", _("Mail not collected in time"), "desk", CLERK,
               lambda project, user: register_selectors.mail_uncollected(project=project).count(),
               "desk:mail-list", may.keep_registers, query="?show=uncollected", alarm=False),
        Figure("desk.passes_pending", _("Goods-release passes awaiting approval"), "desk", SUPERVISOR,
               lambda project, user: pass_selectors.awaiting_approval(project=project).count(),
               "desk:passes-list", may.issue_passes, query="?status=pending", alarm=False),
        Figure("desk.access_expired", _("Access passes expired and not handed back"), "desk", CLERK,
               lambda project, user: pass_selectors.expired_access(project=project).count(),
               "desk:access-list", may.issue_passes, query="?show=expired"),
        Figure("desk.lost_due", _("Unclaimed lost property past its keeping period"), "desk", SUPERVISOR,
               lambda project, user: lost_selectors.due_for_disposal(project=project).count(),
               "desk:lost-list", may.keep_lost_property, query="?show=due", alarm=False),
    ):
        workspace.register_figure(figure)
