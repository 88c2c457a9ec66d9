"""Reads of lost property (LOST-1)."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from core import clock, policies
from core.models import Project
from desk.models import LostItem, LostStatus


def items(*, project: Project) -> QuerySet[LostItem]:
    return LostItem.objects.filter(project=project).select_related("registered_by", "returned_by", "disposed_by",
                                                                   "disposal_witness")


def held(*, project: Project) -> QuerySet[LostItem]:
    return items(project=project).filter(status=LostStatus.HELD)


def due_for_disposal(*, project: Project, day: dt.date | None = None) -> QuerySet[LostItem]:
    """Held items found before the keeping period reaching back from `day` (Beijing): those may be disposed of."""
    day = day or clock.today()
    days = int(policies.value("desk.lost.keep_days", project))
    start_of_cutoff, _end = clock.day_bounds(day - dt.timedelta(days=days - 1))
    return held(project=project).filter(found_at__lt=start_of_cutoff)
