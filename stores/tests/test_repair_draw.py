"""A repair's completion issues the materials the technician picked from the site's stock, through
core.handoffs.issue_materials_for_repair; when the stock is short nothing is completed and nothing issued
(STOCK-2, issue 19)."""
from __future__ import annotations

import pytest

from core.errors import Conflict
from core.handoffs import RepairMaterial
from desk.models import Repair, RepairStatus
from desk.services import repairs as desk
from desk.tests.test_repairs_factories import household
from stores.models import StockDocument
from stores.selectors import stock as sel
from stores.tests.helpers import stocked


@pytest.fixture
def set_out(project, users, morning):
    repair = household(project, users["kefu1"])
    repair = desk.dispatch_repair(repair=repair, dispatched_by=users["kefu1"], technician=users["gongcheng1"])
    return desk.set_out(repair=repair, technician=users["gongcheng1"])


@pytest.mark.req("STOCK-2")
def test_completing_a_repair_issues_the_picked_materials_from_the_sites_stock(project, users, site, items, set_out):
    stocked(project, users, site, items["M-002"], 2)
    with pytest.raises(Conflict) as short:
        desk.complete_repair(repair=set_out, completed_by=users["gongcheng1"], work_done="更换水龙头",
                             drawn=[RepairMaterial("M-002", 3)])
    assert short.value.code == "insufficient_stock"
    assert Repair.objects.get(pk=set_out.pk).status != RepairStatus.COMPLETED
    done = desk.complete_repair(repair=set_out, completed_by=users["gongcheng1"], work_done="更换水龙头",
                                drawn=[RepairMaterial("M-002", 1)])
    issue = StockDocument.objects.get(reference=done.slip_number)
    assert done.status == RepairStatus.COMPLETED and done.materials.startswith(issue.number)
    assert sel.quantity(site, items["M-002"]) == 1
