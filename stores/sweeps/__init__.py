"""Store-room reminders (run by `manage.py run_sweeps`): expiring lots and maintenance due (STOCK-8), damaged parts
to ship back (STOCK-9), requisitions past planning's 24 h and emergencies to backfill (STOCK-5), the 15th's
reconciliation and the month's and quarter's stocktake (STOCK-4). Counts are queries; the sweeps only notify."""
from __future__ import annotations

from core.models import Membership, Project
from stores.sweeps import reminders


def sweep_project(project: Project) -> int:
    return reminders.sweep_project(project)


def sweep_all() -> int:
    return sum(sweep_project(project) for project in Project.objects.filter(
        pk__in=Membership.objects.values("project")))
