"""The attendance pages, print view and Excel export, through the Django test client (ATTEND-1, ATTEND-2)."""
import io

import pytest
from openpyxl import load_workbook

from duty.models.attendance import AttendanceReport, ClockEvent, PostAbsence, PostLeave
from duty.services import attendance as svc
from duty.states import RequestStatus
from duty.tests.attendance_helpers import DAY, beijing, roster_with  # noqa: F401


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.req("ATTEND-1")
def test_the_clock_page_has_one_button_and_records_server_time(client, project, users, travel):
    roster_with(project, users, [("kefu1", DAY, "E")])
    travel(beijing(DAY, 7, 20))
    page = login(client, users["kefu1"]).get("/duty/attendance/")
    body = page.content.decode()
    assert page.status_code == 200 and "李小红" in body and "早班" in body
    assert body.count('type="submit"') == 1 and 'type="time"' not in body and 'name="at"' not in body
    response = client.post("/duty/attendance/", {"at": "2020-01-01T00:00"})  # a typed time is ignored
    assert response.status_code == 302
    assert ClockEvent.objects.get().at == beijing(DAY, 7, 20)
    travel(beijing(DAY, 15, 31))
    client.logout()  # the morning's session has idled out by the afternoon: sign in again
    login(client, users["kefu1"]).post("/duty/attendance/")
    assert list(ClockEvent.objects.values_list("kind", flat=True)) == ["in", "out"]


@pytest.mark.req("ATTEND-2")
def test_the_daily_view_shows_the_flags_to_the_supervisor_only(client, project, users, travel):
    roster_with(project, users, [("kefu1", DAY, "E"), ("kefu2", DAY, "L")])
    travel(beijing(DAY, 7, 37))
    svc.record_clock(project=project, person=users["kefu1"], kind="in")
    travel(beijing(DAY, 21))
    assert login(client, users["kefu2"]).get("/duty/attendance/day/").status_code == 403
    page = login(client, users["kfzg"]).get(f"/duty/attendance/day/?day={DAY:%Y-%m-%d}")
    body = page.content.decode()
    assert page.status_code == 200 and "李小红" in body and "陈静" in body
    assert "Late 7 min" in body or "迟到 7 分钟" in body
    assert "Absent" in body or "缺勤" in body
    recorded = client.post("/duty/attendance/absence/", {"person": users["kefu2"].pk, "note": "不在岗"})
    assert recorded.status_code == 302 and PostAbsence.objects.filter(person=users["kefu2"]).exists()


@pytest.mark.req("ATTEND-2")
def test_the_leave_page_asks_and_a_self_approval_is_refused_with_the_rule(client, project, users):
    login(client, users["kfzg"])
    assert client.post("/duty/attendance/leave/", {"reason": "去物业公司开会"}).status_code == 302
    leave = PostLeave.objects.get()
    refused = client.post(f"/duty/attendance/leave/{leave.pk}/act/", {"action": "approve"})
    assert refused.status_code == 400 and "ATTEND-2" in refused.content.decode()
    leave.refresh_from_db()
    assert leave.status == RequestStatus.PENDING
    page = login(client, users["jingli"]).get("/duty/attendance/leave/")
    assert page.status_code == 200 and "王主管" in page.content.decode()
    assert client.post(f"/duty/attendance/leave/{leave.pk}/act/", {"action": "approve"}).status_code == 302
    leave.refresh_from_db()
    assert leave.status == RequestStatus.APPROVED


@pytest.mark.req("ATTEND-2")
def test_an_empty_reason_is_refused_on_the_page(client, project, users):
    refused = login(client, users["kefu1"]).post("/duty/attendance/leave/", {"reason": " "})
    assert refused.status_code == 400 and "ATTEND-2" in refused.content.decode()
    assert not PostLeave.objects.exists()


@pytest.mark.req("ATTEND-1")
def test_the_report_page_prepares_submits_and_refuses_a_non_clerk(client, project, users, travel):
    roster_with(project, users, [("kefu1", DAY, "E")])
    svc.designate_clerk(project=project, person=users["kefu2"], actor=users["kfzg"])
    travel(beijing(DAY.replace(month=4, day=27), 9))
    assert login(client, users["kefu1"]).get("/duty/attendance/reports/2026-03/").status_code == 403
    login(client, users["kefu2"])
    page = client.get("/duty/attendance/reports/")
    assert page.status_code == 200 and "陈静" in page.content.decode()
    assert client.post("/duty/attendance/reports/2026-03/", {"action": "prepare"}).status_code == 302
    assert client.post("/duty/attendance/reports/2026-03/", {"action": "submit"}).status_code == 302
    report = AttendanceReport.objects.get()
    assert report.submitted_late
    again = client.post("/duty/attendance/reports/2026-03/", {"action": "prepare"})
    assert again.status_code == 400 and report.figures[0]["absent"] == 1
    shown = client.get("/duty/attendance/reports/2026-03/").content.decode()
    assert "李小红" in shown


@pytest.mark.req("ATTEND-1")
def test_the_supervisor_designates_the_clerk_on_the_page_and_an_assistant_cannot(client, project, users):
    login(client, users["kefu1"]).post("/duty/attendance/clerk/", {"person": users["kefu1"].pk})
    assert not svc.sel.current_clerk(project)
    login(client, users["kfzg"]).post("/duty/attendance/clerk/", {"person": users["kefu1"].pk})
    assert svc.sel.current_clerk(project) == users["kefu1"]


@pytest.mark.req("ATTEND-1")
def test_the_print_view_has_signature_lines_and_the_excel_has_the_figures(client, project, users, travel):
    roster_with(project, users, [("kefu1", DAY, "E")])
    travel(beijing(DAY.replace(month=4), 9))
    login(client, users["kfzg"])
    printed = client.get("/duty/attendance/reports/2026-03/print/")
    body = printed.content.decode()
    assert printed.status_code == 200 and "李小红" in body and 'class="signatures"' in body
    assert "001 篇11 §1.1.3" in body
    sheet = client.get("/duty/attendance/reports/2026-03/export.xlsx")
    assert sheet.status_code == 200
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "李小红" and rows[1][1] == 1 and rows[1][6] == 1


@pytest.mark.req("ATTEND-1")
def test_another_projects_staff_cannot_see_the_report(client, project, users, travel):
    travel(beijing(DAY.replace(month=4), 9))
    svc.prepare_report(project=project, month=DAY, actor=users["kfzg"])
    login(client, users["bj_kfzg"])
    shown = client.get("/duty/attendance/reports/2026-03/").content.decode()
    assert "李小红" not in shown and "翠湖" not in shown
    post_refused = client.post("/duty/attendance/reports/2026-03/", {"action": "submit"})
    assert post_refused.status_code == 404
    assert AttendanceReport.objects.get().status == "draft"


@pytest.mark.req("ATTEND-2")
def test_a_guard_opening_the_supervisors_view_gets_the_refusal_page_naming_the_rule(client, project, users):
    response = login(client, users["baoan1"]).get("/duty/attendance/day/")
    body = response.content.decode()
    assert response.status_code == 403 and "ATTEND-2" in body and "考勤" in body
    assert login(client, users["baoan1"]).get("/duty/attendance/reports/").status_code == 403
