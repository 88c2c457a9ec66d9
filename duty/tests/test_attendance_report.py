"""The designated clerk and the monthly report to HR by the 25th, with its snapshot and reminders (ATTEND-1)."""
import datetime as dt

import pytest

from core.errors import DomainError
from core.models import Notification
from duty.models.attendance import AttendanceClerk, AttendanceReport, ReportStatus
from duty.services import attendance as svc
from duty.sweeps import attendance as sweeps
from duty.tests.attendance_helpers import DAY, beijing, roster_with  # noqa: F401

APRIL = dt.date(2026, 4, 1)


@pytest.fixture
def clerk(project, users):
    return svc.designate_clerk(project=project, person=users["kefu2"], actor=users["kfzg"]).person


@pytest.mark.req("ATTEND-1")
def test_only_the_supervisor_designates_the_clerk(project, users):
    with pytest.raises(DomainError) as refused:
        svc.designate_clerk(project=project, person=users["kefu1"], actor=users["kefu2"])
    assert refused.value.code == "role_not_allowed" and refused.value.rule == "ATTEND-1"
    assert not AttendanceClerk.objects.exists()


@pytest.mark.req("ATTEND-1")
def test_a_new_designation_ends_the_previous_one(project, users, clerk):
    svc.designate_clerk(project=project, person=users["kefu1"], actor=users["kfzg"])
    assert list(AttendanceClerk.objects.filter(active=True).values_list("person__username", flat=True)) == ["kefu1"]


@pytest.mark.req("ATTEND-1")
def test_only_the_designated_clerk_may_prepare_the_report(project, users, clerk, travel):
    travel(beijing(APRIL, 9))
    with pytest.raises(DomainError) as refused:
        svc.prepare_report(project=project, month=DAY, actor=users["kefu1"])
    assert refused.value.code == "not_attendance_clerk" and refused.value.status == 403
    assert not AttendanceReport.objects.exists()
    assert svc.prepare_report(project=project, month=DAY, actor=clerk).status == ReportStatus.DRAFT
    assert svc.prepare_report(project=project, month=DAY, actor=users["kfzg"]).prepared_by == users["kfzg"]


@pytest.mark.req("ATTEND-1")
def test_a_report_submitted_by_the_25th_is_on_time(project, users, clerk, travel):
    travel(beijing(dt.date(2026, 4, 25), 17))
    report = svc.prepare_report(project=project, month=DAY, actor=clerk)
    report = svc.submit_report(report=report, actor=clerk)
    assert report.due_on == dt.date(2026, 4, 25) and not report.submitted_late


@pytest.mark.req("ATTEND-1")
def test_a_report_after_the_25th_is_flagged_late(project, users, clerk, travel):
    travel(beijing(dt.date(2026, 4, 26), 9))
    report = svc.prepare_report(project=project, month=DAY, actor=clerk)
    report = svc.submit_report(report=report, actor=clerk, late_reason="人员请假")
    assert report.submitted_late and report.late_reason == "人员请假" and report.status == ReportStatus.SUBMITTED


@pytest.mark.req("ATTEND-1")
def test_the_submitted_figures_are_a_snapshot_and_cannot_be_prepared_again(project, users, clerk, travel):
    roster_with(project, users, [("kefu1", DAY, "E")])
    travel(beijing(APRIL, 9))
    report = svc.submit_report(report=svc.prepare_report(project=project, month=DAY, actor=clerk), actor=clerk)
    assert report.figures[0]["absent"] == 1
    travel(beijing(DAY, 7, 30))
    svc.record_clock(project=project, person=users["kefu1"], kind="in")  # a clock event after the fact
    travel(beijing(APRIL, 10))
    with pytest.raises(DomainError) as refused:
        svc.prepare_report(project=project, month=DAY, actor=clerk)
    assert refused.value.code == "illegal_transition"
    report.refresh_from_db()
    assert report.figures[0]["absent"] == 1 and report.figures[0]["worked"] == 0


@pytest.mark.req("ATTEND-1")
def test_submission_notifies_hr(project, users, clerk, django_capture_on_commit_callbacks, travel):
    travel(beijing(APRIL, 9))
    with django_capture_on_commit_callbacks(execute=True):
        svc.submit_report(report=svc.prepare_report(project=project, month=DAY, actor=clerk), actor=clerk)
    assert Notification.objects.filter(recipient=users["xingzheng"], kind="duty.attendance.report").exists()


@pytest.mark.req("ATTEND-1")
def test_a_month_not_begun_cannot_be_prepared(project, users, clerk, travel):
    travel(beijing(DAY, 9))
    with pytest.raises(DomainError) as refused:
        svc.prepare_report(project=project, month=APRIL, actor=clerk)
    assert refused.value.code == "future_month" and not AttendanceReport.objects.exists()


@pytest.mark.req("ATTEND-1")
def test_the_clerk_is_reminded_once_before_the_25th_and_supervisors_after_it(project, users, clerk, travel):
    travel(beijing(dt.date(2026, 4, 20), 9))
    assert sweeps.sweep_project(project) == 0
    travel(beijing(dt.date(2026, 4, 22), 9))
    assert sweeps.sweep_project(project) == 1 and sweeps.sweep_project(project) == 0
    assert Notification.objects.get(kind="duty.attendance.report_due").recipient == clerk
    travel(beijing(dt.date(2026, 4, 26), 9))
    assert sweeps.sweep_project(project) >= 1
    assert Notification.objects.filter(kind="duty.attendance.report_overdue", recipient=users["kfzg"]).exists()


@pytest.mark.req("ATTEND-1")
def test_no_reminder_once_the_report_is_submitted(project, users, clerk, travel):
    travel(beijing(dt.date(2026, 4, 23), 9))
    svc.submit_report(report=svc.prepare_report(project=project, month=DAY, actor=clerk), actor=clerk)
    assert sweeps.sweep_project(project) == 0
