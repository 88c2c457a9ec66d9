"""Destruction as queries (ARCH-10): the lists, those awaiting approval, the volumes past their retention not yet
on a live list (what the archivist is told of each month), a volume's destruction record."""
from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from archives.models import DestructionLine, DestructionList, Volume
from archives.states import DestructionStatus, Retention, VolumeStatus
from core import clock
from core.models import Project


def lists(*, project: Project) -> QuerySet[DestructionList]:
    return (DestructionList.objects.filter(project=project).select_related("drafted_by", "destroyed_by", "witness")
            .order_by("-drafted_at", "-pk"))


def awaiting(*, project: Project) -> QuerySet[DestructionList]:
    return lists(project=project).filter(status=DestructionStatus.PENDING)


def expired(*, project: Project) -> QuerySet[Volume]:
    """Volumes whose retention has ended, still kept and on no live list: to be listed for destruction."""
    listed = DestructionLine.objects.filter(volume=OuterRef("pk"), active=True)
    return (Volume.objects.filter(project=project, retain_until__lt=clock.today())
            .exclude(status=VolumeStatus.DESTROYED).exclude(retention=Retention.PERMANENT)
            .exclude(Exists(listed)).select_related("category").order_by("retain_until", "pk"))


def record_of(volume: Volume) -> DestructionList | None:
    """The carried-out list that destroyed this volume (shown with it in the catalogue)."""
    return (DestructionList.objects.filter(lines__volume=volume, status=DestructionStatus.DESTROYED)
            .select_related("destroyed_by", "witness").first())


def lines_of(destruction: DestructionList) -> QuerySet[DestructionLine]:
    return destruction.lines.select_related("volume__category").order_by("volume__category__order", "volume__year",
                                                                          "volume__seq")
