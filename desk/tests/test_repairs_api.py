"""The repairs API (REPAIR-1..3): same services, stable error codes, never a 500."""
import pytest

from core.testing.fixtures import PASSWORD
from desk.models import Repair, RepairStatus
from desk.tests.test_repairs_factories import completed, household, public, unit_of


@pytest.mark.req("REPAIR-1", "REPAIR-2")
def test_a_repair_is_reported_dispatched_and_set_out_through_the_api(api_as, project, users):
    api = api_as(users["kefu1"])
    response = api.post("/api/desk/repairs/", {"project": project.pk, "person_name": "业主", "phone": "138",
                                               "unit": unit_of(project).pk, "content": "漏水", "category": "水电"},
                        format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = api.post(f"/api/desk/repairs/{pk}/dispatch/", {"technician": users["gongcheng1"].pk}, format="json")
    assert response.status_code == 200 and response.json()["slip_number"].startswith("RW-")
    assert api.post(f"/api/desk/repairs/{pk}/set-out/").status_code == 403
    response = api_as(users["gongcheng1"]).post(f"/api/desk/repairs/{pk}/set-out/")
    assert response.status_code == 200 and response.json()["status"] == "set_out" and not response.json()["late"]


@pytest.mark.req("REPAIR-1")
@pytest.mark.parametrize("payload", [{"unit": "abc"}, {"unit": 999999999}, {"category": "魔法"},
                                     {"appointment_at": "not a date"}, {"unit": "１２"}])
def test_bad_input_is_a_400_and_writes_nothing(api_as, project, users, payload):
    body = {"project": project.pk, "person_name": "业主", "content": "漏水", "category": "水电",
            "unit": unit_of(project).pk}
    body.update(payload)
    response = api_as(users["kefu1"]).post("/api/desk/repairs/", body, format="json")
    assert response.status_code == 400 and not Repair.objects.exists()


@pytest.mark.req("REPAIR-3")
def test_a_public_slip_is_signed_with_the_signers_own_password_through_the_api(api_as, project, users):
    repair = completed(project, users, repair=public(project, users["kefu1"]))
    api = api_as(users["gongcheng1"])
    response = api.post(f"/api/desk/repairs/{repair.pk}/sign-staff/", {"username": "baz", "password": "nope"},
                        format="json")
    assert response.status_code == 403 and response.json()["code"] == "bad_credentials"
    response = api.post(f"/api/desk/repairs/{repair.pk}/sign-staff/", {"username": "gczg", "password": PASSWORD},
                        format="json")
    assert response.status_code == 403 and response.json()["rule"] == "REPAIR-3"
    assert Repair.objects.get(pk=repair.pk).status == RepairStatus.COMPLETED
    response = api.post(f"/api/desk/repairs/{repair.pk}/sign-staff/", {"username": "baz", "password": PASSWORD},
                        format="json")
    assert response.status_code == 200 and response.json()["status"] == "signed"


@pytest.mark.req("REPAIR-5")
def test_another_projects_repair_is_404_and_a_guard_is_403(api_as, project, other_project, users):
    theirs = household(other_project, users["bj_kefu1"], unit=unit_of(other_project))
    api = api_as(users["kefu1"])
    assert api.get(f"/api/desk/repairs/{theirs.pk}/").status_code == 404
    assert api.post(f"/api/desk/repairs/{theirs.pk}/dispatch/", {}, format="json").status_code == 404
    assert api.get("/api/desk/repairs/", {"project": other_project.pk}).status_code == 404
    assert [r["id"] for r in api.get("/api/desk/repairs/").json()["results"]] == []
    mine = household(project, users["kefu1"])
    guard = api_as(users["baoan1"])
    assert guard.get(f"/api/desk/repairs/{mine.pk}/").status_code == 403
    assert guard.get("/api/desk/repairs/", {"project": project.pk}).status_code == 403
