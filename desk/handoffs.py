"""What the front desk answers for the other rooms through core's hand-offs (registered in desk/apps.py)."""
from __future__ import annotations

from core import handoffs
from desk.selectors.lost import held as lost_items_held
from desk.services.repairs import open_repair_for_lock_change


def lock_change_repair(*, project, reported_by, description: str, unit, source_ref: str) -> str:
    """A lock change the key room orders becomes a repair for engineering; answers its document number."""
    repair = open_repair_for_lock_change(project=project, reported_by=reported_by, description=description,
                                         unit=unit, source_ref=source_ref)
    return repair.serial


def lost_property(project) -> list[dict]:
    """Lost property held at the desk, handed over at every shift change with where each item is kept (LOST-1,
    HANDOVER-2)."""
    held = lost_items_held(project=project).order_by("found_at")[:200]
    return [{"id": item.pk, "serial": item.serial, "item": item.description, "kept_at": item.kept_at,
             "found_at": item.found_at.isoformat()} for item in held]


def provide() -> None:
    handoffs.open_lock_change_repair.provide(lock_change_repair, owner="desk")
    handoffs.handover_sections.register("lost_property", lost_property)
