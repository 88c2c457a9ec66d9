"""In a real browser at 390 px: a resident signs in from the lobby code, reports a leak with a photo, confirms the
completed repair with a drawn signature and rates it (RES-1, SURVEY-2)."""
import pytest

from core.demo import build_world
from core.testing.fixtures import PASSWORD
from desk.models import Contact, RepairStatus
from desk.services import intake_convert, repairs
from residents.models import MatterRating
from residents.services import access
from residents.tests.helpers import PNG, code_sent, household

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.req("RES-1", "SURVEY-2")
def test_a_resident_reports_a_leak_confirms_and_rates_on_a_phone(phone_page, live_server, sms_file, tmp_path):
    world = build_world(password=PASSWORD)
    users, project = world.users, world.projects[0]
    page, base = phone_page, live_server.url
    unit, resident = household(project)
    point = access.entry_point(unit.building)
    page.goto(f"{base}/r/in/{point.code}/")
    page.fill("#phone", resident.phone)
    page.click("button[type=submit]")
    page.fill("#code", code_sent(sms_file, resident.phone))
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/r/")
    page.click("a[href='/r/report/']")
    page.select_option("#kind", "repair")
    page.fill("#content", "厨房水槽下面漏水")
    photo = tmp_path / "leak.png"
    photo.write_bytes(PNG)
    page.set_input_files("#photos", str(photo))
    page.click("button[type=submit]")
    page.wait_for_selector(".msg.success")
    contact = Contact.objects.get(project=project, channel="online")
    repair = intake_convert.contact_to_repair(contact=contact, actor=users["kefu1"], category="水电")
    repairs.dispatch_repair(repair=repair, dispatched_by=users["kefu1"], technician=users["gongcheng1"])
    repairs.set_out(repair=repair, technician=users["gongcheng1"])
    repairs.complete_repair(repair=repair, completed_by=users["gongcheng1"], work_done="更换软管")
    page.goto(f"{base}/r/matter/?ref={repair.ref}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.fill("input[name=signer_name]", resident.name)
    box = page.locator("canvas.sigpad").bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 60)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 20 + step * 20, box["y"] + 60 + (15 if step % 2 else -15))
    page.mouse.up()
    page.check("input[name=is_adult]")
    page.click("form:has(input[value=confirm]) button[type=submit]")
    page.wait_for_selector(".msg.success")
    repair.refresh_from_db()
    assert repair.status == RepairStatus.SIGNED
    page.check("input[name=score][value='5']")
    page.click("form:has(input[value=rate]) button[type=submit]")
    page.wait_for_selector(".msg.success")
    assert MatterRating.objects.get(matter_ref=repair.ref).score == 5
