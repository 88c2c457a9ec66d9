"""What the store room answers for the other rooms through core's hand-offs (registered in stores/apps.py): the
materials a repair draws from stock, and the tools a departing employee still has out (STOCK-7)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from core import handoffs
from core.lending.selectors import held_by
from stores.models import ToolLoan
from stores.services.repairs import issue_for_repair, on_hand


def tools_held(person) -> list[handoffs.Outstanding]:
    return [handoffs.Outstanding(room=_("Store room"), what=f"{loan.tool.name} ×{loan.quantity}",
                                 document=loan.serial, since=loan.checked_out_at, due_at=loan.due_at,
                                 project=loan.project.name)
            for loan in held_by(ToolLoan.objects.select_related("tool", "project"), person)
            .order_by("checked_out_at")[:200]]


def provide() -> None:
    handoffs.issue_materials_for_repair.provide(issue_for_repair, owner="stores")
    handoffs.materials_on_hand.provide(on_hand, owner="stores")
    handoffs.clearance_sections.register("stores", tools_held)
