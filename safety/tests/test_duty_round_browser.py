"""In a real browser at phone width (DUTY-LOG-6 with PATROL-1): the duty clerk starts a round on the duty desk, opens
one checkpoint's scanned address and records it, types another's short code from the round's link, leaves the third
and finishes the round — the round shows two points scanned and one missed."""
import datetime as dt

import pytest

from core.demo import build_world
from core.testing.browser import sign_in
from core.testing.fixtures import PASSWORD
from duty.models import DutyRound
from safety.models import Visit
from safety.tests.helpers import MORNING, at, route

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CLERK = "kefu1"


def _fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"page overflows the phone: {width}px"


@pytest.mark.req("DUTY-LOG-6")
@pytest.mark.req("PATROL-1")
def test_a_duty_round_walked_by_checkpoint_on_the_phone(phone_page, live_server, travel):
    travel(at(MORNING))
    world = build_world(password=PASSWORD)
    project, users = world.projects[0], world.users
    r = route(project, users, first_at=dt.time(9, 0), every=120, rounds=1, allowed=60, points=3)
    first, second, _third = r.checkpoints.all()
    page, base = phone_page, live_server.url
    sign_in(page, base, CLERK)

    page.goto(f"{base}/duty/log/rounds/")
    with page.expect_navigation():
        page.locator("form button[type=submit].big").click()
    duty_round = DutyRound.objects.get(performed_by=users[CLERK])
    assert page.url.endswith(f"/duty/log/rounds/{duty_round.pk}/")
    _fits_the_phone(page)
    assert page.locator("#checkpoints tr[data-point=due]").count() == 3

    page.goto(f"{base}/safety/p/{first.token}/")  # what the camera opens
    _fits_the_phone(page)
    page.fill("#finding", "消防通道堆放杂物")
    with page.expect_navigation():
        page.locator("button[type=submit].big").click()
    assert Visit.objects.get(checkpoint=first).finding == "消防通道堆放杂物"

    page.goto(f"{base}/duty/log/rounds/{duty_round.pk}/")
    with page.expect_navigation():
        page.locator("#checkpoints a.button").click()  # the camera cannot scan: type the short code
    _fits_the_phone(page)
    page.fill("#code", second.short_code.lower())
    with page.expect_navigation():
        page.locator("button[type=submit].big").click()

    page.goto(f"{base}/duty/log/rounds/{duty_round.pk}/")
    assert page.locator("#checkpoints tr[data-point=scanned]").count() == 2
    with page.expect_navigation():
        page.locator("form button[type=submit].big").click()  # every area in order: finish the round
    _fits_the_phone(page)
    assert page.locator("#checkpoints tr[data-point=scanned]").count() == 2
    assert page.locator("#checkpoints tr[data-point=missed]").count() == 1
    duty_round.refresh_from_db()
    assert duty_round.finished_at and [bool(p["scanned_at"]) for p in duty_round.checkpoints] == [True, True, False]
