"""Reads worth naming for deposited keys (KEY-DEPOSIT-1..8)."""
from __future__ import annotations

from django.db.models import QuerySet

from core import clock
from core.models import Project
from keys.models import DepositLockChange, DepositStatus, KeyDeposit, KeyDepositOpening, OpeningStatus


def deposits(*, project: Project, status: str = "", text: str = "") -> QuerySet[KeyDeposit]:
    qs = KeyDeposit.objects.filter(project=project).select_related("key", "unit", "unit__building", "resident")
    if status:
        qs = qs.filter(status=status)
    if text.strip():
        qs = qs.filter(serial__icontains=text.strip()) | qs.filter(key__number__icontains=text.strip())
    return qs.order_by("-deposited_at")


def awaiting_reseal(*, project: Project) -> QuerySet[KeyDeposit]:
    """Opened and not yet re-sealed by the resident (KEY-DEPOSIT-4)."""
    return KeyDeposit.objects.filter(project=project, status=DepositStatus.OPENED).select_related("key", "unit")


def paperwork_open(*, project: Project) -> QuerySet[KeyDepositOpening]:
    """Openings whose after-the-fact paperwork is not done (KEY-DEPOSIT-2)."""
    return KeyDepositOpening.objects.filter(project=project, entered_at__isnull=False,
                                            paperwork_completed_at__isnull=True).select_related("deposit")


def open_lock_changes(*, project: Project) -> QuerySet[DepositLockChange]:
    """Lock changes without the new key in and the old one back (KEY-DEPOSIT-6)."""
    return DepositLockChange.objects.filter(project=project, completed_at__isnull=True).select_related("deposit")


def openings_awaiting_approval(*, project: Project) -> QuerySet[KeyDepositOpening]:
    return KeyDepositOpening.objects.filter(project=project, status=OpeningStatus.REQUESTED)


def expired_temporary(*, project: Project) -> QuerySet[KeyDeposit]:
    """Temporary deposits past their expiry and still with us (KEY-DEPOSIT-7)."""
    return KeyDeposit.objects.filter(project=project, is_temporary=True, expires_at__lt=clock.now()).exclude(
        status__in=DepositStatus.closed_states())
