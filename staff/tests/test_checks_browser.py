"""In a real browser at phone width (390 px): the supervisor checks a staff member in one tap when all is in order,
and in three when the work was not (the fault and its note) — well under a minute per person (STAFF-2)."""
import pytest

from core.demo import build_world
from core.testing.browser import sign_in
from core.testing.fixtures import PASSWORD
from staff.models import DailyCheck

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"page overflows the phone: {width}px"


@pytest.mark.req("STAFF-2")
def test_a_daily_check_on_a_phone(phone_page, live_server):
    world = build_world(password=PASSWORD)
    users = world.users
    page, base = phone_page, live_server.url
    sign_in(page, base, "kfzg")
    page.goto(f"{base}/staff/checks/")
    fits(page)
    kefu1, kefu2 = users["kefu1"].pk, users["kefu2"].pk
    page.click(f"div[data-person='{kefu1}'] button.big")  # all in order: one tap
    page.wait_for_selector(f"div[data-person='{kefu1}'] .badge.ok")
    card = f"div[data-person='{kefu2}']"
    page.check(f"{card} input[name=work][value=fault]")
    page.fill(f"#note-{kefu2}", "未及时录入报修")
    page.click(f"{card} button.big")
    page.wait_for_selector(f"{card} .badge.ok")
    fits(page)
    rows = {c.person_id: (c.all_ok, c.note) for c in DailyCheck.objects.all()}
    assert rows == {kefu1: (True, ""), kefu2: (False, "未及时录入报修")}
