"""In a real browser: a clerk lends and takes back a key at the desk; an approver approves on a phone."""
import pytest

from core.demo import build_world
from core.testing.browser import sign_in
from core.testing.fixtures import PASSWORD
from keys.models import KeyLoan
from keys.states import LoanStatus
from keys.tests.helpers import apply, approve_all, make_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(live_server):
    world = build_world(password=PASSWORD)
    users, project = world.users, world.projects[0]
    key = make_key(project, users, "public", name="1栋12层消防通道门", pieces=2)
    ready = approve_all(apply(key, users, applicant="gongcheng1"), users)
    waiting = apply(make_key(project, users, "public", name="东大门"), users, applicant="baoan1")
    return {"key": key, "ready": ready, "waiting": waiting, "base": live_server.url}


@pytest.mark.req("KEY-LOAN-5", "KEY-LOAN-10")
def test_a_clerk_lends_and_takes_back_a_key_through_the_pages(page, scene):
    base, key, loan = scene["base"], scene["key"], scene["ready"]
    sign_in(page, base, "xingzheng")
    assert "登录" not in page.title()
    page.goto(f"{base}/keys/desk/")
    page.fill("input.scan", key.tag_token)
    page.keyboard.press("Enter")
    page.wait_for_selector(".lend-form")
    assert "借出" in page.inner_text(".lend-form")
    page.fill(f"#pieces-{loan.pk}", "2")
    page.fill(f"#password-{loan.pk}", PASSWORD)
    page.click(".lend-form button[type=submit]")
    page.wait_for_selector(".msg.success")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.LENT

    page.fill("input.scan", key.number)
    page.keyboard.press("Enter")
    page.wait_for_selector("#return-form")
    page.fill("#pieces_returned", "2")
    page.click("#return-form button.big")
    page.wait_for_selector(".msg.success")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.RETURNED and loan.received_by.username == "xingzheng"


@pytest.mark.req("KEY-LOAN-3")
def test_an_approver_approves_at_phone_width(phone_page, scene):
    base, waiting = scene["base"], scene["waiting"]
    sign_in(phone_page, base, "baz")
    phone_page.goto(f"{base}/keys/inbox/")
    card = phone_page.locator(f"#inbox-{waiting.pk}")
    card.wait_for()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"page overflows the phone: {width}px"
    button = card.locator("button.big")
    assert button.bounding_box()["width"] >= 300
    button.click()
    phone_page.wait_for_selector(".msg.success")
    assert KeyLoan.objects.get(pk=waiting.pk).status == LoanStatus.APPROVED
