"""What the front desk answers for the other rooms through core's hand-offs (registered in desk/apps.py)."""
from __future__ import annotations

from core import handoffs
from desk.services.repairs import open_repair_for_lock_change


def lock_change_repair(*, project, reported_by, description: str, unit, source_ref: str) -> str:
    """A lock change the key room orders becomes a repair for engineering; answers its document number."""
    repair = open_repair_for_lock_change(project=project, reported_by=reported_by, description=description,
                                         unit=unit, source_ref=source_ref)
    return repair.serial


def provide() -> None:
    handoffs.open_lock_change_repair.provide(lock_change_repair, owner="desk")
