"""REST API of the shift handover: the happy path, refusals as 4xx with codes, tenancy."""
import pytest

from core.testing.fixtures import PASSWORD
from duty.models import Handover, HandoverRefusal, HandoverStatus
from duty.services import log as log_service
from duty.states import EntryKind, Severity
from duty.tests.handover_helpers import prepare, start

URL = "/api/duty/handovers/"


@pytest.mark.req("HANDOVER-1", "HANDOVER-2", "HANDOVER-3", "HANDOVER-4")
def test_a_full_handover_through_the_api(api_as, project, users):
    out = api_as(users["kefu1"])
    r = out.post(URL, {"project": project.pk, "incoming": users["kefu2"].pk,
                       "shift_change_at": "2030-01-01T16:00:00+08:00"}, format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    pk, counts = body["id"], body["counts"]
    assert {"对讲机", "值班记录本"} <= {c["name"] for c in counts}
    assert out.post(f"{URL}{pk}/check-in/", {"password": PASSWORD}, format="json").status_code == 200
    r = out.post(f"{URL}{pk}/ready/", {}, format="json")
    assert r.status_code == 400 and r.json()["code"] == "preparation_incomplete" and r.json()["rule"] == "HANDOVER-1"
    assert out.post(f"{URL}{pk}/preparation/", {"records_read": True, "equipment_checked": True},
                    format="json").status_code == 200
    rows = [{"id": c["id"], "counted": c["expected"]} for c in counts]
    assert out.post(f"{URL}{pk}/counts/", {"counts": rows}, format="json").status_code == 200
    assert out.post(f"{URL}{pk}/ready/", {}, format="json").status_code == 200
    assert out.get(f"{URL}{pk}/blockers/").json() == []
    r = out.post(f"{URL}{pk}/complete/", {"outgoing_password": PASSWORD, "incoming_password": PASSWORD},
                 format="json")
    assert r.status_code == 200 and r.json()["status"] == "completed"
    assert r.json()["signed_by"] == {"outgoing": users["kefu1"].display_name, "incoming": users["kefu2"].display_name}
    assert r.json()["released_at"]


@pytest.mark.req("HANDOVER-5")
def test_a_refused_handover_answers_409_with_every_reason(api_as, project, users):
    log_service.record_entry(project=project, recorded_by=users["kefu1"], kind=EntryKind.FIRE,
                             severity=Severity.EMERGENCY, what_happened="配电房冒烟")
    h = prepare(start(project, users), users)
    r = api_as(users["kefu1"]).post(f"{URL}{h.pk}/complete/", {"outgoing_password": PASSWORD,
                                                               "incoming_password": PASSWORD}, format="json")
    assert r.status_code == 409 and r.json()["code"] == "handover_refused" and r.json()["rule"] == "HANDOVER-5"
    assert [x["code"] for x in r.json()["details"]["reasons"]] == ["serious_event_open"]
    h.refresh_from_db()
    assert h.status == HandoverStatus.READY and HandoverRefusal.objects.filter(handover=h).count() == 1


@pytest.mark.req("HANDOVER-4")
def test_a_wrong_password_is_403_and_nothing_is_recorded(api_as, project, users):
    h = prepare(start(project, users), users)
    r = api_as(users["kefu1"]).post(f"{URL}{h.pk}/complete/", {"outgoing_password": PASSWORD,
                                                               "incoming_password": "x"}, format="json")
    assert r.status_code == 403 and r.json()["code"] == "bad_credentials"
    assert not HandoverRefusal.objects.exists() and Handover.objects.get(pk=h.pk).released_at is None


def test_another_projects_handover_is_not_found(api_as, project, users):
    h = start(project, users)
    outsider = api_as(users["bj_kefu1"])
    assert outsider.get(f"{URL}{h.pk}/").status_code == 404
    assert outsider.post(f"{URL}{h.pk}/ready/", {}, format="json").status_code == 404
    assert outsider.get(URL).json()["results"] == []
    assert outsider.get(f"{URL}?project={project.pk}").status_code == 404


@pytest.mark.req("HANDOVER-5", "HANDOVER-8")
def test_equipment_operations_and_carried_items_through_the_api(api_as, project, users):
    eng = api_as(users["gongcheng1"])
    r = eng.post("/api/duty/equipment-operations/", {"project": project.pk, "equipment": "2号水泵", "kind": "stop"},
                 format="json")
    assert r.status_code == 201
    op = r.json()["id"]
    h = prepare(start(project, users), users)
    assert [x["code"] for x in api_as(users["kefu1"]).get(f"{URL}{h.pk}/blockers/").json()] == ["equipment_operating"]
    assert eng.post(f"/api/duty/equipment-operations/{op}/finish/", {}, format="json").status_code == 200
    assert eng.post(f"/api/duty/equipment-operations/{op}/finish/", {}, format="json").status_code == 409
    r = api_as(users["kefu1"]).post(f"{URL}{h.pk}/carry/", {"text": "跟进5栋电梯维保"}, format="json")
    assert r.status_code == 201
    item = r.json()["id"]
    api_as(users["kefu1"]).post(f"{URL}{h.pk}/complete/", {"outgoing_password": PASSWORD,
                                                           "incoming_password": PASSWORD}, format="json")
    assert [x["id"] for x in api_as(users["kefu2"]).get("/api/duty/handover-carry-items/?open=1").json()["results"]] \
        == [item]
    assert api_as(users["kefu2"]).post(f"/api/duty/handover-carry-items/{item}/done/", {},
                                       format="json").status_code == 200
