"""In a real browser at phone width: the technician completes a repair on the task slip's page, picking a part from
the site's stock; completion issues it and the site's stock goes down (STOCK-2, issue 19)."""
import pytest

from core.demo import build_world
from core.testing.browser import sign_in
from core.testing.fixtures import PASSWORD
from desk.models import Repair, RepairStatus
from desk.services import repairs as desk
from desk.tests.test_repairs_factories import household
from stores.demo.stock import catalogue, warehouses
from stores.selectors import stock as sel
from stores.tests.helpers import stocked

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(live_server):
    world = build_world(password=PASSWORD)
    users, project = world.users, world.projects[0]
    items, site = catalogue(world.company), warehouses(project)["site"]
    stocked(project, users, site, items["M-003"], 4)
    repair = household(project, users["kefu1"], content="厨房空气开关跳闸")
    repair = desk.dispatch_repair(repair=repair, dispatched_by=users["kefu1"], technician=users["gongcheng1"])
    repair = desk.set_out(repair=repair, technician=users["gongcheng1"])
    return {"repair": repair, "site": site, "part": items["M-003"], "base": live_server.url}


@pytest.mark.req("STOCK-2")
def test_a_technician_completes_a_repair_drawing_a_part_and_the_stock_goes_down(phone_page, scene):
    page, base, repair = phone_page, scene["base"], scene["repair"]
    sign_in(page, base, "gongcheng1")
    page.goto(f"{base}/desk/repairs/{repair.pk}/")
    page.fill("#work_done", "更换空气开关")
    page.select_option("select[name=draw_1]", "M-003")
    page.fill("input[name=qty_1]", "1")
    page.click("form:has(input[value=complete]) button[type=submit]")
    page.wait_for_selector(".msg.success")
    done = Repair.objects.get(pk=repair.pk)
    assert done.status == RepairStatus.COMPLETED and "空气开关×1" in done.materials
    assert sel.quantity(scene["site"], scene["part"]) == 3
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"page overflows the phone: {width}px"
