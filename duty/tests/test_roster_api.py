"""The roster API: the same services, 4xx with a stable code on every refusal, other projects hidden."""
import pytest

from duty.models import Roster, RosterAssignment, ShiftChangeRequest
from duty.states import RosterStatus
from duty.tests.roster_helpers import draft, far_month, front_team, issued  # noqa: F401


@pytest.mark.req("ROSTER-2", "ROSTER-5")
def test_the_whole_roster_cycle_over_the_api(api_as, project, users, front_team):
    month = far_month()
    clerk = api_as(users["kefu1"])
    created = clerk.post("/api/duty/rosters/", {"project": project.pk, "team": "front_desk",
                                                "month": f"{month:%Y-%m-01}"}, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    cells = [{"person": users["kefu1"].pk, "day": f"{month:%Y-%m-01}", "shift": "E"}]
    assert clerk.post(f"/api/duty/rosters/{pk}/cells/", {"cells": cells}, format="json").status_code == 200
    own = api_as(users["kefu1"]).post(f"/api/duty/rosters/{pk}/review/", {}, format="json")
    assert own.status_code == 403 and own.json()["rule"] == "ROSTER-2"
    assert api_as(users["kfzg"]).post(f"/api/duty/rosters/{pk}/review/", {}, format="json").status_code == 200
    skipped = api_as(users["kfzg"]).post(f"/api/duty/rosters/{pk}/issue/", {}, format="json")
    assert skipped.status_code == 409 and skipped.json()["code"] == "illegal_transition"
    assert api_as(users["jingli"]).post(f"/api/duty/rosters/{pk}/approve/", {}, format="json").status_code == 200
    out = api_as(users["kfzg"]).post(f"/api/duty/rosters/{pk}/issue/", {}, format="json")
    assert out.status_code == 200 and out.json()["status"] == RosterStatus.ISSUED
    revised = clerk.post(f"/api/duty/rosters/{pk}/revise/", {"comment": "调整"}, format="json")
    assert revised.status_code == 201 and revised.json()["version"] == 2
    assert [v["version"] for v in clerk.get(f"/api/duty/rosters/{pk}/versions/").json()] == [2, 1]


@pytest.mark.req("ROSTER-3")
def test_a_change_over_the_api_refuses_a_self_named_substitute(api_as, project, users, front_team):
    roster = issued(project, users)
    mine = RosterAssignment.objects.get(roster=roster, person=users["kefu1"], day=roster.period_start)
    clerk = api_as(users["kefu1"])
    refused = clerk.post("/api/duty/shift-changes/", {"assignment": mine.pk, "kind": "substitute", "reason": "事",
                                                      "substitute": users["kfzg"].pk}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "substitute_named_by_requester"
    assert not ShiftChangeRequest.objects.exists()
    made = clerk.post("/api/duty/shift-changes/", {"assignment": mine.pk, "kind": "leave", "reason": "病"},
                      format="json")
    assert made.status_code == 201
    ok = api_as(users["kfzg"]).post(f"/api/duty/shift-changes/{made.json()['id']}/approve/",
                                    {"substitute": users["kfzg"].pk}, format="json")
    assert ok.status_code == 200 and ok.json()["substitute"]["id"] == users["kfzg"].pk


@pytest.mark.req("ROSTER-4")
def test_a_holiday_roster_over_the_api(api_as, project, users, front_team):
    start = far_month()
    made = api_as(users["kefu1"]).post("/api/duty/rosters/holiday/", {
        "project": project.pk, "holiday_name": "春节", "start": f"{start:%Y-%m-%d}",
        "end": f"{start.replace(day=3):%Y-%m-%d}"}, format="json")
    assert made.status_code == 201
    assert [a["person"]["username"] for a in made.json()["assignments"]] == ["kefu1", "kefu2", "kefu1"]


@pytest.mark.req("ROSTER-1", "ROSTER-2")
def test_another_projects_roster_and_patterns_are_not_found(api_as, project, users, front_team):
    roster = draft(project, users)
    outsider = api_as(users["bj_kfzg"])
    assert outsider.get(f"/api/duty/rosters/{roster.pk}/").status_code == 404
    assert outsider.post(f"/api/duty/rosters/{roster.pk}/review/", {}, format="json").status_code == 404
    denied = outsider.post("/api/duty/rosters/", {"project": project.pk, "team": "front_desk",
                                                  "month": "2030-01-01"}, format="json")
    assert denied.status_code == 404
    listed = outsider.get("/api/duty/shift-patterns/").json()
    assert (listed["results"] if isinstance(listed, dict) else listed) == []
    roster.refresh_from_db()
    assert roster.status == RosterStatus.DRAFT and Roster.objects.count() == 1


@pytest.mark.req("ROSTER-1")
def test_the_supervisor_edits_a_pattern_over_the_api(api_as, project, users, front_team):
    from duty.models import ShiftPattern
    early = ShiftPattern.objects.get(project=project, code="E")
    refused = api_as(users["kefu2"]).patch(f"/api/duty/shift-patterns/{early.pk}/", {"starts": "06:00"},
                                           format="json")
    assert refused.status_code == 403
    ok = api_as(users["kfzg"]).patch(f"/api/duty/shift-patterns/{early.pk}/", {"starts": "07:00"}, format="json")
    assert ok.status_code == 200 and ok.json()["starts"] == "07:00:00"
