"""Paid-service pages, print, Excel and API (SERVICE-1): owner, other project, role without access."""
import pytest

from desk.models import PaidService, PaidStatus
from desk.tests.test_paid_services import register, signed
from desk.tests.test_repairs_factories import shows, unit_of


@pytest.mark.req("SERVICE-1")
def test_the_clerk_registers_a_paid_service_on_its_page(client, project, users):
    client.force_login(users["kefu1"])
    assert client.get("/desk/paid/new/").status_code == 200
    response = client.post("/desk/paid/new/", {"person_name": "业主", "unit": unit_of(project).pk, "qty-lamp": "3"})
    service = PaidService.objects.get()
    assert response.status_code == 302 and service.total == 30
    response = client.post("/desk/paid/new/", {"person_name": "业主", "qty-lamp": "x"})
    assert response.status_code == 200 and PaidService.objects.count() == 1


@pytest.mark.req("SERVICE-1")
def test_the_slip_prints_and_the_register_exports(client, project, users):
    service = signed(project, users)
    client.force_login(users["kefu1"])
    html = client.get(f"/desk/paid/{service.pk}/print/").content.decode()
    assert service.serial in html and shows(html, "Paid service slip (有偿服务单)")
    response = client.get("/desk/paid/export.xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


@pytest.mark.req("SERVICE-1")
def test_other_projects_slips_are_not_found_and_guards_are_refused(client, api_as, project, other_project, users):
    theirs = register(other_project, users["bj_kefu1"], unit=unit_of(other_project))
    client.force_login(users["kefu1"])
    assert client.get(f"/desk/paid/{theirs.pk}/").status_code == 404
    assert api_as(users["kefu1"]).get(f"/api/desk/paid/{theirs.pk}/").status_code == 404
    client.force_login(users["baoan1"])
    assert client.get("/desk/paid/").status_code == 403
    assert api_as(users["baoan1"]).get("/api/desk/paid/", {"project": project.pk}).status_code == 403


@pytest.mark.req("SERVICE-1")
def test_a_slip_goes_from_registration_to_payment_through_the_api(api_as, project, users):
    from desk.tests.test_repairs_factories import SIGNATURE

    api = api_as(users["kefu1"])
    response = api.post("/api/desk/paid/", {"project": project.pk, "person_name": "业主",
                                            "items": [{"code": "drain", "quantity": 1}]}, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert api.post(f"/api/desk/paid/{pk}/perform/", {}, format="json").status_code == 200
    assert api.post(f"/api/desk/paid/{pk}/sign/", {"name": "业主", "image": "x"}, format="json").status_code == 400
    assert api.post(f"/api/desk/paid/{pk}/sign/", {"name": "业主", "image": SIGNATURE}, format="json").status_code == 200
    assert api.post(f"/api/desk/paid/{pk}/waive/", {"reason": "x"}, format="json").status_code == 403
    response = api.post(f"/api/desk/paid/{pk}/pay/", {"amount": "50.00", "receipt_number": "R1"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == PaidStatus.CLOSED
    response = api.post("/api/desk/paid/", {"project": project.pk, "person_name": "业主",
                                            "items": [{"code": "drain", "quantity": "１"}]}, format="json")
    assert response.status_code == 400
