"""In a real browser: at phone width the navigation folds behind one Menu button and opens room by room; the
manager's morning overview shows every room's figures, each a link to its cases (CORE-2)."""
import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from core.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-pass-2026"


@pytest.fixture
def demo(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PROPDESK_DEMO_PASSWORD = DEMO_PASSWORD
    call_command("demo_data", stdout=io.StringIO())


@pytest.mark.req("CORE-2")
def test_at_phone_width_the_menu_folds_and_opens_room_by_room(demo, phone_page, live_server):
    page, base = phone_page, live_server.url
    sign_in(page, base, "kefu1", DEMO_PASSWORD)
    nav = page.locator("#main-nav")
    assert not nav.is_visible()  # folded: the page starts with the work, not a quarter-screen of links
    header = page.locator("header.topbar").bounding_box()
    assert header["height"] < 844 / 4
    page.click(".menu-toggle")
    assert nav.is_visible() and page.get_attribute(".menu-toggle", "aria-expanded") == "true"
    page.click("details[data-room=duty] > summary")
    log_link = page.locator("details[data-room=duty] a[href='/duty/log/']")
    assert log_link.is_visible()
    box = log_link.bounding_box()
    assert box["height"] >= 30  # a thumb-sized target
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"page overflows the phone: {width}px"
    log_link.click()
    page.wait_for_url(f"{base}/duty/log/")
    assert not page.locator("#main-nav").is_visible()  # folded again on the next page


@pytest.mark.req("CORE-2")
def test_the_managers_overview_gathers_every_room_and_links_to_the_cases(demo, page, live_server):
    base = live_server.url
    sign_in(page, base, "jingli", DEMO_PASSWORD)
    rooms = page.locator("section.room-figures h2").all_inner_texts()
    # every room that has figures for a manager, in order
    assert rooms == ["钥匙管理", "值班台", "前台", "档案室", "管理处", "消防与安全", "物资与工具", "员工"]
    card = page.locator("a[data-figure='desk.complaints_overdue']")
    assert card.is_visible()
    card.click()
    page.wait_for_url(f"{base}/desk/complaints/?overdue=1")
    page.go_back()
    page.click("a[data-figure='duty.unsigned_days']")
    page.wait_for_url(f"{base}/duty/log/")
    # Desktop: room drop-downs, one open at a time.
    page.click("details[data-room=keys] > summary")
    page.click("details[data-room=desk] > summary")
    expect(page.locator("details[data-room=keys][open]")).to_have_count(0)
    expect(page.locator("details[data-room=desk] a[href='/desk/repairs/']")).to_be_visible()
