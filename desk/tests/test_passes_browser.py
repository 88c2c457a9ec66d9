"""In a real browser at phone width (PASS-1): the gate guard types the code of a goods-release pass, sees the goods
and the day, lets the goods out with a discrepancy noted, and the same pass opened again by its QR link is
refused — nothing recorded twice."""
import pytest

from core import clock
from core.demo import build_world
from core.models import Unit
from core.testing.browser import sign_in
from core.testing.fixtures import PASSWORD
from desk.models import GoodsPass, GoodsStatus
from desk.services import passes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(live_server):
    world = build_world(password=PASSWORD)
    project, users = world.projects[0], world.users
    unit = Unit.objects.get(project=project, building__code="1", number="201")
    made = passes.apply(project=project, registered_by=users["kefu1"], unit=unit, applicant_kind="owner",
                        applicant_name="业主1-201", exit_date=clock.today(), vehicle_plate="粤B12345",
                        goods=[{"name": "冰箱", "quantity": 1}, {"name": "纸箱", "quantity": 4}])
    made = passes.decide(goods_pass=made, approver=users["kfzg"], approve=True)
    return {"pass": made, "base": live_server.url}


def _fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"page overflows the phone: {width}px"


@pytest.mark.req("PASS-1")
def test_the_gate_guard_verifies_a_pass_on_the_phone_and_records_the_exit(phone_page, scene):
    page, base, made = phone_page, scene["base"], scene["pass"]
    sign_in(page, base, "baoan1")

    page.goto(f"{base}/desk/gate/")
    _fits_the_phone(page)
    page.fill("#code", made.code.lower())
    with page.expect_navigation():
        page.locator("#gate-find button[type=submit]").click()
    card = page.locator("#pass")
    assert card.get_attribute("data-usable") == "1"
    assert made.serial in card.inner_text() and "冰箱" in card.inner_text() and "粤B12345" in card.inner_text()
    _fits_the_phone(page)

    page.fill("#discrepancy", "纸箱实为5个")
    with page.expect_navigation():
        page.locator("#gate-exit button[type=submit]").click()
    assert page.locator("#pass [data-status]").get_attribute("data-status") == "used"
    assert page.locator("#gate-exit").count() == 0
    made.refresh_from_db()
    assert made.status == GoodsStatus.USED and made.discrepancy == "纸箱实为5个"
    assert made.exit_guard.username == "baoan1" and made.exited_at is not None

    # The same pass scanned again (its QR code opens the gate page with the code): refused, nothing recorded.
    page.goto(f"{base}/desk/gate/?code={made.code}")
    assert page.locator(".error-box").get_attribute("data-code") == "pass_used"
    assert page.locator("#pass").get_attribute("data-usable") == "0" and page.locator("#gate-exit").count() == 0
    _fits_the_phone(page)
    assert GoodsPass.objects.get(pk=made.pk).exited_at == made.exited_at
