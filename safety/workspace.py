"""The safety room in the workspace: its links (each with the predicate its page checks) and its figures."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core import workspace
from core.workspace import CLERK, MANAGER, SUPERVISOR, Figure, Link, Room
from safety import permissions as may
from safety.selectors import fire as fire_selectors
from safety.selectors import patrols as patrol_selectors


def provide() -> None:
    workspace.register_room(Room("safety", _("Safety"), 60, (
        Link(_("Patrol: sign in at a point"), "safety:patrol", may.patrol),
        Link(_("Patrol rounds"), "safety:rounds", may.read_safety),
        Link(_("Patrol routes"), "safety:routes", may.read_safety),
        Link(_("Fire hazards"), "safety:hazards", may.read_safety),
        Link(_("Monthly fire inspection"), "safety:inspections", may.read_safety),
        Link(_("Fire equipment tests"), "safety:tests", may.read_safety),
        Link(_("Fire training and drills"), "safety:exercises", may.read_safety),
        Link(_("Outsourced crews"), "safety:crews", may.read_safety),
    )))
    for figure in (
        Figure("safety.round_exceptions", _("Patrol rounds with missed or late points"), "safety", SUPERVISOR,
               lambda project, user: patrol_selectors.exceptions(project=project).count(), "safety:rounds",
               may.read_safety),
        Figure("safety.hazards_overdue", _("Fire hazards past their deadline"), "safety", MANAGER,
               lambda project, user: fire_selectors.hazards_overdue(project=project).count(), "safety:hazards",
               may.read_safety),
        Figure("safety.tests_missed", _("Fire equipment tests missed"), "safety", SUPERVISOR,
               lambda project, user: fire_selectors.tests_missed(project=project).count(), "safety:tests",
               may.read_safety),
        Figure("safety.replies_overdue", _("Written replies to the fire authority overdue"), "safety", CLERK,
               lambda project, user: fire_selectors.replies_overdue(project=project).count(), "safety:hazards",
               may.fire_officer),
    ):
        workspace.register_figure(figure)
