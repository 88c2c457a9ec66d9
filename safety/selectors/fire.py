"""Queries of fire safety: hazards past their deadline, replies due, tests missed and due."""
from __future__ import annotations

from django.db.models import QuerySet

from core import clock
from safety.models import EquipmentTest, Hazard
from safety.states import DueStatus, ExerciseKind, HazardSource, HazardStatus

UNRESOLVED = (HazardStatus.OPEN, HazardStatus.REPORTED_UP)


def hazards(*, project) -> QuerySet[Hazard]:
    return Hazard.objects.filter(project=project).select_related("found_by")


def hazards_overdue(*, project) -> QuerySet[Hazard]:
    return hazards(project=project).filter(status__in=UNRESOLVED, deadline__lt=clock.today())


def replies_overdue(*, project) -> QuerySet[Hazard]:
    return hazards(project=project).filter(source=HazardSource.FIRE_AUTHORITY, replied_at__isnull=True,
                                           reply_due__lt=clock.today())


def tests(*, project) -> QuerySet[EquipmentTest]:
    return EquipmentTest.objects.filter(project=project).select_related("equipment", "tested_by")


def tests_missed(*, project) -> QuerySet[EquipmentTest]:
    return tests(project=project).filter(status=DueStatus.MISSED)


def exercise_word(kind: str) -> str:
    return str(ExerciseKind(kind).label)
