"""The residents' room's reminders: tell households whose matters moved on (RES-2), then send what is due."""
from __future__ import annotations

from core import channels
from core.models import Project
from residents.services.notices import sweep_progress


def sweep_all() -> int:
    told = sum(sweep_progress(project) for project in Project.objects.order_by("pk"))
    channels.deliver_due()
    return told
