"""Archive-room sweeps: seal the past years' volumes, remind of shelf checks due and findings open
(run by `manage.py run_sweeps`)."""
from __future__ import annotations

from archives.sweeps import checks, destruction, documents, lending, sealing
from core.models import Membership, Project

AREAS = (sealing, checks, lending, documents, destruction)


def sweep_project(project: Project) -> int:
    return sum(area.sweep_project(project) for area in AREAS)


def sweep_all() -> int:
    return sum(sweep_project(project) for project in Project.objects.filter(
        pk__in=Membership.objects.values("project")))
