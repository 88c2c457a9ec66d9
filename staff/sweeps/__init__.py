"""Staff-room reminders (run by `manage.py run_sweeps`): days a staff member was not checked, to the checkers
(STAFF-2); training due, to the recorders (STAFF-1). Counts are queries; the sweeps only notify."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.models import Membership, Project
from core.notifications import notify_each
from core.permissions import staff_in_policy_roles
from staff.selectors import checks, training


def sweep_project(project: Project) -> int:
    queued = 0
    checkers = staff_in_policy_roles(project, "staff.daily_check.checker_roles")
    for row in checks.missed(project=project):
        person, day = row["person"], row["day"]
        queued += notify_each(project=project, people=checkers, kind="staff.daily_check_missed",
                              title=_("%(name)s was not checked on %(day)s") % {"name": person.display_name,
                                                                               "day": day.isoformat()},
                              link=reverse("staff:checks") + f"?day={day.isoformat()}",
                              subject=f"staff.daily_check:{person.pk}:{day.isoformat()}",
                              dedupe_key=f"staff.check_missed:{person.pk}:{day.isoformat()}")
    recorders = staff_in_policy_roles(project, "staff.training.recorder_roles")
    for row in training.due(project=project):
        person, kind = row["person"], row["kind"]
        queued += notify_each(project=project, people=recorders, kind="staff.training_due",
                              title=_("%(name)s is due for %(kind)s") % {"name": person.display_name,
                                                                         "kind": row["kind_label"]},
                              link=reverse("staff:training"), subject=f"staff.training_due:{person.pk}:{kind}",
                              dedupe_key=f"staff.training_due:{person.pk}:{kind}:{row['last']}")
    return queued


def sweep_all() -> int:
    return sum(sweep_project(project) for project in Project.objects.filter(
        pk__in=Membership.objects.values("project")))
