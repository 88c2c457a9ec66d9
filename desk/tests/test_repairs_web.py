"""Repair pages, print views and Excel (REPAIR-1..5): owner, member of another project, role without access."""
import datetime as dt

import pytest

from core import clock
from desk.models import Repair, RepairStatus
from desk.services import repairs as service
from desk.tests.test_repairs_factories import completed, household, shows, unit_of


@pytest.mark.req("REPAIR-1")
def test_the_clerk_registers_a_repair_on_one_screen(client, project, users):
    client.force_login(users["kefu1"])
    assert client.get("/desk/repairs/new/").status_code == 200
    response = client.post("/desk/repairs/new/", {"person_name": "业主1-201", "phone": "138", "unit": unit_of(project).pk,
                                                  "category": "水电", "content": "漏水"})
    repair = Repair.objects.get()
    assert response.status_code == 302 and response.url == f"/desk/repairs/{repair.pk}/"


@pytest.mark.req("REPAIR-1")
def test_bad_input_is_shown_in_the_form_and_changes_nothing(client, project, users):
    client.force_login(users["kefu1"])
    response = client.post("/desk/repairs/new/", {"person_name": "甲", "category": "水电", "content": "漏水"})
    assert response.status_code == 200 and shows(response.content.decode(), "Give the unit, or the place of a public facility.")
    assert not Repair.objects.exists()


@pytest.mark.req("REPAIR-2")
def test_the_list_shows_a_late_slip_in_red(client, project, users):
    repair = service.dispatch_repair(repair=household(project, users["kefu1"]), dispatched_by=users["kefu1"])
    Repair.objects.filter(pk=repair.pk).update(due_at=clock.now() - dt.timedelta(minutes=2))
    client.force_login(users["kefu1"])
    html = client.get("/desk/repairs/?late=1").content.decode()
    assert repair.slip_number in html and 'badge overdue' in html


@pytest.mark.req("REPAIR-2", "REPAIR-3")
def test_the_technician_sets_out_and_completes_from_the_detail_page(client, project, users):
    repair = service.dispatch_repair(repair=household(project, users["kefu1"]), dispatched_by=users["kefu1"])
    client.force_login(users["gongcheng1"])
    assert client.post(f"/desk/repairs/{repair.pk}/", {"action": "set_out"}).status_code == 302
    client.post(f"/desk/repairs/{repair.pk}/", {"action": "complete", "work_done": "换水龙头"})
    repair.refresh_from_db()
    assert repair.status == RepairStatus.COMPLETED
    html = client.get(f"/desk/repairs/{repair.pk}/").content.decode()
    assert shows(html, "Not done until signed")
    response = client.post(f"/desk/repairs/{repair.pk}/", {"action": "sign_household", "signer_name": "业主",
                                                           "signature": "", "is_adult": "1"})
    assert response.status_code == 200
    assert Repair.objects.get(pk=repair.pk).status == RepairStatus.COMPLETED


@pytest.mark.req("REPAIR-4")
def test_the_slip_prints_in_three_labelled_copies(client, project, users):
    repair = completed(project, users)
    client.force_login(users["kefu1"])
    html = client.get(f"/desk/repairs/{repair.pk}/print/").content.decode()
    for label in ("Copy 1 — resident / reporting department", "Copy 2 — engineering", "Copy 3 — customer service"):
        assert shows(html, label)
    assert html.count(repair.slip_number) >= 3


@pytest.mark.req("REPAIR-5")
def test_the_register_exports_to_excel(client, project, users):
    household(project, users["kefu1"])
    client.force_login(users["kfzg"])
    response = client.get("/desk/repairs/export.xlsx?status=all")
    assert response.status_code == 200 and response.content[:2] == b"PK"


@pytest.mark.req("REPAIR-5")
def test_another_projects_repair_is_not_found_and_a_guard_is_refused(client, project, other_project, users):
    theirs = household(other_project, users["bj_kefu1"], unit=unit_of(other_project))
    client.force_login(users["kefu1"])
    assert client.get(f"/desk/repairs/{theirs.pk}/").status_code == 404
    assert client.get(f"/desk/repairs/{theirs.pk}/print/").status_code == 404
    client.force_login(users["baoan1"])
    assert client.get("/desk/repairs/").status_code == 403
    mine = household(project, users["kefu1"])
    assert client.post(f"/desk/repairs/{mine.pk}/", {"action": "cancel", "reason": "x"}).status_code == 403
    assert Repair.objects.get(pk=mine.pk).status == RepairStatus.REPORTED
