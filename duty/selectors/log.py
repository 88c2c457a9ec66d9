"""Reads of the duty log worth naming."""
from __future__ import annotations

from django.db.models import QuerySet

from core.models import Project
from duty.models import DutyEntry
from duty.states import SERIOUS, EntryStatus


def open_entries(*, project: Project) -> QuerySet[DutyEntry]:
    """Events not yet resolved, oldest first: what a handover must pass on (HANDOVER-2)."""
    return DutyEntry.objects.filter(project=project, status=EntryStatus.OPEN).select_related("recorded_by")


def open_serious_entries(*, project: Project) -> QuerySet[DutyEntry]:
    """Major or emergency events still open: while any exists a shift may not be handed over (HANDOVER-5)."""
    return open_entries(project=project).filter(severity__in=SERIOUS)
