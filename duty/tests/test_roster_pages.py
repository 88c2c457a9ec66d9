"""The roster pages, print view and Excel export, through the Django test client (ROSTER-1..5)."""
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from duty.models import ChangeKind, Roster, RosterAssignment, ShiftChangeRequest, ShiftPattern
from duty.services import roster as svc
from duty.states import RequestStatus, RosterStatus
from duty.tests.roster_helpers import draft, far_month, front_team, issued  # noqa: F401


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.req("ROSTER-1", "ROSTER-2")
def test_the_roster_home_shows_chinese_and_a_draft_is_created(client, project, users, front_team):
    page = login(client, users["kefu1"]).get("/duty/roster/")
    assert page.status_code == 200 and "翠湖花园管理处" in page.content.decode()
    month = far_month()
    response = client.post("/duty/roster/new/", {"team": "front_desk", "month": f"{month:%Y-%m}"})
    roster = Roster.objects.get(project=project)
    assert response.status_code == 302 and roster.period_start == month and roster.status == RosterStatus.DRAFT


@pytest.mark.req("ROSTER-2")
def test_the_grid_saves_cells_and_the_drafter_cannot_review_on_the_page(client, project, users, front_team):
    roster = svc.create_draft(project=project, team="front_desk", month=far_month(), drafted_by=users["kfzg"])
    login(client, users["kfzg"])
    day = roster.period_start
    response = client.post(f"/duty/roster/{roster.pk}/", {f"c-{users['kefu1'].pk}-{day:%Y-%m-%d}": "M"})
    assert response.status_code == 302
    assert RosterAssignment.objects.get(roster=roster, person=users["kefu1"], day=day).shift.code == "M"
    page = client.get(f"/duty/roster/{roster.pk}/")
    assert page.status_code == 200 and "李小红" in page.content.decode()
    refused = client.post(f"/duty/roster/{roster.pk}/act/", {"action": "review"})
    assert refused.status_code == 400 and "ROSTER-2" in refused.content.decode()
    roster.refresh_from_db()
    assert roster.status == RosterStatus.DRAFT


@pytest.mark.req("ROSTER-2", "ROSTER-5")
def test_review_approve_issue_and_revise_through_the_buttons(client, project, users, front_team):
    roster = draft(project, users)
    login(client, users["kfzg"]).post(f"/duty/roster/{roster.pk}/act/", {"action": "review"})
    login(client, users["jingli"]).post(f"/duty/roster/{roster.pk}/act/", {"action": "approve"})
    login(client, users["kfzg"]).post(f"/duty/roster/{roster.pk}/act/", {"action": "issue"})
    roster.refresh_from_db()
    assert roster.status == RosterStatus.ISSUED
    response = login(client, users["kefu1"]).post(f"/duty/roster/{roster.pk}/act/",
                                                  {"action": "revise", "comment": "调整周末"})
    new = Roster.objects.get(supersedes=roster)
    assert response.status_code == 302 and new.version == 2
    assert "v2" in client.get(f"/duty/roster/{roster.pk}/").content.decode()


@pytest.mark.req("ROSTER-1")
def test_the_supervisor_edits_a_shift_on_the_patterns_page(client, project, users):
    login(client, users["kfzg"]).post("/duty/roster/patterns/", {"ensure": "1"})
    early = ShiftPattern.objects.get(project=project, code="E")
    page = client.get("/duty/roster/patterns/")
    assert page.status_code == 200 and "早班" in page.content.decode()
    response = client.post("/duty/roster/patterns/", {"pattern": early.pk, "name": "早班", "starts": "07:00",
                                                      "ends": "15:00", "active": "on"})
    early.refresh_from_db()
    assert response.status_code == 302 and early.starts == dt.time(7, 0)
    refused = login(client, users["kefu2"]).post("/duty/roster/patterns/", {
        "pattern": early.pk, "name": "x", "starts": "06:00", "ends": "15:00", "active": "on"})
    assert refused.status_code == 400 and "ROSTER-1" in refused.content.decode()
    early.refresh_from_db()
    assert early.starts == dt.time(7, 0)


@pytest.mark.req("ROSTER-3")
def test_a_change_is_asked_and_approved_in_the_inbox_with_the_substitute(client, project, users, front_team):
    roster = issued(project, users)
    mine = RosterAssignment.objects.get(roster=roster, person=users["kefu1"], day=roster.period_start)
    login(client, users["kefu1"])
    assert "早班" in client.get("/duty/roster/requests/").content.decode()
    response = client.post("/duty/roster/requests/", {"assignment": mine.pk, "kind": ChangeKind.LEAVE,
                                                      "reason": "看病"})
    req = ShiftChangeRequest.objects.get()
    assert response.status_code == 302
    login(client, users["kfzg"])
    refused = client.post(f"/duty/roster/requests/{req.pk}/decide/", {"decision": "approve"})
    assert refused.status_code == 400 and "ROSTER-3" in refused.content.decode()
    ok = client.post(f"/duty/roster/requests/{req.pk}/decide/", {"decision": "approve",
                                                                "substitute": users["kfzg"].pk})
    req.refresh_from_db()
    mine.refresh_from_db()
    assert ok.status_code == 302 and req.status == RequestStatus.APPROVED and mine.person == users["kfzg"]


@pytest.mark.req("ROSTER-4")
def test_the_holiday_page_drafts_a_rotation(client, project, users, front_team):
    login(client, users["kefu1"])
    assert client.get("/duty/roster/holiday/").status_code == 200
    start = far_month()
    response = client.post("/duty/roster/holiday/", {"name": "国庆节", "start": f"{start:%Y-%m-%d}",
                                                     "end": f"{start + dt.timedelta(days=2):%Y-%m-%d}"})
    roster = Roster.objects.get(holiday_name="国庆节")
    assert response.status_code == 302 and roster.assignments.count() == 3
    bad = client.post("/duty/roster/holiday/", {"name": "端午节", "start": ""})
    assert bad.status_code == 400 and "ROSTER-4" in bad.content.decode()


@pytest.mark.req("ROSTER-2")
def test_the_print_view_has_the_signature_lines_and_the_excel_has_the_grid(client, project, users, front_team):
    roster = issued(project, users)
    login(client, users["kefu1"])
    page = client.get(f"/duty/roster/{roster.pk}/print/").content.decode()
    assert "排班表" in page and "王主管" in page and "张经理" in page
    response = client.get(f"/duty/roster/{roster.pk}/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][0] == "李小红" and values[1][1] == "E"


@pytest.mark.req("ROSTER-2")
def test_another_projects_roster_is_not_found(client, project, other_project, users, front_team):
    roster = draft(project, users)
    login(client, users["bj_kefu1"])
    assert client.get(f"/duty/roster/{roster.pk}/").status_code == 404
    assert client.get(f"/duty/roster/{roster.pk}/print/").status_code == 404
