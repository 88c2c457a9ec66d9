"""The yearly sealing (ARCH-9): once a year has passed, its volumes go into their archive bags. Idempotent: a run
on any day seals only what is still open and due, so the hourly sweep acts once a year in effect."""
from __future__ import annotations

from archives.services.sealing import seal_due
from core.models import Project


def sweep_project(project: Project) -> int:
    seal_due(project=project)
    return 0  # sealing queues no notification
