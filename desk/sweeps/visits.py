"""Reminders of return visits: overdue visits to their visitors and the supervisor (VISIT-5); the
previous quarter's records not filed by the 10th, to the supervisor (VISIT-7). Only notifies."""
from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock, notifications, policies
from core.models import Project
from core.permissions import staff_in_policy_roles
from desk.models import VisitFiling
from desk.selectors import visits as selectors
from desk.selectors.visits_periods import filing_due, quarter_of


def sweep_project(project: Project) -> int:
    sent = 0
    supervisors = staff_in_policy_roles(project, "desk.visits.supervisor_roles")
    for visit in selectors.overdue(project=project).iterator(chunk_size=500):
        people = {p.pk: p for p in (visit.assignee, visit.co_assignee, *supervisors) if p is not None}
        sent += notifications.notify_each(
            project=project, people=people.values(), kind="desk.visit.overdue",
            title=_("Return visit %(number)s was due %(due)s and has not been made")
            % {"number": visit.number, "due": f"{clock.beijing(visit.due_at):%Y-%m-%d %H:%M}"},
            dedupe_key=f"desk.visit.overdue:{visit.pk}", subject=f"desk.visit:{visit.pk}",
            link=reverse("desk:visits-detail", args=[visit.pk]))
    year, quarter = quarter_of(clock.today())
    year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    due_on = filing_due(year, quarter, int(policies.value("desk.visits.filing_day", project)))
    if clock.today() > due_on and not VisitFiling.objects.filter(project=project, year=year, quarter=quarter).exists():
        sent += notifications.notify_each(
            project=project, people=supervisors, kind="desk.visit.filing",
            title=_("Return-visit records of %(y)s Q%(q)s were due for filing by %(date)s")
            % {"y": year, "q": quarter, "date": due_on.isoformat()},
            dedupe_key=f"desk.visit.filing:{year}-{quarter}",
            subject=f"desk.visit_filing:{project.pk}:{year}-{quarter}",
            link=reverse("desk:visits-quarter") + f"?year={year}&quarter={quarter}")
    return sent
