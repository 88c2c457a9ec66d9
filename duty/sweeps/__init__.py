"""Duty-desk reminders (roster deadlines, reports due, holiday notices), run by `manage.py run_sweeps`."""
from __future__ import annotations

from core.models import Membership, Project
from duty.sweeps import attendance, handover, holidays, log, roster

AREAS = (log, handover, roster, attendance, holidays)


def sweep_project(project: Project) -> int:
    return sum(area.sweep_project(project) for area in AREAS)


def sweep_all() -> int:
    return sum(sweep_project(project) for project in Project.objects.filter(
        pk__in=Membership.objects.values("project")))
