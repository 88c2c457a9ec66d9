"""Intake pages and API, the front-desk hub (DESK-INTAKE-1, DESK-INTAKE-2): owner, other project, no role."""
import pytest

from desk.models import Contact, Repair
from desk.tests.test_intake_contacts import call
from desk.tests.test_repairs_factories import household, shows, unit_of


@pytest.mark.req("DESK-INTAKE-1")
def test_the_clerk_registers_a_contact_and_turns_it_into_a_repair(client, project, users):
    client.force_login(users["kefu1"])
    response = client.post("/desk/contacts/new/", {"channel": "visit", "kind": "repair", "person_name": "业主",
                                                   "content": "门锁坏了", "unit": unit_of(project).pk})
    contact = Contact.objects.get()
    assert response.status_code == 302 and response.url == f"/desk/contacts/{contact.pk}/"
    response = client.post(f"/desk/contacts/{contact.pk}/", {"action": "repair", "category": "门窗"})
    repair = Repair.objects.get()
    assert response.status_code == 302 and repair.contact == contact and repair.unit == unit_of(project)


@pytest.mark.req("DESK-INTAKE-1")
def test_bad_contact_input_is_shown_and_changes_nothing(client, project, users):
    client.force_login(users["kefu1"])
    response = client.post("/desk/contacts/new/", {"channel": "call", "kind": "enquiry", "person_name": "甲",
                                                   "content": ""})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert not Contact.objects.exists()


@pytest.mark.req("DESK-INTAKE-1")
def test_the_hub_shows_todays_contacts_and_open_repairs(client, project, users):
    contact = call(project, users["kefu1"])
    repair = household(project, users["kefu1"])
    client.force_login(users["kefu1"])
    html = client.get("/desk/").content.decode()
    assert contact.serial in html and repair.serial in html and shows(html, "Register a contact")


@pytest.mark.req("DESK-INTAKE-1")
def test_other_projects_contacts_are_not_found_and_engineering_is_refused(client, api_as, project, other_project,
                                                                          users):
    theirs = call(other_project, users["bj_kefu1"])
    client.force_login(users["kefu1"])
    assert client.get(f"/desk/contacts/{theirs.pk}/").status_code == 404
    api = api_as(users["kefu1"])
    assert api.get(f"/api/desk/contacts/{theirs.pk}/").status_code == 404
    assert api.post(f"/api/desk/contacts/{theirs.pk}/close/", {"outcome": "x"}, format="json").status_code == 404
    client.force_login(users["gongcheng1"])
    assert client.get("/desk/contacts/").status_code == 403
    assert api_as(users["gongcheng1"]).post("/api/desk/contacts/", {
        "project": project.pk, "channel": "call", "kind": "enquiry", "content": "x", "person_name": "y"},
        format="json").status_code == 403
    assert Contact.objects.count() == 1


@pytest.mark.req("DESK-INTAKE-1", "DESK-INTAKE-2")
def test_contacts_are_registered_escalated_and_closed_through_the_api(api_as, project, users):
    api = api_as(users["kefu1"])
    response = api.post("/api/desk/contacts/", {"project": project.pk, "channel": "letter", "kind": "suggestion",
                                                "person_name": "业主", "content": "建议增加路灯"}, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = api.post(f"/api/desk/contacts/{pk}/escalate/", {"level": "supervisor", "reason": ""}, format="json")
    assert response.status_code == 400 and response.json()["rule"] == "DESK-INTAKE-2"
    response = api.post(f"/api/desk/contacts/{pk}/escalate/", {"level": "supervisor", "reason": "需主管决定"},
                        format="json")
    assert response.status_code == 200 and response.json()["escalation"] == "supervisor"
    response = api.post(f"/api/desk/contacts/{pk}/close/", {"outcome": "已采纳"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "closed"
    response = api.post("/api/desk/contacts/", {"project": "٣", "channel": "call", "kind": "enquiry",
                                                "content": "x"}, format="json")
    assert response.status_code == 400
