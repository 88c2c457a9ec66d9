"""In a real browser: an emergency opening of a sealed key, three witnesses confirming on one device."""
import pytest

from core.demo import build_world
from core.testing.browser import sign_in
from core.testing.fixtures import PASSWORD
from duty.models import DutyEntry
from keys.models import DepositStatus, KeyDepositOpening, OpeningStatus
from keys.services import deposit_opening as op
from keys.tests.deposit_helpers import make_deposit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(live_server):
    world = build_world(password=PASSWORD)
    users, project = world.users, world.projects[0]
    return {"users": users, "deposit": make_deposit(project, users), "base": live_server.url}


@pytest.mark.req("KEY-DEPOSIT-2", "KEY-DEPOSIT-3", "KEY-DEPOSIT-9")
def test_an_emergency_opening_with_three_witnesses_on_one_phone(phone_page, scene):
    page, base, users, deposit = phone_page, scene["base"], scene["users"], scene["deposit"]
    sign_in(page, base, "kefu1")
    page.goto(f"{base}/keys/deposits/{deposit.pk}/")
    form = page.locator("#request-opening")
    form.locator("select[name=kind]").select_option("emergency")
    form.locator("select[name=emergency_kind]").select_option("flooding")
    form.locator("input[name=reason]").fill("楼上漏水,需进入关闭阀门")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".msg.success")
    opening = KeyDepositOpening.objects.get(deposit=deposit)
    assert "/keys/deposits/opening/" in page.url
    # The two approvers decide on their own phones (the approval page is tested elsewhere).
    op.decide_opening(opening=opening, approver=users["kfzg"])
    op.decide_opening(opening=opening, approver=users["jingli"])

    page.reload()
    page.fill("#outcome", "已电话告知业主,业主同意")
    page.click("#call-form button[type=submit]")
    page.wait_for_selector(".msg.success")
    assert page.inner_text("#called-at").strip() != "—"

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"page overflows the phone: {width}px"
    for n, name in enumerate(("kefu1", "kefu2", "baoan1"), start=1):
        page.select_option(f"#witness_{n}", str(users[name].pk))
        page.fill(f"#password_{n}", PASSWORD)  # each witness types their own password
    page.fill("#before_note", "门窗完好,三人同时进入")
    page.click("#witness-form button[type=submit]")
    page.wait_for_selector(".msg.success")
    assert "在场人三" in page.inner_text("#signatures")  # the signer role in words, not witness_3 (CORE-8)

    opening.refresh_from_db()
    deposit.refresh_from_db()
    assert opening.status == OpeningStatus.OPENED and deposit.status == DepositStatus.OPENED
    assert DutyEntry.objects.filter(source=f"keys.deposit.opened:{opening.pk}", kind="key_custody").exists()
    assert DutyEntry.objects.filter(source=f"keys.deposit.call:{opening.pk}").exists()
