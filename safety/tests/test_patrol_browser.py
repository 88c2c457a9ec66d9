"""In a real browser at phone width (PATROL-1): the guard walks a round of three points on the phone — one by
typing its short code, one by opening its scanned code's address with a photo-less sign-in — and leaves the
third; when the round is closed the third point is missed and the supervisor sees it on the round's page."""
import datetime as dt

import pytest

from core.demo import build_world
from core.testing.browser import sign_in
from core.testing.fixtures import PASSWORD
from safety.models import Round, Visit
from safety.services import patrols
from safety.states import VisitResult
from safety.tests.helpers import GUARD, MORNING, at, route

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"page overflows the phone: {width}px"


@pytest.mark.req("PATROL-1")
def test_a_patrol_on_the_phone_with_one_missed_point(phone_page, live_server, travel):
    travel(at(MORNING))
    world = build_world(password=PASSWORD)
    project, users = world.projects[0], world.users
    r = route(project, users, first_at=dt.time(9, 0), every=120, rounds=1, allowed=60, points=3)
    first, second, third = r.checkpoints.all()
    page, base = phone_page, live_server.url
    sign_in(page, base, GUARD)

    page.goto(f"{base}/safety/patrol/")
    _fits_the_phone(page)
    page.fill("#code", first.short_code.lower())
    with page.expect_navigation():
        page.locator("button[type=submit].big").click()
    _fits_the_phone(page)
    assert Visit.objects.get(checkpoint=first).result == VisitResult.ON_TIME

    page.goto(f"{base}/safety/p/{second.token}/")  # what the camera opens
    _fits_the_phone(page)
    page.fill("#finding", "楼道灯不亮")
    with page.expect_navigation():
        page.locator("button[type=submit].big").click()
    assert Visit.objects.get(checkpoint=second).finding == "楼道灯不亮"

    travel(at(MORNING, 10, 30))  # past the round's end and its grace: the third point was never walked
    patrols.close_due_rounds(project)
    rnd = Round.objects.get(route=r)
    assert (rnd.missed, rnd.late) == (1, 0)
    assert Visit.objects.get(checkpoint=third).result == VisitResult.MISSED

    page.context.clear_cookies()
    sign_in(page, base, "kfzg")
    page.goto(f"{base}/safety/rounds/{rnd.pk}/")
    _fits_the_phone(page)
    assert page.locator("tr[data-result=missed]").count() == 1
    assert page.locator("tr[data-result=on_time]").count() == 2
