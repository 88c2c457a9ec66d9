"""Key-room reminders, one module per area, run by `manage.py run_sweeps` (registered in keys/apps.py).

Deadlines are queries on due_at; a sweep only notifies (DESIGN)."""
from __future__ import annotations

from core.models import Membership, Project
from keys.sweeps import custody_checks, deposit, loans, loss

CUSTODY_AREAS = (deposit, loss, custody_checks)


def _projects():
    return Project.objects.filter(pk__in=Membership.objects.values("project"))


def sweep_custody(project: Project) -> int:
    """Reminders of key custody: deposits (lock changes, paperwork), losses, shift keys and supervision checks."""
    return sum(area.sweep_project(project) for area in CUSTODY_AREAS)


def sweep_all_custody() -> int:
    return sum(sweep_custody(project) for project in _projects())


def sweep_all() -> int:
    return sum(loans.sweep_project(project) for project in _projects())
