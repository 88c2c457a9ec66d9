"""Front-desk reminders (dispatch timers, complaint deadlines, visits due), run by `manage.py run_sweeps`."""
from __future__ import annotations

from core.models import Membership, Project
from desk.sweeps import complaints, intake, lost, paid, passes, quality, registers, repairs, visits

AREAS = (intake, repairs, paid, complaints, visits, quality, registers, passes, lost)


def sweep_project(project: Project) -> int:
    return sum(area.sweep_project(project) for area in AREAS)


def sweep_all() -> int:
    return sum(sweep_project(project) for project in Project.objects.filter(
        pk__in=Membership.objects.values("project")))
