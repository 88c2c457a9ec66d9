"""Queries of patrol rounds: rounds with missed or late points."""
from __future__ import annotations

from django.db.models import Q, QuerySet

from safety.models import Round
from safety.states import RoundStatus


def rounds(*, project) -> QuerySet[Round]:
    return Round.objects.filter(project=project).select_related("route")


def exceptions(*, project) -> QuerySet[Round]:
    return rounds(project=project).filter(status=RoundStatus.CLOSED).filter(Q(missed__gt=0) | Q(late__gt=0))
