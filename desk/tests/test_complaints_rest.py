"""The complaints API: register, transitions, statistics, summaries; errors are 4xx (COMPLAINT-1, -2)."""
import datetime as dt

import pytest

from core import clock
from desk.models import Complaint, ComplaintStatus
from desk.tests.complaints_helpers import complaint, sent

BASE = "/api/desk/complaints/"


@pytest.mark.req("COMPLAINT-1", "COMPLAINT-2")
def test_a_complaint_goes_its_way_through_the_api(api_as, project, users):
    api = api_as(users["kefu1"])
    response = api.post(BASE, {"project": project.pk, "person_name": "业主丙", "phone": "13711112222",
                               "content": "电梯故障", "channel": "call", "department": "engineering",
                               "subject": "设施设备"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["serial"].startswith("TS-") and body["phone"] == "137****2222"
    pk = body["id"]
    assert api.post(f"{BASE}{pk}/send/", {}, format="json").json()["status"] == "sent"
    response = api.post(f"{BASE}{pk}/handle/", {"handling": "x"}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "not_responsible_department"
    response = api_as(users["gongcheng1"]).post(f"{BASE}{pk}/handle/", {"handling": "已修复"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "handled"
    response = api.post(f"{BASE}{pk}/send/", {}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "illegal_transition"
    assert [c["id"] for c in api.get(BASE, {"project": project.pk}).json()["results"]] == [pk]


@pytest.mark.req("COMPLAINT-1")
def test_bad_input_is_a_400_and_writes_nothing(api_as, project, users):
    api = api_as(users["kefu1"])
    for data in ({"project": project.pk, "person_name": "a", "content": "b", "channel": "fax"},
                 {"project": project.pk, "person_name": "a", "content": "b", "channel": "call", "unit": "x"},
                 {"project": project.pk, "person_name": "a", "content": "b", "channel": "call", "unit": 999999},
                 {"project": project.pk, "person_name": "a", "content": " ", "channel": "call"},
                 {"project": "1x", "person_name": "a", "content": "b", "channel": "call"}):
        response = api.post(BASE, data, format="json")
        assert response.status_code == 400, (data, response.content)
    assert api.get(f"{BASE}abc/").status_code == 404
    assert not Complaint.objects.exists()


@pytest.mark.req("COMPLAINT-2")
def test_outsiders_get_404_and_other_departments_403(api_as, project, other_project, users):
    theirs = complaint(other_project, users["bj_kefu1"])
    api = api_as(users["kefu1"])
    assert api.get(f"{BASE}{theirs.pk}/").status_code == 404
    assert api.post(f"{BASE}{theirs.pk}/send/", {}, format="json").status_code == 404
    assert api.get(BASE, {"project": other_project.pk}).status_code == 404
    ours = sent(project, users)
    guard = api_as(users["baoan1"])
    assert guard.get(f"{BASE}{ours.pk}/").status_code == 403
    assert guard.get(BASE).json()["results"] == []
    assert api_as(users["gongcheng1"]).get(f"{BASE}{ours.pk}/").status_code == 200
    ours.refresh_from_db()
    assert ours.status == ComplaintStatus.SENT


@pytest.mark.req("COMPLAINT-2")
def test_statistics_and_summaries_through_the_api(api_as, project, users):
    complaint(project, users["kefu1"])
    sup = api_as(users["kfzg"])
    stats = sup.get(f"{BASE}summaries/statistics/", {"project": project.pk, "kind": "month"})
    assert stats.status_code == 200 and stats.json()["total"] == 1
    assert sup.get(f"{BASE}summaries/statistics/", {"project": project.pk, "day": "2026-02-30"}).status_code == 400
    last = (clock.today().replace(day=1) - dt.timedelta(days=1)).isoformat()
    response = api_as(users["kefu1"]).post(f"{BASE}summaries/", {"project": project.pk, "kind": "month", "day": last,
                                                                 "proposals": "x"}, format="json")
    assert response.status_code == 403
    response = sup.post(f"{BASE}summaries/", {"project": project.pk, "kind": "month", "day": last,
                                              "proposals": "加强培训"}, format="json")
    assert response.status_code == 201 and response.json()["figures"]["total"] == 0
    assert api_as(users["baoan1"]).get(f"{BASE}summaries/{response.json()['id']}/").status_code == 403
    assert api_as(users["bj_kfzg"]).get(f"{BASE}summaries/{response.json()['id']}/").status_code == 404
