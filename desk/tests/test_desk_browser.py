"""In a real browser at phone width: a resident's call becomes a repair, the resident signs the slip on the
desk's screen, the closure schedules a return visit, CS staff record it and the supervisor reviews it."""
import datetime as dt

import pytest

from core import clock
from core.demo import build_world
from core.testing.browser import sign_in
from core.testing.fixtures import PASSWORD
from desk.kinds import MatterKind
from desk.models import Closure, Contact, ContactStatus, Repair, RepairStatus, ReturnVisit, VisitStatus
from desk.services import repairs as repair_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(live_server):
    world = build_world(password=PASSWORD)
    return {"users": world.users, "project": world.projects[0], "base": live_server.url}


def _submit(page, action: str) -> None:
    with page.expect_navigation():
        page.locator(f"form:has(input[name=action][value={action}]) button[type=submit]").click()


def _draw_signature(page) -> None:
    pad = page.locator("canvas.sigpad").first
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    x, y = box["x"] + 20, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(x + step * 18, y + (12 if step % 2 else -12))
    page.mouse.up()


def _fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 392, f"page overflows the phone: {width}px"


@pytest.mark.req("DESK-INTAKE-1", "REPAIR-1", "REPAIR-3", "VISIT-1", "VISIT-4", "VISIT-5")
def test_from_a_residents_call_to_the_reviewed_return_visit(phone_page, scene):
    page, base, users = phone_page, scene["base"], scene["users"]
    sign_in(page, base, "kefu1")

    # The call comes in: registered at the desk with the server's time.
    page.goto(f"{base}/desk/contacts/new/")
    _fits_the_phone(page)
    page.select_option("#channel", "call")
    page.select_option("#kind", "repair")
    page.fill("#person_name", "王女士")
    page.fill("#phone", "13912345678")
    page.select_option("#unit", index=1)
    page.fill("#content", "厨房水管漏水,请尽快上门")
    with page.expect_navigation():
        page.click("form.card button[type=submit]")
    contact = Contact.objects.get(person_name="王女士")
    assert contact.received_at <= clock.now()

    # It becomes a repair, and the duty clerk issues the task slip to engineering.
    _submit(page, "repair")
    repair = Repair.objects.get(contact=contact)
    assert f"/desk/repairs/{repair.pk}/" in page.url
    _submit(page, "dispatch")
    repair.refresh_from_db()
    assert repair.status == RepairStatus.DISPATCHED and repair.slip_number

    # The technician sets out and finishes on his own phone (his pages are tested elsewhere).
    repair_services.set_out(repair=repair, technician=users["gongcheng1"])
    repair_services.complete_repair(repair=repair, completed_by=users["gongcheng1"], work_done="更换三通阀门")

    # Back at the desk, the resident signs the slip on the screen; unsigned it would not count as done.
    page.reload()
    _fits_the_phone(page)
    page.fill("input[name=signer_name]", "王女士")
    _draw_signature(page)
    page.check("input[name=is_adult]")
    _submit(page, "sign_household")
    repair.refresh_from_db()
    contact.refresh_from_db()
    assert repair.status == RepairStatus.SIGNED
    assert contact.status == ContactStatus.CLOSED

    # The closure scheduled its return visit: repairs from day 1 to day 2 after completion.
    closure = Closure.objects.get(kind=MatterKind.REPAIR, source_ref=f"repair:{repair.pk}")
    visit = ReturnVisit.objects.get(closure=closure)
    opens = clock.beijing(visit.window_start).date() - clock.beijing(closure.closed_at).date()
    assert opens == dt.timedelta(days=1)
    ReturnVisit.objects.filter(pk=visit.pk).update(window_start=clock.now() - dt.timedelta(minutes=1))

    # The assigned CS staff member phones the resident and records the five evaluations.
    page.context.clear_cookies()
    sign_in(page, base, visit.assignee.username)
    page.goto(f"{base}/desk/visits/{visit.pk}/")
    _fits_the_phone(page)
    page.select_option("#method", "phone")
    page.fill("#quality", "维修及时,质量好")
    page.fill("#effect", "不再漏水")
    page.check("input[name=satisfaction][value=satisfied]")
    page.fill("#suggestions", "希望提前电话告知上门时间")
    page.check("input[name=verbal_confirmed]")
    page.fill("input[name=signer_name]", "王女士")
    _submit(page, "record")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DONE

    # The supervisor reviews the record.
    page.context.clear_cookies()
    sign_in(page, base, "kfzg")
    page.goto(f"{base}/desk/visits/{visit.pk}/")
    page.fill("#opinion", "回访记录完整,同意")
    _submit(page, "review")
    visit.refresh_from_db()
    assert visit.status == VisitStatus.REVIEWED and visit.reviewed_by == users["kfzg"]
