"""The API of passes, the gate and lost property (PASS-1, LOST-1): the same services as the pages, stable error
codes, another project's records not found, the ID number never answered in clear."""
import pytest

from core.models import AuditEvent
from desk.models import GoodsPass, GoodsStatus, LostItem, LostStatus
from desk.tests.passes_helpers import (DAY, ID_NUMBER, MORNING, SIGNATURE, access_pass, approved_pass, found_item,
                                       unit_of)


@pytest.fixture(autouse=True)
def morning(travel):
    travel(MORNING)


@pytest.mark.req("PASS-1")
def test_a_pass_goes_from_application_to_the_gate_through_the_api(api_as, project, users):
    clerk = api_as(users["kefu1"])
    response = clerk.post("/api/desk/goods-passes/", {
        "project": project.pk, "unit": unit_of(project).pk, "applicant_kind": "tenant", "applicant_name": "租户",
        "goods": [{"name": "冰箱", "quantity": 1}], "exit_date": DAY.isoformat()}, format="json")
    assert response.status_code == 201, response.json()
    pk, code = response.json()["id"], response.json()["code"]
    supervisor = api_as(users["kfzg"])
    refused = supervisor.post(f"/api/desk/goods-passes/{pk}/approve/", {}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "owner_consent_required"
    assert clerk.post(f"/api/desk/goods-passes/{pk}/consent/", {"owner_name": "业主", "method": "phone",
                                                                "consents": True}, format="json").status_code == 200
    assert supervisor.post(f"/api/desk/goods-passes/{pk}/approve/", {}, format="json").json()["status"] == "approved"
    guard = api_as(users["baoan1"])
    looked = guard.post("/api/desk/gate/", {"project": project.pk, "code": code}, format="json").json()
    assert looked["kind"] == "goods" and looked["usable"] is True and looked["goods_pass"]["goods"][0]["name"] == "冰箱"
    out = guard.post("/api/desk/gate/", {"project": project.pk, "code": code, "action": "exit"}, format="json")
    assert out.status_code == 200 and out.json()["goods_pass"]["status"] == "used"
    again = guard.post("/api/desk/gate/", {"project": project.pk, "code": code, "action": "exit"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "pass_used"
    assert GoodsPass.objects.get(pk=pk).status == GoodsStatus.USED


@pytest.mark.req("PASS-1")
def test_the_gate_refuses_the_wrong_action_for_the_kind_of_pass_and_a_clerk(api_as, project, users):
    card = access_pass(project, users)
    guard = api_as(users["baoan1"])
    events = AuditEvent.objects.count()
    response = guard.post("/api/desk/gate/", {"project": project.pk, "code": card.code, "action": "exit"},
                          format="json")
    assert response.status_code == 400 and response.json()["code"] == "wrong_kind_of_pass"
    answer = guard.post("/api/desk/gate/", {"project": project.pk, "code": card.code}, format="json").json()
    assert answer["access_pass"]["id_number"].endswith("123X") and ID_NUMBER not in str(answer)
    response = api_as(users["kefu1"]).post("/api/desk/gate/", {"project": project.pk, "code": card.code},
                                           format="json")
    assert response.status_code == 403 and AuditEvent.objects.count() == events


@pytest.mark.req("PASS-1", "CORE-1")
def test_another_projects_passes_are_not_found(api_as, project, users):
    made = approved_pass(project, users)
    other = api_as(users["bj_kefu1"])
    assert other.get(f"/api/desk/goods-passes/{made.pk}/").status_code == 404
    assert made.pk not in [row["id"] for row in other.get("/api/desk/goods-passes/").json()["results"]]


@pytest.mark.req("LOST-1")
def test_lost_property_is_handed_back_and_disposal_refused_early_through_the_api(api_as, project, users):
    clerk = api_as(users["kefu1"])
    response = clerk.post("/api/desk/lost-items/", {
        "project": project.pk, "description": "雨伞", "found_at": "2026-11-26T08:00:00+08:00", "place": "大堂",
        "finder_name": "保洁", "kept_at": "前台"}, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    early = api_as(users["kfzg"]).post(f"/api/desk/lost-items/{pk}/dispose/", {
        "witness": users["kefu1"].pk, "method": "charity", "reason": "无人认领"}, format="json")
    assert early.status_code == 409 and early.json()["code"] == "keep_period_not_over"
    back = clerk.post(f"/api/desk/lost-items/{pk}/hand-back/", {
        "claimant_name": "业主", "id_number": ID_NUMBER, "signature_image": SIGNATURE}, format="json")
    assert back.status_code == 200 and back.json()["claimant_id_number"].endswith("123X")
    assert ID_NUMBER not in str(back.json()) and LostItem.objects.get(pk=pk).status == LostStatus.RETURNED
    other = found_item(project, users)
    assert api_as(users["bj_kefu1"]).get(f"/api/desk/lost-items/{other.pk}/").status_code == 404
