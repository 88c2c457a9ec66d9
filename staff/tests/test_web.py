"""The staff room's pages, print views and API answer with status codes and stable refusal codes, never a 500
(STAFF-1, STAFF-2, STAFF-3)."""
from __future__ import annotations

import datetime as dt

import pytest

from core import clock
from core.testing.fixtures import login
from staff.models import DailyCheck, TrainingSession
from staff.services import training
from staff.states import TrainingKind


@pytest.mark.req("STAFF-2")
def test_the_supervisor_checks_on_the_phone_page_and_prints_the_work_diary(client, project, users):
    page = login(client, users["kfzg"], project)
    assert page.get("/staff/checks/").status_code == 200
    response = page.post("/staff/checks/", {"person": users["kefu2"].pk, "dress": "ok", "appearance": "ok",
                                            "work": "fault", "note": "未及时录入报修"})
    assert response.status_code == 302
    row = DailyCheck.objects.get()
    assert (row.person, row.work_ok, row.checked_by) == (users["kefu2"], False, users["kfzg"])
    refused = page.post("/staff/checks/", {"person": users["kefu2"].pk, "dress": "fault", "appearance": "ok",
                                           "work": "ok"})
    assert refused.status_code == 400 and DailyCheck.objects.count() == 1
    assert page.post("/staff/checks/", {"person": "abc"}).status_code == 400
    assert page.get(f"/staff/checks/print/?day={clock.today().isoformat()}").status_code == 200
    assert page.get("/staff/checks/?day=2026-02-30").status_code == 200
    assert login(client, users["kefu1"], project).get("/staff/checks/").status_code == 403


@pytest.mark.req("STAFF-2")
def test_the_daily_check_api_answers_stable_codes(api_as, project, users):
    api = api_as(users["kfzg"])
    body = {"project": project.pk, "person": users["kefu1"].pk, "dress_ok": True, "appearance_ok": False,
            "work_ok": True}
    refused = api.post("/api/staff/checks/", body, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "required"
    assert api.post("/api/staff/checks/", {**body, "note": "头发凌乱"}, format="json").status_code == 201
    clerk = api_as(users["kefu2"]).post("/api/staff/checks/", {**body, "note": "x"}, format="json")
    assert clerk.status_code == 403 and clerk.json()["code"] == "role_not_allowed"
    assert DailyCheck.objects.count() == 1


@pytest.mark.req("STAFF-1")
def test_training_pages_and_the_printed_record(client, project, users):
    s = training.record_session(project=project, by=users["kfzg"], kind=TrainingKind.KEY_REGULATION,
                                title="钥匙管理制度", held_on=clock.today() - dt.timedelta(days=1), hours="1.5",
                                trainer="赵行政", attendees=[{"person": users["kefu1"], "attended": True}])
    page = login(client, users["kfzg"], project)
    assert page.get("/staff/training/").status_code == 200
    assert page.get(f"/staff/training/{s.pk}/").status_code == 200
    assert page.get(f"/staff/training/{s.pk}/print/").status_code == 200
    response = page.post("/staff/training/", {"kind": "fire", "title": "消防", "held_on": "not-a-day", "hours": "2",
                                              "trainer": "冯", f"att-{users['kefu1'].pk}": "present"})
    assert response.status_code == 400 and TrainingSession.objects.count() == 1
    response = page.post("/staff/training/", {"kind": "fire", "title": "消防", "hours": "2", "trainer": "冯",
                                              "held_on": clock.today().isoformat(),
                                              f"att-{users['kefu1'].pk}": "present"})
    assert response.status_code == 302 and TrainingSession.objects.count() == 2
