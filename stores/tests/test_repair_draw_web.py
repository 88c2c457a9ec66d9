"""The technician's completion on the repair's page and over the desk's API passes the materials picked from the
site's stock (`drawn=`) to the desk's complete_repair: they are issued and the stock goes down; a pick beyond the
stock refuses the completion as a whole — nothing issued, the repair not completed (STOCK-2, issue 19)."""
from __future__ import annotations

import pytest
from django.urls import reverse

from core.testing.fixtures import login
from desk.models import Repair, RepairStatus
from desk.services import repairs as desk
from desk.tests.test_repairs_factories import household
from stores.selectors import stock as sel
from stores.tests.helpers import stocked


@pytest.fixture
def set_out(project, users, site, items, morning):
    stocked(project, users, site, items["M-002"], 3)
    repair = household(project, users["kefu1"])
    repair = desk.dispatch_repair(repair=repair, dispatched_by=users["kefu1"], technician=users["gongcheng1"])
    return desk.set_out(repair=repair, technician=users["gongcheng1"])


@pytest.mark.req("STOCK-2")
def test_the_completion_page_offers_the_sites_stock_and_issues_what_was_picked(project, users, site, items, set_out,
                                                                               client, unchanged):
    login(client, users["gongcheng1"], project)
    url = reverse("desk:repairs-detail", args=[set_out.pk])
    page = client.get(url).content.decode()
    assert 'name="draw_1"' in page and 'value="M-002"' in page
    with unchanged():
        short = client.post(url, {"action": "complete", "work_done": "更换水龙头", "draw_1": "M-002", "qty_1": "4"})
    assert 'data-code="insufficient_stock"' in short.content.decode()  # the desk's page says why, in words
    assert Repair.objects.get(pk=set_out.pk).status == RepairStatus.SET_OUT and sel.quantity(site, items["M-002"]) == 3
    done = client.post(url, {"action": "complete", "work_done": "更换水龙头", "draw_1": "M-002", "qty_1": "1",
                             "draw_2": "", "qty_2": "1", "materials": "生料带"})
    assert done.status_code == 302
    repair = Repair.objects.get(pk=set_out.pk)
    assert repair.status == RepairStatus.COMPLETED and repair.materials.startswith("CK")
    assert "水龙头×1" in repair.materials and "生料带" in repair.materials
    assert sel.quantity(site, items["M-002"]) == 2


@pytest.mark.req("STOCK-2")
def test_the_completion_api_takes_the_drawn_materials(project, users, site, items, set_out, api_as, unchanged):
    tech = api_as(users["gongcheng1"])
    url = f"/api/desk/repairs/{set_out.pk}/complete/"
    with unchanged():
        bad = tech.post(url, {"work_done": "换", "drawn": [{"item_code": "M-002", "quantity": 0}]}, format="json")
        unknown = tech.post(url, {"work_done": "换", "drawn": [{"item_code": "NOPE", "quantity": 1}]}, format="json")
        short = tech.post(url, {"work_done": "换", "drawn": [{"item_code": "M-002", "quantity": 9}]}, format="json")
    assert bad.status_code == 400
    assert (unknown.status_code, unknown.json()["code"]) == (404, "item_not_found")
    assert (short.status_code, short.json()["code"]) == (409, "insufficient_stock")
    done = tech.post(url, {"work_done": "更换水龙头", "drawn": [{"item_code": "M-002", "quantity": 2}]}, format="json")
    assert done.status_code == 200, done.content
    assert sel.quantity(site, items["M-002"]) == 1
