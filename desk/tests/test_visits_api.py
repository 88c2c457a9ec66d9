"""API of return visits: lists, record, review, assign, closures, filings, analyses; 404 for another
project, 403 for roles without access, 400 with a code for bad input, never a 500."""
import pytest

from desk.models import Closure, Complaint, ReturnVisit
from desk.tests.visits_helpers import planned_visit, recorded

pytestmark = pytest.mark.django_db
BASE = "/api/desk/visits/"


@pytest.mark.req("VISIT-3", "VISIT-5")
def test_the_list_filters_and_masks_phones(project, users, api_as):
    visit = planned_visit(project, users)
    res = api_as(users["gczg"]).get(BASE + "records/", {"project": project.pk, "show": "due"})
    assert res.status_code == 200
    rows = res.json()["results"] if isinstance(res.json(), dict) else res.json()
    assert [r["number"] for r in rows] == [visit.number] and rows[0]["phone"] == "138****5678"
    assert api_as(users["kfzg"]).get(BASE + "records/", {"project": "abc"}).status_code == 400
    assert api_as(users["kfzg"]).get(BASE + "records/", {"project": 999999}).status_code == 404
    assert api_as(users["baoan1"]).get(BASE + "records/", {"project": project.pk}).status_code == 403


@pytest.mark.req("VISIT-4", "VISIT-5")
def test_record_and_review_through_the_api_open_a_complaint_when_unsatisfied(project, users, api_as):
    visit = planned_visit(project, users)
    url = f"{BASE}records/{visit.pk}/"
    bad = api_as(visit.assignee).post(url + "record/", {"method": "phone", "quality": "好", "effect": "好",
                                                        "satisfaction": "unsatisfied", "resident_name": "甲"},
                                      format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "confirmation_required"
    assert ReturnVisit.objects.get(pk=visit.pk).status == "planned"
    ok = api_as(visit.assignee).post(url + "record/", {"method": "phone", "quality": "好", "effect": "差",
                                                       "satisfaction": "unsatisfied", "resident_name": "甲",
                                                       "verbal_confirmed": True}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "done"
    assert api_as(users["kefu2"]).post(url + "review/", {"opinion": "x"}, format="json").status_code == 403
    res = api_as(users["kfzg"]).post(url + "review/", {"opinion": "不合格"}, format="json")
    assert res.status_code == 200 and res.json()["complaint_ref"].startswith("complaint:")
    assert Complaint.objects.get().channel == "return_visit"


@pytest.mark.req("VISIT-3")
def test_another_projects_visit_is_404_and_bad_ids_are_400(project, users, api_as):
    visit = planned_visit(project, users)
    url = f"{BASE}records/{visit.pk}/"
    assert api_as(users["bj_kfzg"]).get(url).status_code == 404
    assert api_as(users["bj_kfzg"]).post(url + "record/", {}, format="json").status_code == 404
    assert api_as(users["baoan1"]).get(url).status_code == 403
    assert api_as(users["kfzg"]).post(url + "assign/", {"assignee": "x"}, format="json").status_code == 400
    assert api_as(users["kfzg"]).post(url + "assign/", {"assignee": users["bj_kefu1"].pk},
                                      format="json").status_code == 404
    res = api_as(users["kfzg"]).post(url + "assign/", {"assignee": users["kefu2"].pk}, format="json")
    assert res.status_code == 200 and ReturnVisit.objects.get(pk=visit.pk).assignee == users["kefu2"]


@pytest.mark.req("VISIT-1", "VISIT-2")
def test_closures_of_desk_kinds_are_registered_through_the_api(project, other_project, users, api_as):
    client = api_as(users["kefu1"])
    assert client.post(BASE + "closures/", {"project": project.pk, "kind": "repair", "person_name": "甲"},
                       format="json").status_code == 400
    assert client.post(BASE + "closures/", {"project": project.pk, "kind": "help", "person_name": "甲",
                                            "unit": other_project.units.first().pk}, format="json").status_code == 400
    assert api_as(users["bj_kefu1"]).post(BASE + "closures/", {"project": project.pk, "kind": "help",
                                                               "person_name": "甲"}, format="json").status_code == 404
    assert not Closure.objects.exists()
    res = client.post(BASE + "closures/", {"project": project.pk, "kind": "emergency_patient", "person_name": "甲",
                                           "phone": "13900001111"}, format="json")
    assert res.status_code == 201 and res.json()["selected"] and res.json()["phone"] == "139****1111"
    assert client.get(BASE + "closures/", {"project": project.pk, "kind": "emergency_patient"}).status_code == 200


@pytest.mark.req("VISIT-6", "VISIT-7")
def test_filings_and_analyses_through_the_api(project, users, api_as):
    recorded(project, users)
    client = api_as(users["kfzg"])
    assert client.post(BASE + "filings/", {"project": project.pk, "year": 2025, "quarter": 5},
                       format="json").status_code == 400
    res = client.post(BASE + "filings/", {"project": project.pk, "year": 2025, "quarter": 4}, format="json")
    assert res.status_code == 201 and res.json()["late"] is True
    assert client.post(BASE + "filings/", {"project": project.pk, "year": 2025, "quarter": 4},
                       format="json").status_code == 409
    res = api_as(users["kefu1"]).post(BASE + "analyses/", {"project": project.pk, "year": 2025, "quarter": 4,
                                                           "report": "无异常"}, format="json")
    assert res.status_code == 201
    pk = res.json()["id"]
    assert api_as(users["kefu1"]).post(f"{BASE}analyses/{pk}/conclude/", {"conclusions": "x"},
                                       format="json").status_code == 403
    assert client.post(f"{BASE}analyses/{pk}/conclude/", {"conclusions": "同意"}, format="json").status_code == 200
    assert api_as(users["bj_kfzg"]).get(f"{BASE}analyses/{pk}/").status_code == 404
