"""Reads of goods-release and access passes (PASS-1)."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from core import clock
from core.models import Project
from desk.models import AccessPass, AccessStatus, GoodsPass, GoodsStatus


def goods_passes(*, project: Project) -> QuerySet[GoodsPass]:
    return GoodsPass.objects.filter(project=project).select_related("unit__building", "registered_by", "exit_guard")


def awaiting_approval(*, project: Project) -> QuerySet[GoodsPass]:
    return goods_passes(project=project).filter(status=GoodsStatus.PENDING)


def valid_today(*, project: Project, day: dt.date | None = None) -> QuerySet[GoodsPass]:
    """Approved passes the gate may let out today."""
    return goods_passes(project=project).filter(status=GoodsStatus.APPROVED, exit_date=day or clock.today())


def access_passes(*, project: Project) -> QuerySet[AccessPass]:
    return AccessPass.objects.filter(project=project).select_related("unit__building", "issued_by")


def expired_access(*, project: Project, day: dt.date | None = None) -> QuerySet[AccessPass]:
    """Access passes past their last day and not handed back: derived from `valid_until`, never flipped."""
    return access_passes(project=project).filter(status=AccessStatus.ACTIVE, valid_until__lt=day or clock.today())
