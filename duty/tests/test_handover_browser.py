"""In a real browser at phone width: a handover is refused while an emergency is open (reason shown),
then the emergency is resolved and both sign on one phone."""
import datetime as dt

import pytest

from core import clock
from core.demo import build_world
from core.testing.browser import sign_in
from core.testing.fixtures import PASSWORD
from duty.models import Handover, HandoverStatus
from duty.services import handover as svc
from duty.services import log as log_service
from duty.states import EntryKind, Severity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"page overflows the phone: {width}px"


@pytest.mark.req("HANDOVER-1", "HANDOVER-3", "HANDOVER-4", "HANDOVER-5")
def test_a_handover_is_refused_for_an_open_emergency_then_completed_with_both_signatures(phone_page, live_server):
    world = build_world(password=PASSWORD)
    users, project = world.users, world.projects[0]
    fire = log_service.record_entry(project=project, recorded_by=users["kefu1"], kind=EntryKind.FIRE,
                                    severity=Severity.EMERGENCY, what_happened="配电房冒烟")
    page, base = phone_page, live_server.url
    sign_in(page, base, "kefu1")

    page.goto(f"{base}/duty/handover/")
    fits(page)
    page.select_option("#incoming", str(users["kefu2"].pk))
    change = clock.beijing(clock.now() + dt.timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M")
    page.fill("#shift_change_at", change)
    page.click("#start-form button.big")
    page.wait_for_selector("#sign-form")
    fits(page)
    handover = Handover.objects.get()

    page.fill("#checkin-password", PASSWORD)  # the incoming person checks in on the outgoing person's phone
    page.click("#checkin-form button.big")
    page.wait_for_selector("#prepare-form")
    page.check("input[name=records_read]")
    page.check("input[name=equipment_checked]")
    for count in handover.counts.all():
        page.fill(f"#counted-{count.pk}", str(count.expected))
    page.click("#prepare-form button.big")
    page.wait_for_selector("#ready-form")
    page.click("#ready-form button.big")
    page.wait_for_selector(".msg.success")

    page.fill("#outgoing_password", PASSWORD)
    page.fill("#incoming_password", PASSWORD)
    page.click("#sign-form button.big")
    page.wait_for_selector("#refusal")
    refusal = page.inner_text("#refusal")
    assert fire.serial in refusal and "HANDOVER-5" in refusal
    fits(page)
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.READY and handover.released_at is None

    log_service.resolve_entry(entry=fire, resolved_by=users["kefu1"], result="已扑灭,无人员受伤")
    page.goto(f"{base}/duty/handover/{handover.pk}/")
    assert page.locator("#blockers").count() == 0
    page.fill("#outgoing_password", PASSWORD)
    page.fill("#incoming_password", PASSWORD)
    button = page.locator("#sign-form button.big")
    assert button.bounding_box()["width"] >= 240  # a full-width thumb target inside the card
    button.click()
    page.wait_for_selector("#signatures")
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.COMPLETED and handover.released_at is not None
    assert users["kefu2"].display_name in page.inner_text("#signatures")
    assert svc.blockers(handover) == []
