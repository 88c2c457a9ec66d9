"""The emergency form of a major event and its next-day written report (DUTY-LOG-3)."""
import datetime as dt

import pytest

from core import clock
from core.errors import Conflict, DomainError, NotAllowed
from core.models import Notification
from duty.models import EmergencyReport
from duty.selectors import log as selectors
from duty.services import log_emergency
from duty.states import Severity
from duty.sweeps.log import sweep_project
from duty.tests.log_helpers import PNG, entry, major


@pytest.mark.req("DUTY-LOG-3")
def test_a_major_event_opens_its_form_due_by_the_end_of_the_next_day(project, users):
    e = major(project, users["kefu1"])
    report = e.emergency_report
    event_day = clock.beijing(e.occurred_at).date()
    assert clock.beijing(report.report_due_at) == clock.at_beijing(event_day + dt.timedelta(days=2), dt.time(0, 0))
    assert entry(project, users["kefu1"], severity=Severity.NORMAL).pk
    assert EmergencyReport.objects.count() == 1


@pytest.mark.req("DUTY-LOG-3")
def test_the_written_report_is_refused_until_a_photo_is_attached(project, users):
    report = major(project, users["kefu1"]).emergency_report
    log_emergency.fill_emergency_form(report=report, filled_by=users["kefu1"], measures="切断电源，通知工程部")
    with pytest.raises(DomainError) as info:
        log_emergency.submit_written_report(report=report, submitted_by=users["kefu1"], text="报告")
    assert info.value.code == "photo_required" and info.value.rule == "DUTY-LOG-3"
    report.refresh_from_db()
    assert report.report_submitted_at is None and report.report_text == ""
    log_emergency.attach_emergency_photo(report=report, uploaded_by=users["kefu1"], name="a.png", data=PNG)
    assert log_emergency.is_complete(report)
    done = log_emergency.submit_written_report(report=report, submitted_by=users["kefu1"], text="书面报告")
    assert done.report_submitted_at is not None
    with pytest.raises(Conflict) as info:
        log_emergency.fill_emergency_form(report=report, filled_by=users["kefu1"], measures="改写")
    assert info.value.code == "report_already_submitted"


@pytest.mark.req("DUTY-LOG-3")
def test_the_form_needs_its_measures_before_the_report(project, users):
    report = major(project, users["kefu1"]).emergency_report
    log_emergency.attach_emergency_photo(report=report, uploaded_by=users["kefu1"], name="a.png", data=PNG)
    with pytest.raises(DomainError) as info:
        log_emergency.submit_written_report(report=report, submitted_by=users["kefu1"], text="报告")
    assert info.value.code == "form_incomplete"


@pytest.mark.req("DUTY-LOG-3")
def test_only_the_manager_acknowledges_the_report(project, users):
    report = major(project, users["kefu1"]).emergency_report
    log_emergency.fill_emergency_form(report=report, filled_by=users["kefu1"], measures="m")
    log_emergency.attach_emergency_photo(report=report, uploaded_by=users["kefu1"], name="a.png", data=PNG)
    log_emergency.submit_written_report(report=report, submitted_by=users["kefu1"], text="t")
    with pytest.raises(NotAllowed) as info:
        log_emergency.acknowledge_report(report=report, received_by=users["kfzg"])
    assert info.value.code == "role_not_allowed"
    report.refresh_from_db()
    assert report.report_received_at is None
    assert log_emergency.acknowledge_report(report=report, received_by=users["jingli"]).report_received_by == users["jingli"]


@pytest.mark.req("DUTY-LOG-3")
def test_an_overdue_report_is_listed_and_reminded_once(project, users):
    report = major(project, users["kefu1"]).emergency_report
    assert not selectors.overdue_reports(project=project).exists()
    EmergencyReport.objects.filter(pk=report.pk).update(report_due_at=clock.now() - dt.timedelta(minutes=1))
    assert list(selectors.overdue_reports(project=project)) == [report]
    first = sweep_project(project)
    assert Notification.objects.filter(kind="duty.log.report_overdue", recipient=users["jingli"]).count() == 1
    assert Notification.objects.filter(kind="duty.log.report_overdue", recipient=users["kefu1"]).count() == 1
    assert first >= 2 and sweep_project(project) == 0
