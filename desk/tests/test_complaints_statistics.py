"""Monthly statistics, saved summaries with improvement proposals, compliance rows (COMPLAINT-1, -2)."""
import datetime as dt

import pytest

from core import clock
from core.errors import Conflict, DomainError
from desk.compliance import Period
from desk.models import Complaint, ComplaintSummary
from desk.selectors import complaints as selectors
from desk.services import complaints as svc
from desk.services.complaints_summary import save_summary
from desk.tests.complaints_helpers import complaint, sent


def _this_month():
    return selectors.period_for("month", clock.today())


@pytest.mark.req("COMPLAINT-2")
def test_monthly_statistics_count_by_subject_department_channel_and_vip(project, users):
    complaint(project, users["kefu1"])
    complaint(project, users["kefu1"], subject="服务态度", department="security", channel="visit", is_vip=True)
    sent(project, users)
    f = selectors.statistics(project=project, period=_this_month())
    assert f["total"] == 3 and f["vip"] == 1
    assert dict(f["by_subject"]) == {"噪音扰民": 2, "服务态度": 1}
    assert sum(dict(f["by_channel"]).values()) == 3 and len(f["by_department"]) == 2
    assert f["dispatch_in_time"] == 1 and f["dispatch_measured"] == 1


@pytest.mark.req("COMPLAINT-1")
def test_compliance_rows_measure_reaching_the_department_in_time(project, users):
    sent(project, users)
    late = complaint(project, users["kefu1"])
    Complaint.objects.filter(pk=late.pk).update(dispatch_due_at=clock.now() - dt.timedelta(minutes=5))
    rows = selectors.compliance(project=project, period=_this_month())
    dispatch = rows[0]
    assert dispatch.rule == "COMPLAINT-1" and dispatch.policy_key == "desk.complaints.dispatch_minutes"
    assert (dispatch.numerator, dispatch.denominator, dispatch.ok) == (1, 2, False)
    assert rows[1].rule == "COMPLAINT-2" and rows[1].ok is None  # nothing handled or overdue yet


@pytest.mark.req("COMPLAINT-2")
def test_the_supervisor_saves_a_summary_with_figures_snapshotted(project, users, travel):
    travel(clock.at_beijing(dt.date(2026, 5, 3), dt.time(9, 0)))  # early in May: April has ended
    in_april = clock.at_beijing(dt.date(2026, 4, 15), dt.time(10, 0))
    complaint(project, users["kefu1"])
    Complaint.objects.update(registered_at=in_april)
    s = save_summary(project=project, created_by=users["kfzg"], kind="month", day=dt.date(2026, 4, 30),
                     proposals="加强巡查")
    assert (s.start, s.end) == (dt.date(2026, 4, 1), dt.date(2026, 4, 30)) and s.figures["total"] == 1
    late_entry = complaint(project, users["kefu1"])
    Complaint.objects.filter(pk=late_entry.pk).update(registered_at=in_april)
    s.refresh_from_db()
    assert s.figures["total"] == 1  # the saved figures stay as they were when the supervisor signed them
    assert selectors.statistics(project=project, period=Period(s.start, s.end))["total"] == 2
    with pytest.raises(Conflict):
        save_summary(project=project, created_by=users["kfzg"], kind="month", day=dt.date(2026, 4, 30),
                     proposals="再来")
    assert ComplaintSummary.objects.count() == 1


@pytest.mark.req("COMPLAINT-2")
def test_a_summary_needs_the_supervisor_proposals_and_an_ended_period(project, users):
    last_year = dt.date(clock.today().year - 1, 6, 1)
    with pytest.raises(DomainError) as info:
        save_summary(project=project, created_by=users["kefu1"], kind="year", day=last_year, proposals="x")
    assert info.value.status == 403
    with pytest.raises(DomainError) as info:
        save_summary(project=project, created_by=users["kfzg"], kind="quarter", day=last_year, proposals=" ")
    assert info.value.code == "required"
    with pytest.raises(DomainError) as info:
        save_summary(project=project, created_by=users["kfzg"], kind="year", day=clock.today(), proposals="x")
    assert info.value.code == "period_not_ended"
    assert not ComplaintSummary.objects.exists()
    s = save_summary(project=project, created_by=users["kfzg"], kind="quarter", day=last_year, proposals="改进")
    assert (s.start, s.end) == (dt.date(last_year.year, 4, 1), dt.date(last_year.year, 6, 30))
    assert len(s.figures["by_month"]) == 3


def test_periods_are_whole_months_quarters_and_years():
    assert selectors.period_for("quarter", dt.date(2025, 11, 5)) == Period(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert selectors.period_for("month", dt.date(2024, 2, 10)) == Period(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert len(selectors.months_of(selectors.period_for("year", dt.date(2025, 3, 3)))) == 12


def test_vip_flag_does_not_leak_between_calls(project, users):
    assert not svc.register_complaint(project=project, registered_by=users["kefu1"], person_name="a", phone="",
                                      content="c", channel="other").is_vip
