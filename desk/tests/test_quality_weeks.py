"""Three spot checks a week, a check at each handover, reminders, the per-person summary and the
compliance rows (QUALITY-1)."""
import datetime as dt

import pytest

from core import clock
from core.models import Notification
from desk.compliance import Period
from desk.models import Nonconformity, QualityCheck
from desk.selectors import quality as selectors
from desk.services import quality as svc
from desk.sweeps.quality import sweep_project
from desk.tests.quality_helpers import check, completed_handover, nc


def move_to_week(c, monday):
    QualityCheck.objects.filter(pk=c.pk).update(week_start=monday,
                                                checked_at=clock.at_beijing(monday, dt.time(10, 0)))


def last_monday():
    return selectors.week_start(clock.today()) - dt.timedelta(days=7)


@pytest.mark.req("QUALITY-1")
def test_a_past_week_with_fewer_than_three_spot_checks_is_flagged_and_the_supervisor_reminded(project, users):
    monday = last_monday()
    for _i in range(2):
        move_to_week(check(project, users), monday)
    move_to_week(check(project, users, kind="handover", handover=completed_handover(project, users)), monday)
    week = selectors.weeks(project=project, start=monday, end=monday)[0]
    assert (week["count"], week["short"]) == (2, True)  # a handover check does not count as a spot check
    assert sweep_project(project) >= 2
    notified = set(Notification.objects.filter(kind="desk.quality.week_short")
                   .values_list("recipient__username", flat=True))
    assert notified == {"kfzg", "jingli"}
    before = Notification.objects.count()
    sweep_project(project)
    assert Notification.objects.count() == before


@pytest.mark.req("QUALITY-1")
def test_a_week_with_three_spot_checks_is_met_and_not_reminded(project, users):
    monday = last_monday()
    for _i in range(3):
        move_to_week(check(project, users), monday)
    assert selectors.weeks(project=project, start=monday, end=monday)[0]["ok"]
    sweep_project(project)
    assert not Notification.objects.filter(kind="desk.quality.week_short").exists()


@pytest.mark.req("QUALITY-1")
def test_compliance_counts_weeks_meeting_the_minimum_and_handovers_with_a_check(project, users):
    monday = last_monday() - dt.timedelta(days=7)
    for _i in range(3):
        move_to_week(check(project, users), monday)
    move_to_week(check(project, users), monday + dt.timedelta(days=7))
    checked = completed_handover(project, users)
    check(project, users, kind="handover", handover=checked)
    completed_handover(project, users)  # one handover without a check
    period = Period(monday, monday + dt.timedelta(days=13))
    weeks_row, handover_row = selectors.compliance(project=project, period=period)
    assert (weeks_row.numerator, weeks_row.denominator, weeks_row.ok) == (1, 2, False)
    assert weeks_row.policy_key == "desk.quality.checks_per_week" and "§4.4.3" in weeks_row.clause
    today = Period(clock.today(), clock.today())
    handover_row = selectors.compliance(project=project, period=today)[1]
    assert (handover_row.numerator, handover_row.denominator, handover_row.ok) == (1, 2, False)


@pytest.mark.req("QUALITY-1")
def test_the_monthly_summary_counts_nonconformities_per_person(project, users):
    c = check(project, users, failed=["值班记录", "前台环境"],
              rows=[nc(users), nc(users, item="前台环境"), nc(users, item="前台环境", person="kefu2")])
    late = c.nonconformities.get(person=users["kefu2"])
    Nonconformity.objects.filter(pk=late.pk).update(deadline=clock.today() - dt.timedelta(days=1))
    svc.close_nonconformity(nonconformity=c.nonconformities.get(item="值班记录"), closed_by=users["kfzg"], note="ok")
    rows = selectors.person_summary(project=project, period=Period(clock.today().replace(day=1), clock.today()))
    first, second = rows
    assert first["person"] == users["kefu1"] and (first["total"], first["closed"], first["on_time"]) == (2, 1, 1)
    assert second["person"] == users["kefu2"] and second["overdue"] == 1
    assert dict(first["items"]) == {"值班记录": 1, "前台环境": 1}
    sweep_project(project)
    assert Notification.objects.filter(kind="desk.quality.nc_overdue", recipient=users["kefu2"]).exists()
