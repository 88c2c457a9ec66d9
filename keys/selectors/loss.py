"""Reads of the loss area worth naming (KEY-LOSS-1..3, KEY-REPAIR-1, KEY-VACANT-1)."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from core import clock
from core.models import Project
from keys.models import (
    DeveloperConfirmation,
    DuplicationRequest,
    DuplicationStatus,
    KeySet,
    LossKind,
    LossReport,
    LossStatus,
    RepairPickup,
)


def loss_reports(*, project: Project, status: str = "", kind: str = "") -> QuerySet[LossReport]:
    qs = LossReport.objects.filter(project=project).select_related("key", "reporter", "reported_by")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-reported_at")


def open_loss_reports(*, project: Project) -> QuerySet[LossReport]:
    return loss_reports(project=project).exclude(status=LossStatus.CLOSED)


def unhandled_past_deadline(*, project: Project, now: dt.datetime | None = None) -> QuerySet[LossReport]:
    """Reports with no measure recorded by the end of the working day: flagged (KEY-LOSS-1, 003 §4.1(8))."""
    now = now or clock.now()
    return open_loss_reports(project=project).filter(handled_at__isnull=True, handle_by__lt=now)


def statements_missing(*, project: Project) -> QuerySet[LossReport]:
    return open_loss_reports(project=project).filter(statement_at__isnull=True, reporter__isnull=False)


def repair_pickups(*, project: Project, start: dt.date, end: dt.date) -> QuerySet[RepairPickup]:
    lo, _ignored = clock.day_bounds(start)
    _ignored, hi = clock.day_bounds(end)
    return (RepairPickup.objects.filter(project=project, picked_up_at__gte=lo, picked_up_at__lt=hi)
            .select_related("key", "registered_by", "resident").order_by("picked_up_at"))


def confirmations(*, project: Project) -> QuerySet[DeveloperConfirmation]:
    return DeveloperConfirmation.objects.filter(project=project).select_related("key", "recorded_by").order_by("-pk")


def duplication_requests(*, project: Project, status: str = "") -> QuerySet[DuplicationRequest]:
    qs = DuplicationRequest.objects.filter(project=project).select_related("key", "requested_by", "decided_by")
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-requested_at")


def pending_duplications(*, project: Project) -> QuerySet[DuplicationRequest]:
    return duplication_requests(project=project, status=DuplicationStatus.PENDING)


def reported_damaged(*, key: KeySet) -> bool:
    """A damage report still open on this key: taking it back must not put it in store (KEY-LOSS-2)."""
    return LossReport.objects.filter(key=key, kind=LossKind.DAMAGED).exclude(status=LossStatus.CLOSED).exists()
