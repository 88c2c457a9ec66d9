"""The duty-log API: entries, emergency reports, sign-off, rounds (DUTY-LOG-1..6)."""
import io

import pytest

from core import clock
from duty.models import DaySignoff, DutyEntry, DutyRound
from duty.tests.log_helpers import PNG, entry, major


@pytest.mark.req("DUTY-LOG-1", "DUTY-LOG-2")
def test_entries_are_created_listed_and_resolved_through_the_api(api_as, project, users):
    api = api_as(users["kefu1"])
    response = api.post("/api/duty/log/entries/", {"project": project.pk, "kind": "complaint_call",
                                                   "what_happened": "来电投诉噪音", "people": "业主A"}, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["emergency_report"] is None
    listed = api.get("/api/duty/log/entries/", {"project": project.pk, "status": "open"}).json()["results"]
    assert [e["id"] for e in listed] == [pk]
    response = api.post(f"/api/duty/log/entries/{pk}/resolve/", {"result": "已处理"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "resolved"
    response = api.post(f"/api/duty/log/entries/{pk}/resolve/", {"result": "again"}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "illegal_transition"


@pytest.mark.req("DUTY-LOG-2")
def test_a_complaint_without_complainant_is_a_400_and_writes_nothing(api_as, project, users):
    response = api_as(users["kefu1"]).post("/api/duty/log/entries/", {
        "project": project.pk, "kind": "complaint_call", "what_happened": "投诉"}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "people_required"
    assert response.json()["rule"] == "DUTY-LOG-2" and not DutyEntry.objects.exists()


@pytest.mark.req("DUTY-LOG-5")
def test_another_projects_entry_is_not_found(api_as, project, other_project, users):
    e = entry(other_project, users["bj_kefu1"])
    api = api_as(users["kefu1"])
    assert api.get(f"/api/duty/log/entries/{e.pk}/").status_code == 404
    response = api.post(f"/api/duty/log/entries/{e.pk}/resolve/", {"result": "x"}, format="json")
    assert response.status_code == 404
    assert api.get("/api/duty/log/entries/", {"project": other_project.pk}).status_code == 404


@pytest.mark.req("DUTY-LOG-3")
def test_the_emergency_form_is_filled_photographed_and_reported_through_the_api(api_as, project, users):
    report_id = major(project, users["kefu1"]).emergency_report.pk
    api = api_as(users["kefu1"])
    base = f"/api/duty/log/emergency-reports/{report_id}"
    assert api.post(f"{base}/fill/", {"measures": "断电", "reported_to": "张经理"}, format="json").status_code == 200
    response = api.post(f"{base}/submit-report/", {"text": "报告"}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "photo_required"
    upload = io.BytesIO(PNG)
    upload.name = "scene.png"
    response = api.post(f"{base}/photos/", {"file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    response = api.post(f"{base}/submit-report/", {"text": "报告"}, format="json")
    assert response.status_code == 200 and response.json()["photos"] == 1 and response.json()["missing"] == []
    assert api.post(f"{base}/acknowledge/").status_code == 403
    assert api_as(users["jingli"]).post(f"{base}/acknowledge/").status_code == 200


@pytest.mark.req("DUTY-LOG-4")
def test_the_day_is_signed_through_the_api(api_as, project, users):
    payload = {"project": project.pk, "day": clock.today().isoformat(), "kind": "manager_signoff"}
    response = api_as(users["kfzg"]).post("/api/duty/log/signoffs/", payload, format="json")
    assert response.status_code == 403 and not DaySignoff.objects.exists()
    api = api_as(users["jingli"])
    assert api.post("/api/duty/log/signoffs/", payload, format="json").status_code == 201
    response = api.post("/api/duty/log/signoffs/", payload, format="json")
    assert response.status_code == 409 and response.json()["code"] == "already_signed"
    assert len(api.get("/api/duty/log/signoffs/").json()["results"]) == 1


@pytest.mark.req("DUTY-LOG-6")
def test_a_round_is_started_and_finished_through_the_api(api_as, project, users):
    api = api_as(users["baoan1"])
    response = api.post("/api/duty/log/rounds/", {"project": project.pk}, format="json")
    assert response.status_code == 201
    pk = response.json()["id"]
    assert api.post("/api/duty/log/rounds/", {"project": project.pk}, format="json").status_code == 409
    checks = [{"area": "绿化", "condition_ok": False, "hygiene_ok": True, "discipline_ok": True, "note": "树枝折断"}]
    response = api.post(f"/api/duty/log/rounds/{pk}/finish/", {"checks": checks, "lighting_ok": None}, format="json")
    assert response.status_code == 200 and response.json()["finished_at"]
    assert DutyEntry.objects.filter(kind="round").count() == 1 and DutyRound.objects.count() == 1


def test_the_schema_has_no_warnings_for_the_log(api_as, users, capsys):
    response = api_as(users["admin"]).get("/api/schema/")
    assert response.status_code == 200 and b"/api/duty/log/entries/" in response.content
    err = capsys.readouterr().err
    assert "duty/rest/log.py" not in err and "duty.rest.log" not in err, err
