"""Site-office sweeps: the day's report of large fees, days not closed, fees overdue (run by `manage.py run_sweeps`).
Counts are queries; the sweeps only notify."""
from __future__ import annotations

from core.models import Membership, Project
from siteoffice.sweeps import decoration, fees

AREAS = (fees, decoration)


def sweep_project(project: Project) -> int:
    return sum(area.sweep_project(project) for area in AREAS)


def sweep_all() -> int:
    return sum(sweep_project(project) for project in Project.objects.filter(
        pk__in=Membership.objects.values("project")))
