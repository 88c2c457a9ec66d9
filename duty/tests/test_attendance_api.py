"""The attendance API: the same services, 4xx with a stable code on every refusal, other projects hidden
(ATTEND-1, ATTEND-2)."""
import pytest

from duty.models.attendance import AttendanceReport, ClockEvent, PostLeave
from duty.services import attendance as svc
from duty.states import RequestStatus
from duty.tests.attendance_helpers import DAY, beijing, roster_with  # noqa: F401


@pytest.mark.req("ATTEND-1", "ATTEND-2")
def test_clocking_and_the_daily_view_over_the_api(api_as, project, users, travel):
    roster_with(project, users, [("kefu1", DAY, "E")])
    travel(beijing(DAY, 7, 37))
    clerk = api_as(users["kefu1"])
    made = clerk.post("/api/duty/attendance/clock/", {"project": project.pk, "kind": "in"}, format="json")
    assert made.status_code == 201 and made.json()["kind"] == "in"
    again = clerk.post("/api/duty/attendance/clock/", {"project": project.pk, "kind": "in"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_clocked_in"
    assert again.json()["rule"] == "ATTEND-1" and ClockEvent.objects.count() == 1
    travel(beijing(DAY, 16))
    clerk = api_as(users["kefu1"])  # a new sign-in: the morning's session has idled out
    forbidden = clerk.get(f"/api/duty/attendance/day/?project={project.pk}&day={DAY:%Y-%m-%d}")
    assert forbidden.status_code == 403
    rows = api_as(users["kfzg"]).get(f"/api/duty/attendance/day/?project={project.pk}&day={DAY:%Y-%m-%d}").json()
    assert rows[0]["late"] is True and rows[0]["late_minutes"] == 7


@pytest.mark.req("ATTEND-2")
def test_a_leave_of_post_over_the_api_refuses_self_approval(api_as, project, users):
    made = api_as(users["kfzg"]).post("/api/duty/attendance/leaves/", {"project": project.pk, "reason": "外出"},
                                      format="json")
    assert made.status_code == 201
    pk = made.json()["id"]
    own = api_as(users["kfzg"]).post(f"/api/duty/attendance/leaves/{pk}/approve/", {}, format="json")
    assert own.status_code == 403 and own.json()["code"] == "self_approval"
    early = api_as(users["kfzg"]).post(f"/api/duty/attendance/leaves/{pk}/left/", {}, format="json")
    assert early.status_code == 409 and early.json()["code"] == "not_approved"
    ok = api_as(users["jingli"]).post(f"/api/duty/attendance/leaves/{pk}/approve/", {"comment": "同意"},
                                      format="json")
    assert ok.status_code == 200 and ok.json()["status"] == RequestStatus.APPROVED
    left = api_as(users["kfzg"]).post(f"/api/duty/attendance/leaves/{pk}/left/", {}, format="json")
    assert left.status_code == 200 and left.json()["left_at"]


@pytest.mark.req("ATTEND-1")
def test_the_report_over_the_api(api_as, project, users, travel):
    travel(beijing(DAY.replace(month=4, day=26), 9))
    outsider = api_as(users["kefu1"]).post("/api/duty/attendance/reports/", {"project": project.pk,
                                                                               "month": "2026-03-01"}, format="json")
    assert outsider.status_code == 403 and outsider.json()["code"] == "not_attendance_clerk"
    assert api_as(users["kfzg"]).post("/api/duty/attendance/clerk/", {"project": project.pk,
                                                                       "person": users["kefu1"].pk},
                                      format="json").status_code == 201
    made = api_as(users["kefu1"]).post("/api/duty/attendance/reports/", {"project": project.pk,
                                                                           "month": "2026-03-01"}, format="json")
    assert made.status_code == 201
    done = api_as(users["kefu1"]).post(f"/api/duty/attendance/reports/{made.json()['id']}/submit/",
                                       {"late_reason": "盘点"}, format="json")
    assert done.status_code == 200 and done.json()["submitted_late"] is True


@pytest.mark.req("ATTEND-1", "ATTEND-2")
def test_another_projects_report_and_leave_are_not_found(api_as, project, other_project, users, travel):
    travel(beijing(DAY.replace(month=4), 9))
    report = svc.prepare_report(project=project, month=DAY, actor=users["kfzg"])
    leave = PostLeave.objects.create(project=project, person=users["kefu1"], reason="外出",
                                     requested_at=beijing(DAY, 9), retain_until=DAY.replace(year=2028))
    outsider = api_as(users["bj_kfzg"])
    assert outsider.get(f"/api/duty/attendance/reports/{report.pk}/").status_code == 404
    assert outsider.post(f"/api/duty/attendance/reports/{report.pk}/submit/", {}, format="json").status_code == 404
    assert outsider.post(f"/api/duty/attendance/leaves/{leave.pk}/approve/", {}, format="json").status_code == 404
    assert outsider.post("/api/duty/attendance/reports/", {"project": project.pk, "month": "2026-03-01"},
                         format="json").status_code == 404
    assert outsider.get("/api/duty/attendance/reports/").json()["results"] == []
    assert AttendanceReport.objects.get().status == "draft"
    leave.refresh_from_db()
    assert leave.status == RequestStatus.PENDING


@pytest.mark.req("ATTEND-2")
@pytest.mark.parametrize("wanted", ["abc", "1.5", "", "９"])
def test_the_daily_view_answers_400_for_a_project_that_is_not_an_id(api_as, project, users, wanted):
    """Found by the API fuzzer (issue 14): a word in ?project= was int()'s ValueError, a server error."""
    answer = api_as(users["kfzg"]).get(f"/api/duty/attendance/day/?project={wanted}&day={DAY:%Y-%m-%d}")
    assert answer.status_code == 400
    assert answer.json()["code"] == "invalid" and answer.json()["details"] == {"field": "project"}
